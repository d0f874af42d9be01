/** The events of the status subscriptions: student orders, student statuses, Single Window requests. */
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { DateTime } from '../../graphql/scalars';
import { OrderType } from '../../domain/orders';
import { ResponsibleUnit, ServiceRequestStatus } from '../../domain/registrar';
import { StudentStatus } from '../../domain/students';
import { OrderChange } from '../../domain/live';

registerEnumType(OrderChange, {
  name: 'OrderChange',
  description: 'What happened to a student order.',
  valuesConfig: {
    CREATED: { description: 'The order was entered into AVN (usually as a draft).' },
    SIGNED: { description: 'The order was signed and is now in force.' },
    CANCELLED: { description: 'The order was revoked.' },
  },
});

@HubObject('A student order that was created, signed or cancelled.', { node: false })
export class OrderEvent {
  /** Hidden keys for the guard and the relations. */
  orderKey!: number;
  facultyKey!: number | null;

  @Field(() => String, { description: 'This event\'s position in the hub\'s event log; pass the last one as `after` to resume.' })
  cursor!: string;

  @Field(() => OrderChange, { description: 'Created, signed or cancelled.' })
  change!: OrderChange;

  @Field(() => DateTime, { description: 'When AVN recorded the change.' })
  at!: Date;
}

@InputType({ description: 'Which order changes to receive. All given conditions must hold.' })
export class OrderEventWhere {
  @Field(() => ID, { nullable: true, description: 'Only orders issued for this faculty (a Faculty id).' })
  facultyId?: string;

  @Field(() => OrderType, { nullable: true, description: 'Only orders of this type.' })
  type?: OrderType;
}

@HubObject('A student whose study status changed (e.g. to academic leave or expelled).', { node: false })
export class StudentStatusEvent {
  studentKey!: number;
  groupKey!: number;
  facultyKey!: number;

  @Field(() => String, { description: 'This event\'s position in the hub\'s event log; pass the last one as `after` to resume.' })
  cursor!: string;

  @Field(() => StudentStatus, { description: 'The status after the change.' })
  status!: StudentStatus;

  @Field(() => StudentStatus, { nullable: true, description: 'The status before the change.' })
  previousStatus!: StudentStatus | null;

  @Field(() => DateTime, { description: 'When AVN recorded the change.' })
  at!: Date;
}

@InputType({ description: 'Which students\' status changes to receive.' })
export class StudentStatusEventWhere {
  @Field(() => ID, { nullable: true, description: 'Only students of this faculty (a Faculty id).' })
  facultyId?: string;
}

@HubObject('A Single Window service request that was submitted or moved to another status.', { node: false })
export class ServiceRequestEvent {
  requestKey!: number;
  studentNumber!: string | null;
  applicantPin!: string | null;

  @Field(() => String, { description: 'This event\'s position in the hub\'s event log; pass the last one as `after` to resume.' })
  cursor!: string;

  @Field(() => ServiceRequestStatus, { description: 'The status after the change (SUBMITTED for a new request).' })
  status!: ServiceRequestStatus;

  @Field(() => ServiceRequestStatus, { nullable: true, description: 'The status before the change; null for a new request.' })
  previousStatus!: ServiceRequestStatus | null;

  @Field(() => DateTime, { description: 'When the registrar recorded the change.' })
  at!: Date;
}

@InputType({ description: 'Which service request changes to receive. All given conditions must hold.' })
export class ServiceRequestEventWhere {
  @Field(() => ResponsibleUnit, { nullable: true, description: 'Only requests handled by this unit.' })
  unit?: ResponsibleUnit;

  @Field(() => ServiceRequestStatus, { nullable: true, description: 'Only changes to this status.' })
  status?: ServiceRequestStatus;
}
