/**
 * AVN → student orders: how AVN's prikaz / prikaz_tip / prikaz_student rows become the hub's order
 * records, the order lists (root, per faculty, an order's students) with their filters, orders and
 * the viewer's row limit, and the loaders that read orders in batches.
 */
import { argsKey, type SourceContext } from '../../db/read-context';
import type DataLoader from 'dataloader';
import { byKeyLoader, manyByKeyLoader } from '../../db/loaders';
import { loadList, nestedListLoader } from '../../db/list-loaders';
import { type ConnectionShape, type Page, type SortColumn } from '../../db/pages';
import type { ListRequest } from '../../db/list-request';
import { toGlobalId } from '../../domain/global-id';
import type { Reach } from '../../domain/reach';
import type { Params } from '../../db/sql';
import { OrderStatus, OrderType, type OrderFilter, type OrderRecord, type OrderSort, type OrderStudentRecord } from '../../domain/orders';
import { orderScope, orderStudentScope } from './avn.scopes';

const avn = (context: SourceContext) => context.db.avn;

interface PrikazRow {
  prikaz_id: number; nomer: string; data: string; tip_kod: string; tip_name: string; fak_id: number | null;
  status: string; osnovanie: string | null; podpisal_emp_id: number | null; sozdan: Date;
}
interface PrikazStudentRow {
  ps_id: number; prikaz_id: number; stud_id: number; iz_grp_id: number | null; v_grp_id: number | null; prichina: string | null;
}

/** The order table with its type (the type's code, not its number, is the stable key). */
const PRIKAZ_FROM = 'prikaz p join prikaz_tip pt on pt.tip_id = p.tip_id';
const PRIKAZ_COLUMNS = 'p.prikaz_id, p.nomer, p.data, pt.kod as tip_kod, pt.name_ky as tip_name, p.fak_id, p.status, p.osnovanie, p.podpisal_emp_id, p.sozdan';

const TYPE_BY_CODE: Record<string, OrderType> = {
  zachislenie: OrderType.ADMISSION,
  perevod: OrderType.TRANSFER,
  akadem: OrderType.ACADEMIC_LEAVE,
  vosstanovlenie: OrderType.REINSTATEMENT,
  otchislenie: OrderType.EXPULSION,
  vypusk: OrderType.GRADUATION,
};
const CODE_BY_TYPE = Object.fromEntries(Object.entries(TYPE_BY_CODE).map(([code, type]) => [type, code])) as Record<OrderType, string>;

const STATUS_BY_CODE: Record<string, OrderStatus> = { proekt: OrderStatus.DRAFT, podpisan: OrderStatus.SIGNED, otmenen: OrderStatus.CANCELLED };
const CODE_BY_STATUS = Object.fromEntries(Object.entries(STATUS_BY_CODE).map(([code, status]) => [status, code])) as Record<OrderStatus, string>;

function toOrder(r: PrikazRow): OrderRecord {
  return {
    __typename: 'Order', id: toGlobalId('Order', r.prikaz_id), key: r.prikaz_id, facultyKey: r.fak_id, signedByKey: r.podpisal_emp_id,
    number: r.nomer, date: r.data, type: TYPE_BY_CODE[r.tip_kod], typeName: r.tip_name, status: STATUS_BY_CODE[r.status],
    grounds: r.osnovanie, createdAt: r.sozdan,
  };
}

function toOrderStudent(r: PrikazStudentRow): OrderStudentRecord {
  return {
    __typename: 'OrderStudent', key: r.ps_id, orderKey: r.prikaz_id, studentKey: r.stud_id,
    fromGroupKey: r.iz_grp_id, toGroupKey: r.v_grp_id, reason: r.prichina,
  };
}

/** The SQL conditions of `filter` over PRIKAZ_FROM, shared by the root list and per-faculty lists. */
function orderConditions(filter: OrderFilter, p: Params): (string | false)[] {
  return [
    !!filter.type && `pt.kod = ${p.add(CODE_BY_TYPE[filter.type])}`,
    !!filter.status && `p.status = ${p.add(CODE_BY_STATUS[filter.status])}`,
    filter.facultyKey != null && `p.fak_id = ${p.add(filter.facultyKey)}`,
    !!filter.dateFrom && `p.data >= ${p.add(filter.dateFrom)}::date`,
    !!filter.dateTo && `p.data <= ${p.add(filter.dateTo)}::date`,
    // Exact match: order numbers are short codes ("123-к"), searched as printed.
    !!filter.number && `p.nomer = ${p.add(filter.number)}`,
    filter.studentKey != null && `exists (select 1 from prikaz_student ps where ps.prikaz_id = p.prikaz_id and ps.stud_id = ${p.add(filter.studentKey)})`,
  ];
}

/** Access (avn.scopes.ts): the viewer's limit on order lists, over PRIKAZ_FROM's aliases. */
const ORDER_SCOPE = { order: 'p.prikaz_id', faculty: 'p.fak_id' };

const SORT_COLUMN: Record<OrderSort, { sql: string; key: string }> = {
  date: { sql: 'p.data', key: 'data' },
  number: { sql: 'p.nomer', key: 'nomer' },
};

/** The order's sort columns, ending with the unique prikaz_id (same direction) so keyset cursors are exact. */
function orderSort(sort: OrderSort, desc: boolean): SortColumn[] {
  return [{ ...SORT_COLUMN[sort], desc }, { sql: 'p.prikaz_id', key: 'prikaz_id', desc }];
}

/** One page of the orders the viewer may see. */
export function listOrders(c: SourceContext, request: ListRequest<OrderFilter, OrderSort>): Promise<ConnectionShape<OrderRecord>> {
  const { filter, reach } = request;
  return loadList<PrikazRow & Record<string, unknown>, OrderRecord>(
    avn(c),
    {
      from: PRIKAZ_FROM,
      columns: PRIKAZ_COLUMNS,
      filters: (p) => [...orderConditions(filter, p), orderScope(reach, p, ORDER_SCOPE)],
      sort: orderSort(request.sort, request.desc),
    },
    request.page,
    toOrder,
  );
}

export const orderById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.orderById', avn, `select ${PRIKAZ_COLUMNS}, p.prikaz_id as _key from ${PRIKAZ_FROM} where p.prikaz_id = any($1::int[])`, toOrder);

/** A student's orders, newest first (optionally only those of one status). */
export const ordersByStudent = (c: SourceContext, status: OrderStatus | null) =>
  status
    ? manyByKeyLoader(c, `avn.ordersByStudent:${status}`, avn,
      `select ${PRIKAZ_COLUMNS}, ps.stud_id as _key from prikaz_student ps join ${PRIKAZ_FROM} on p.prikaz_id = ps.prikaz_id
       where ps.stud_id = any($1::int[]) and p.status = '${CODE_BY_STATUS[status]}' order by p.data desc, p.prikaz_id desc`, toOrder)
    : manyByKeyLoader(c, 'avn.ordersByStudent', avn,
      `select ${PRIKAZ_COLUMNS}, ps.stud_id as _key from prikaz_student ps join ${PRIKAZ_FROM} on p.prikaz_id = ps.prikaz_id
       where ps.stud_id = any($1::int[]) order by p.data desc, p.prikaz_id desc`, toOrder);

/**
 * One page of orders per faculty, one statement for all faculties of the batch; faculties asked
 * for with the same request share it. A faculty's orders only as far as the viewer may see them
 * (another faculty's: none, and a count of 0).
 */
export function ordersByFaculty(c: SourceContext, request: ListRequest<OrderFilter, OrderSort>): DataLoader<number, ConnectionShape<OrderRecord>> {
  const { reach, ...asked } = request;
  return c.loader(argsKey('avn.ordersByFaculty', asked), () =>
    nestedListLoader<number, PrikazRow & Record<string, unknown>, OrderRecord>(
      avn(c),
      {
        from: PRIKAZ_FROM,
        columns: PRIKAZ_COLUMNS,
        parentColumn: 'p.fak_id',
        parentArrayType: 'int[]',
        filters: (p) => [...orderConditions(request.filter, p), orderScope(reach, p, ORDER_SCOPE)],
        sort: orderSort(request.sort, request.desc),
      },
      request.page,
      toOrder,
    ),
  );
}

/**
 * The students of an order by surname and name, one page per order, one statement per batch;
 * only the lines the viewer may see (a student: its own), so pages, cursors and counts hold
 * nothing else.
 */
export function orderStudentsByOrder(c: SourceContext, request: { page: Page; reach: Reach }): DataLoader<number, ConnectionShape<OrderStudentRecord>> {
  const { page, reach } = request;
  return c.loader(argsKey('avn.orderStudentsByOrder', page), () =>
    nestedListLoader<number, PrikazStudentRow & Record<string, unknown>, OrderStudentRecord>(
      avn(c),
      {
        from: 'prikaz_student ps join students s on s.stud_id = ps.stud_id',
        columns: 'ps.ps_id, ps.prikaz_id, ps.stud_id, ps.iz_grp_id, ps.v_grp_id, ps.prichina, s.fam, s.imya',
        parentColumn: 'ps.prikaz_id',
        parentArrayType: 'int[]',
        filters: (p) => [orderStudentScope(reach, p, 'ps.stud_id')],
        sort: [{ sql: 's.fam', key: 'fam' }, { sql: 's.imya', key: 'imya' }, { sql: 'ps.ps_id', key: 'ps_id' }],
      },
      page,
      toOrderStudent,
    ),
  );
}

/** How many students each order names. */
export const studentCountByOrder = (c: SourceContext) =>
  byKeyLoader(c, 'avn.studentCountByOrder', avn,
    'select ps.prikaz_id as _key, count(*)::int as n from prikaz_student ps where ps.prikaz_id = any($1::int[]) group by ps.prikaz_id',
    (r: { _key: number; n: number }) => r.n);
