/** The staffing table (AVN 7) and the employees' assignments to its positions. */
import { Field, Float, registerEnumType } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { LocalDate } from '../../graphql/scalars';
import { ConnectionType } from '../../graphql/connection';
import { PositionCategory, StaffUnitKind, type EmployeePositionRecord, type StaffingPositionRecord } from '../../domain/staff';

registerEnumType(PositionCategory, {
  name: 'PositionCategory',
  description: 'Staff category of a position in the staffing table.',
  valuesConfig: {
    TEACHING: { description: 'Teaching staff (ПОК/ППС): professors, docents, senior teachers, teachers.' },
    ADMINISTRATIVE: { description: 'Administrative and management staff (АБП/АУП): rector\'s office, deans, heads of offices, specialists.' },
    SUPPORT: { description: 'Teaching-support staff (ОКП/УВП): laboratory assistants, methodologists, inspectors.' },
  },
});

registerEnumType(StaffUnitKind, {
  name: 'StaffUnitKind',
  description: 'Which kind of unit a staffing position belongs to.',
  valuesConfig: {
    CHAIR: { description: 'A chair (кафедра); `chair` is set, and `faculty` is the chair\'s faculty.' },
    FACULTY: { description: 'A faculty or institute itself (e.g. the dean\'s office); `faculty` is set, `chair` is null.' },
    CENTRAL: { description: 'The university\'s central administration (rectorate, central offices); `faculty` and `chair` are null.' },
  },
});

@HubObject('A line of the staffing table (штаттык расписание, AVN 7): one position in one unit with its number of rates and salary. Source: AVN.')
export class StaffingPosition implements StaffingPositionRecord {
  __typename!: 'StaffingPosition';
  id!: string;
  /** The staffing line's key in AVN. */
  key!: number;
  /** The unit's faculty: the line's own, or its chair's faculty when only the chair is recorded. */
  facultyKey!: number | null;
  chairKey!: number | null;

  @Field({ description: 'Title of the position (e.g. "доцент", "декан", "лаборант").' })
  title!: string;

  @Field(() => PositionCategory, { description: 'Staff category of the position.' })
  category!: PositionCategory;

  @Field(() => StaffUnitKind, { description: 'Whether the position belongs to a chair, a faculty itself or the central administration.' })
  unitKind!: StaffUnitKind;

  @Field(() => Float, { description: 'Number of full-time rates (ставок) the table provides for this position.' })
  rates!: number;

  @Field(() => Float, { description: 'Monthly salary (оклад) of one full rate, in som (KGS).' })
  salary!: number;

  @Field(() => Float, { description: 'Rates taken by current assignments (sum of their `rate`), as of today.' })
  filledRates!: number;

  @Field(() => Float, { description: 'Rates still free: `rates - filledRates`. Negative when the position is over-filled.' })
  vacantRates!: number;
}

@HubObject('One assignment of an employee to a position of the staffing table, with its rate and period. Source: AVN.', { node: false })
export class EmployeePosition implements EmployeePositionRecord {
  employeeKey!: number;
  staffingKey!: number;
  facultyKey!: number | null;
  chairKey!: number | null;

  @Field({ description: 'Title of the position (e.g. "доцент", "декан").' })
  title!: string;

  @Field(() => PositionCategory, { description: 'Staff category of the position.' })
  category!: PositionCategory;

  @Field(() => StaffUnitKind, { description: 'Whether the position is in a chair, a faculty itself or the central administration.' })
  unitKind!: StaffUnitKind;

  @Field(() => Float, { description: 'Share of a full rate (ставка) the employee holds, e.g. 1, 0.5, 0.25.' })
  rate!: number;

  @Field(() => LocalDate, { description: 'First day of the assignment.' })
  startDate!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day of the assignment; null while open-ended.' })
  endDate!: string | null;

  @Field({ description: 'True when the assignment holds today (started and not ended).' })
  isCurrent!: boolean;
}

export const StaffingPositionConnection = ConnectionType(StaffingPosition, 'StaffingPosition', 'staffing table position');
