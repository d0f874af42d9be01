/** Student order lists: input checks, the root list and the per-faculty and per-order pages. */
import { validationFailed } from '../../common/errors';
import type { HubContext } from '../../graphql/context';
import { argsKey } from '../../db/read-context';
import { loadList } from '../../db/list-loaders';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import { OrderDirection, sortBy } from '../../graphql/ordering';
import {
  ORDER_SORT, PRIKAZ_COLUMNS, PRIKAZ_FROM, orderConditions, orderStudentsByOrder, ordersByFaculty, toOrder,
  type OrderCriteria, type PrikazRow,
} from '../../sources/avn/avn.orders';
import { OrderSortField, type FacultyOrderWhere, type FacultyOrdersArgs, type OrderSort, type OrderStudentsArgs, type OrdersArgs } from './order.inputs';
import type { Order } from './order.types';
import { orderScope, orderStudentScope } from '../../sources/avn/avn.scopes';
import { viewerReach } from '../../auth/policies';
import type { Params } from '../../db/sql';

/** Access (src/sources/avn/avn.scopes.ts): the viewer's limit on order lists, over PRIKAZ_FROM's aliases. */
const ORDER_SCOPE = { order: 'p.prikaz_id', faculty: 'p.fak_id' };

/** Checks the parts of a filter that the schema cannot (a date range that ends before it starts). */
function criteriaOf(where: FacultyOrderWhere | undefined): OrderCriteria {
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
  return { sort: sortBy(ORDER_SORT[field], direction, ORDER_SORT.TIE), orderKey: `orders:${field}:${direction}` };
}

export function listOrders(context: HubContext, args: OrdersArgs) {
  const criteria: OrderCriteria = {
    ...criteriaOf(args.where),
    facultyKey: args.where?.facultyId ? intKeyOf(args.where.facultyId, 'Faculty') : null,
    studentKey: args.where?.studentId ? intKeyOf(args.where.studentId, 'Student') : null,
  };
  const { sort, orderKey } = sortOf(args.orderBy);
  return loadList<PrikazRow & Record<string, unknown>, Order>(
    context.db.avn,
    { from: PRIKAZ_FROM, columns: PRIKAZ_COLUMNS, filters: (p) => [...orderConditions(criteria, p), orderScope(viewerReach(context), p, ORDER_SCOPE)], sort },
    readPage(args, orderKey),
    toOrder,
  );
}

/** One faculty's page of orders; faculties asked for with the same arguments share one statement. */
export function facultyOrders(context: HubContext, facultyKey: number, args: FacultyOrdersArgs) {
  // Access: a faculty's orders only as far as the viewer may see them (another faculty's: none, and a count of 0).
  const criteria: OrderCriteria = { ...criteriaOf(args.where), scope: (p) => orderScope(viewerReach(context), p, ORDER_SCOPE) };
  const { sort, orderKey } = sortOf(args.orderBy);
  const page = readPage(args, `faculty-${orderKey}`);
  return ordersByFaculty(context, argsKey('avn.ordersByFaculty', args), criteria, sort, page).load(facultyKey);
}

export function orderStudents(context: HubContext, orderKey: number, args: OrderStudentsArgs) {
  const page = readPage(args, 'order-students:name');
  // Access: only the lines the viewer may see (a student: its own), so totalCount and cursors hold nothing else.
  const scope = (p: Params) => orderStudentScope(viewerReach(context), p, 'ps.stud_id');
  return orderStudentsByOrder(context, argsKey('avn.orderStudentsByOrder', args), page, scope).load(orderKey);
}
