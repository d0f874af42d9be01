/** The clearance events of the live module: a signed leaving order names a student who still owes a unit. */
import { Field, InputType, registerEnumType } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { DateTime } from '../../graphql/scalars';
import { Loan } from '../library/loan.types';
import { Placement } from '../dormitory/placement.types';
import { OrderType } from '../../domain/orders';
import { ClearanceUnit } from '../../domain/live';

registerEnumType(ClearanceUnit, {
  name: 'ClearanceUnit',
  description: 'A unit that must clear a leaving student (take back what it lent or housed).',
  valuesConfig: {
    LIBRARY: { description: 'The library: the student still has copies out on loan.' },
    DORMITORY: { description: 'The dormitory office: the student still has an active dormitory placement.' },
  },
});

@HubObject('A student named by a just-signed expulsion, graduation or academic-leave order who still owes one unit (library loans or a dormitory place).', { node: false })
export class ClearanceEvent {
  /** Hidden keys for the guard and the relations. */
  orderKey!: number;
  studentKey!: number;
  facultyKey!: number | null;
  /** What is owed, read when the order was signed (LIBRARY: loans; DORMITORY: placement). */
  owedLoans!: Loan[] | null;
  owedPlacement!: Placement | null;

  @Field(() => String, {
    description: 'This event\'s position: the order signing\'s place in the hub\'s event log, the student\'s key and the unit '
      + '(`<log cursor>:<student>:<unit>`). Pass the last one you received as `after` to resume, also in the middle of a signing.',
  })
  cursor!: string;

  @Field(() => ClearanceUnit, { description: 'The unit the student owes: LIBRARY (see `loans`) or DORMITORY (see `placement`).' })
  unit!: ClearanceUnit;

  @Field(() => OrderType, { description: 'The kind of signed order (EXPULSION, GRADUATION or ACADEMIC_LEAVE); `order` has the order itself for viewers who may read orders.' })
  orderType!: OrderType;

  @Field(() => DateTime, { description: 'When AVN recorded the signing.' })
  at!: Date;
}

@InputType({ description: 'Which clearance events to receive.' })
export class ClearanceEventWhere {
  @Field(() => ClearanceUnit, { nullable: true, description: 'Only this unit\'s events; omit for every unit you may see.' })
  unit?: ClearanceUnit;
}
