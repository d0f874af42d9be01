/** Student order lists: input checks, and the GraphQL arguments as the source's filters and sorts. */
import { validationFailed } from '../../common/errors';
import type { HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import type { OrderFilter, OrderSort as SortBy } from '../../domain/orders';
import { OrderDirection } from '../../graphql/ordering';
import { listOrders as listAvnOrders, orderStudentsByOrder, ordersByFaculty } from '../../sources/avn/avn.orders';
import { OrderSortField, type FacultyOrderWhere, type FacultyOrdersArgs, type OrderSort, type OrderStudentsArgs, type OrdersArgs } from './order.inputs';
import { viewerReach } from '../../auth/policies';

const SORT: Record<OrderSortField, SortBy> = { [OrderSortField.DATE]: 'date', [OrderSortField.NUMBER]: 'number' };

/** Checks the parts of a filter that the schema cannot (a date range that ends before it starts). */
function filterOf(where: FacultyOrderWhere | undefined): OrderFilter {
  const w = where ?? {};
  if (w.dateFrom && w.dateTo && w.dateFrom > w.dateTo) {
    throw validationFailed(`\`dateFrom\` (${w.dateFrom}) is after \`dateTo\` (${w.dateTo}); the range would be empty.`, 'where.dateFrom');
  }
  return { type: w.type, status: w.status, dateFrom: w.dateFrom, dateTo: w.dateTo, number: w.number };
}

function sortOf(orderBy: OrderSort | undefined) {
  const field = orderBy?.field ?? OrderSortField.DATE;
  // Newest first by default: registries of orders are read from the latest.
  const direction = orderBy?.direction ?? (orderBy ? OrderDirection.ASC : OrderDirection.DESC);
  return { sort: SORT[field], desc: direction === OrderDirection.DESC, orderKey: `orders:${field}:${direction}` };
}

export function listOrders(context: HubContext, args: OrdersArgs) {
  const filter: OrderFilter = {
    ...filterOf(args.where),
    facultyKey: args.where?.facultyId ? intKeyOf(args.where.facultyId, 'Faculty') : null,
    studentKey: args.where?.studentId ? intKeyOf(args.where.studentId, 'Student') : null,
  };
  const { sort, desc, orderKey } = sortOf(args.orderBy);
  return listAvnOrders(context, { filter, sort, desc, page: readPage(args, orderKey), reach: viewerReach(context) });
}

/** One faculty's page of orders; faculties asked for with the same arguments share one statement. */
export function facultyOrders(context: HubContext, facultyKey: number, args: FacultyOrdersArgs) {
  const { sort, desc, orderKey } = sortOf(args.orderBy);
  const page = readPage(args, `faculty-${orderKey}`);
  return ordersByFaculty(context, { filter: filterOf(args.where), sort, desc, page, reach: viewerReach(context) }).load(facultyKey);
}

export function orderStudents(context: HubContext, orderKey: number, args: OrderStudentsArgs) {
  const page = readPage(args, 'order-students:name');
  // Access: only the lines the viewer may see (a student: its own), so totalCount and cursors hold nothing else.
  return orderStudentsByOrder(context, { page, reach: viewerReach(context) }).load(orderKey);
}
