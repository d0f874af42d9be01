/** Student orders (приказ, AVN 2 and AVN 9): the legal acts that admit, move and release students. */
import { Field, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection';
import { HubObject } from '../../graphql/object-type';
import { DateTime, LocalDate } from '../../graphql/scalars';
import { OrderType, OrderStatus, type OrderRecord, type OrderStudentRecord } from '../../domain/orders';

registerEnumType(OrderType, {
  name: 'OrderType',
  description: 'What a student order does to the students it names.',
  valuesConfig: {
    ADMISSION: { description: 'Admission (зачисление / кабыл алуу): applicants become students of a group.' },
    TRANSFER: { description: 'Transfer (перевод / которуу) to another group, programme or year of study.' },
    ACADEMIC_LEAVE: { description: 'Academic leave (академический отпуск / академиялык өргүү): study is paused.' },
    REINSTATEMENT: { description: 'Reinstatement (восстановление / калыбына келтирүү) after leave or expulsion.' },
    EXPULSION: { description: 'Expulsion (отчисление / чыгаруу): the student leaves the university.' },
    GRADUATION: { description: 'Graduation (выпуск / бүтүрүү): the student completed the programme.' },
  },
});

registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'Where a student order is in its life: only SIGNED orders have legal effect.',
  valuesConfig: {
    DRAFT: { description: 'Prepared by the student HR office but not signed yet; may still change.' },
    SIGNED: { description: 'Signed by the rector or an authorised officer; in force.' },
    CANCELLED: { description: 'Revoked; kept for the record, without effect.' },
  },
});

@HubObject('A student order (приказ, AVN 2/9): admission, transfer, academic leave, reinstatement, expulsion or graduation of one or more students. Source: AVN.')
export class Order implements OrderRecord {
  __typename!: 'Order';
  id!: string;
  /** The order's key in AVN. */
  key!: number;
  /** The key of the faculty the order was issued for; null for university-wide orders. */
  facultyKey!: number | null;
  /** The employee key of the signatory; null while a draft. */
  signedByKey!: number | null;

  @Field({ description: 'Order number as printed on the document, e.g. "123-к". Unique only together with the date.' })
  number!: string;

  @Field(() => LocalDate, { description: 'Date of the order (the day it takes effect).' })
  date!: string;

  @Field(() => OrderType, { description: 'What the order does.' })
  type!: OrderType;

  @Field({ description: 'Name of the order type in Kyrgyz, as AVN prints it on the document.' })
  typeName!: string;

  @Field(() => OrderStatus, { description: 'Draft, signed or cancelled; only signed orders are in force.' })
  status!: OrderStatus;

  @Field(() => String, { nullable: true, description: 'Grounds of the order (основание), e.g. the application or memo it rests on; null when not recorded.' })
  grounds!: string | null;

  @Field(() => DateTime, { description: 'When the order was entered into AVN.' })
  createdAt!: Date;
}

@HubObject('One student named in an order, with the groups the order moves them between. Source: AVN.', { node: false })
export class OrderStudent implements OrderStudentRecord {
  __typename!: 'OrderStudent';
  /** The order line's key in AVN (unique per line; the list's tie-breaker). */
  key!: number;
  orderKey!: number;
  studentKey!: number;
  fromGroupKey!: number | null;
  toGroupKey!: number | null;

  @Field(() => String, { nullable: true, description: 'Reason stated for this student (e.g. "own wish", "academic debt"); null when the order gives none.' })
  reason!: string | null;
}

export const OrderConnection = ConnectionType(Order, 'Order', 'student order');
export const OrderStudentConnection = ConnectionType(OrderStudent, 'OrderStudent', 'student named in an order');
