/** Filters, orders and arguments of the staff lists and relations. */
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Identifying } from '../../graphql/personal-data';
import { PageArgs } from '../../graphql/connection';
import { OrderDirection } from '../../graphql/ordering';
import { PositionCategory } from '../../domain/staff';
import { AcademicTerm } from '../../domain/curriculum';

@InputType({ description: 'Which employees to list. All conditions must hold.' })
export class EmployeeWhere {
  @Field(() => ID, { nullable: true, description: 'Only employees holding a current position in this chair.' })
  chairId?: string;

  @Field(() => ID, { nullable: true, description: 'Only employees holding a current position in this faculty (its own units or its chairs).' })
  facultyId?: string;

  @Field({ nullable: true, description: 'Only teaching staff (true) or only other staff (false).' })
  isTeachingStaff?: boolean;

  @Field({ nullable: true, description: 'Only current (true) or only former (false) employees.' })
  isActive?: boolean;

  @Identifying()
  @Field({ nullable: true, description: 'Only employees whose surname, given name or patronymic contains this text (case-insensitive).' })
  nameContains?: string;

  @Identifying()
  @Field({ nullable: true, description: 'Only the employee with exactly this personnel number.' })
  personnelNumber?: string;
}

export enum EmployeeOrderField {
  NAME = 'NAME',
  PERSONNEL_NUMBER = 'PERSONNEL_NUMBER',
}
registerEnumType(EmployeeOrderField, {
  name: 'EmployeeOrderField',
  description: 'What employees can be sorted by.',
  valuesConfig: { NAME: { description: 'Surname, then given name.' }, PERSONNEL_NUMBER: { description: 'Personnel number (as text).' } },
});

@InputType({ description: 'Sort order of employees (ties are broken by employee).' })
export class EmployeeOrder {
  @Field(() => EmployeeOrderField, { description: 'Sort by this.' })
  field!: EmployeeOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Sort direction.' })
  direction!: OrderDirection;
}

@ArgsType()
export class EmployeesArgs extends PageArgs {
  @Field(() => EmployeeWhere, { nullable: true, description: 'Filter; omit to list every employee.' })
  where?: EmployeeWhere;

  @Field(() => EmployeeOrder, { nullable: true, description: 'Sort order; by name unless given.' })
  orderBy?: EmployeeOrder;
}

@InputType({ description: 'Which lines of the staffing table to list. All conditions must hold.' })
export class StaffingPositionWhere {
  @Field(() => ID, { nullable: true, description: 'Only positions of this faculty: its own (e.g. the dean\'s office) and its chairs\'.' })
  facultyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only positions of this chair.' })
  chairId?: string;

  @Field(() => PositionCategory, { nullable: true, description: 'Only positions of this staff category.' })
  category?: PositionCategory;

  @Field({ nullable: true, description: 'True: only positions with vacant rates left; false: only fully (or over-) filled ones.' })
  hasVacancy?: boolean;
}

export enum StaffingPositionOrderField {
  TITLE = 'TITLE',
  RATES = 'RATES',
  VACANT_RATES = 'VACANT_RATES',
  SALARY = 'SALARY',
}
registerEnumType(StaffingPositionOrderField, {
  name: 'StaffingPositionOrderField',
  description: 'What staffing-table lines can be sorted by.',
  valuesConfig: {
    TITLE: { description: 'Position title.' },
    RATES: { description: 'Number of rates.' },
    VACANT_RATES: { description: 'Vacant rates (use DESC to see the largest vacancies first).' },
    SALARY: { description: 'Salary of one rate.' },
  },
});

@InputType({ description: 'Sort order of the staffing table (ties are broken by line).' })
export class StaffingPositionOrder {
  @Field(() => StaffingPositionOrderField, { description: 'Sort by this.' })
  field!: StaffingPositionOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Sort direction.' })
  direction!: OrderDirection;
}

@ArgsType()
export class StaffingTableArgs extends PageArgs {
  @Field(() => StaffingPositionWhere, { nullable: true, description: 'Filter; omit for the whole university\'s table.' })
  where?: StaffingPositionWhere;

  @Field(() => StaffingPositionOrder, { nullable: true, description: 'Sort order; by title unless given.' })
  orderBy?: StaffingPositionOrder;
}

@ArgsType()
export class TeachingLoadArgs {
  @Field({ nullable: true, description: 'Academic year, e.g. "2026-2027"; the current academic year when omitted.' })
  academicYear?: string;

  @Field(() => AcademicTerm, { nullable: true, description: 'Only the load of this term (autumn or spring); the whole year when omitted.' })
  term?: AcademicTerm;

  @Field(() => Int, { nullable: true, description: 'Only the load for groups in this semester of study (1, 2, 3, … as in the curricula).' })
  semester?: number;
}

@ArgsType()
export class GroupsTaughtArgs {
  @Field({ nullable: true, description: 'Only groups taught in this academic year (e.g. "2026-2027"); every year when omitted.' })
  academicYear?: string;

  @Field(() => AcademicTerm, { nullable: true, description: 'Only groups taught in this term (of `academicYear` when given; of any year otherwise).' })
  term?: AcademicTerm;
}

@ArgsType()
export class GroupTeachingLoadArgs {
  @Field({ nullable: true, description: 'Academic year, e.g. "2026-2027"; the current academic year when omitted.' })
  academicYear?: string;

  @Field(() => AcademicTerm, { nullable: true, description: 'Term of that year; the current term (autumn or spring) when omitted.' })
  term?: AcademicTerm;
}

@ArgsType()
export class ChairTeachingLoadArgs {
  @Field({ nullable: true, description: 'Academic year, e.g. "2026-2027"; the current academic year when omitted.' })
  academicYear?: string;
}
