/** Queries and relations of student orders. */
import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { registerNode } from '../../graphql/node';
import { facultyById, groupById } from '../../sources/avn/avn.organisation';
import { orderById, ordersByStudent, studentCountByOrder } from '../../sources/avn/avn.orders';
import { employeeById } from '../../sources/avn/avn.staff';
import { studentById } from '../../sources/avn/avn.students';
import { Faculty, Group } from '../organisation/organisation.types';
import { Employee } from '../staff/employee.types';
import { Student } from '../students/student.types';
import { FacultyOrdersArgs, OrderStudentsArgs, OrdersArgs } from './order.inputs';
import { facultyOrders, listOrders, orderStudents } from './order.service';
import { Order, OrderConnection, OrderStudent, OrderStudentConnection } from './order.types';
import { OrderStatus } from '../../domain/orders';

registerNode('Order', (key, c) => orderById(c).load(Number(key)));

@Resolver()
export class OrderQueries {
  @Query(() => OrderConnection, { nullable: true,
    description: 'Student orders (AVN 2/9), newest first unless sorted otherwise; filter by type, status, faculty, date range, number or a student named in them.',
  })
  orders(@Args() args: OrdersArgs, @Ctx() context: HubContext) {
    return listOrders(context, args);
  }
}

@Resolver(() => Order)
export class OrderRelations {
  @FieldResolver(() => Faculty, { nullable: true, description: 'The faculty or institute the order was issued for; null for university-wide orders.' })
  faculty(@Root() order: Order, @Ctx() context: HubContext) {
    return order.facultyKey === null ? null : facultyById(context).load(order.facultyKey);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The officer who signed the order; null while it is a draft or when AVN did not record it.' })
  signedBy(@Root() order: Order, @Ctx() context: HubContext) {
    return order.signedByKey === null ? null : employeeById(context).load(order.signedByKey);
  }

  @FieldResolver(() => OrderStudentConnection, { description: 'The students the order names, by surname and given name, with the groups it moves them between.' })
  students(@Root() order: Order, @Args() args: OrderStudentsArgs, @Ctx() context: HubContext) {
    return orderStudents(context, order.key, args);
  }

  @FieldResolver(() => Int, { description: 'How many students the order names.' })
  async studentCount(@Root() order: Order, @Ctx() context: HubContext) {
    return (await studentCountByOrder(context).load(order.key)) ?? 0;
  }
}

@Resolver(() => OrderStudent)
export class OrderStudentRelations {
  @FieldResolver(() => Order, { description: 'The order this line belongs to.' })
  order(@Root() line: OrderStudent, @Ctx() context: HubContext) {
    return orderById(context).load(line.orderKey);
  }

  @FieldResolver(() => Student, { description: 'The student the order names.' })
  student(@Root() line: OrderStudent, @Ctx() context: HubContext) {
    return studentById(context).load(line.studentKey);
  }

  @FieldResolver(() => Group, { nullable: true, description: 'The group the student was in before the order (null for admissions and where not recorded).' })
  fromGroup(@Root() line: OrderStudent, @Ctx() context: HubContext) {
    return line.fromGroupKey === null ? null : groupById(context).load(line.fromGroupKey);
  }

  @FieldResolver(() => Group, { nullable: true, description: 'The group the order puts the student in (null for expulsion, leave and graduation).' })
  toGroup(@Root() line: OrderStudent, @Ctx() context: HubContext) {
    return line.toGroupKey === null ? null : groupById(context).load(line.toGroupKey);
  }
}

@Resolver(() => Student)
export class StudentOrderRelations {
  @FieldResolver(() => [Order], { description: 'The student\'s order history (admission, transfers, leave, expulsion, graduation), newest first.' })
  orders(
    @Root() student: Student,
    @Arg('status', () => OrderStatus, { nullable: true, description: 'Only orders in this status; SIGNED gives the orders in force.' }) status: OrderStatus | null,
    @Ctx() context: HubContext,
  ) {
    return ordersByStudent(context, status ?? null).load(student.key);
  }
}

@Resolver(() => Faculty)
export class FacultyOrderRelations {
  @FieldResolver(() => OrderConnection, { description: 'Student orders issued for this faculty, newest first unless sorted otherwise.' })
  orders(@Root() faculty: Faculty, @Args() args: FacultyOrdersArgs, @Ctx() context: HubContext) {
    return facultyOrders(context, faculty.key, args);
  }
}

export const orderResolvers = [OrderQueries, OrderRelations, OrderStudentRelations, StudentOrderRelations, FacultyOrderRelations] as const;
