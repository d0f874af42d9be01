/** Filters and sort orders of the student order lists. */
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import { OrderDirection } from '../../graphql/ordering';
import { LocalDate } from '../../graphql/scalars';
import { OrderStatus, OrderType } from '../../domain/orders';

@InputType({ description: 'Which orders of a faculty to list. All conditions must hold.' })
export class FacultyOrderWhere {
  @Field(() => OrderType, { nullable: true, description: 'Only orders of this type.' })
  type?: OrderType;

  @Field(() => OrderStatus, { nullable: true, description: 'Only orders in this status (e.g. SIGNED for the orders in force).' })
  status?: OrderStatus;

  @Field(() => LocalDate, { nullable: true, description: 'Only orders dated on or after this day. Must not be after `dateTo`.' })
  dateFrom?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Only orders dated on or before this day.' })
  dateTo?: string;

  @Field({ nullable: true, description: 'Only orders with exactly this number as printed (e.g. "123-к"); numbers repeat across years, so combine with dates.' })
  number?: string;
}

@InputType({ description: 'Which student orders to list. All conditions must hold.' })
export class OrderWhere extends FacultyOrderWhere {
  @Field(() => ID, { nullable: true, description: 'Only orders issued for this faculty or institute (university-wide orders have none).' })
  facultyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only orders that name this student.' })
  studentId?: string;
}

export enum OrderSortField {
  DATE = 'DATE',
  NUMBER = 'NUMBER',
}
registerEnumType(OrderSortField, {
  name: 'OrderSortField',
  description: 'What student orders can be sorted by.',
  valuesConfig: {
    DATE: { description: 'Date of the order.' },
    NUMBER: { description: 'Order number as text (so "12-к" sorts before "2-к").' },
  },
});

@InputType({ description: 'Sort order of student orders (ties are broken by order, in the same direction).' })
export class OrderSort {
  @Field(() => OrderSortField, { description: 'Sort by this.' })
  field!: OrderSortField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Sort direction.' })
  direction!: OrderDirection;
}

@ArgsType()
export class OrdersArgs extends PageArgs {
  @Field(() => OrderWhere, { nullable: true, description: 'Filter; omit to list every order.' })
  where?: OrderWhere;

  @Field(() => OrderSort, { nullable: true, description: 'Sort order; newest first (DATE, DESC) unless given.' })
  orderBy?: OrderSort;
}

@ArgsType()
export class FacultyOrdersArgs extends PageArgs {
  @Field(() => FacultyOrderWhere, { nullable: true, description: 'Filter; omit to list every order of the faculty.' })
  where?: FacultyOrderWhere;

  @Field(() => OrderSort, { nullable: true, description: 'Sort order; newest first (DATE, DESC) unless given.' })
  orderBy?: OrderSort;
}

@ArgsType()
export class OrderStudentsArgs extends PageArgs {}
