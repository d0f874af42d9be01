/**
 * AVN → student orders: how AVN's prikaz / prikaz_tip / prikaz_student rows become the hub's Order
 * and OrderStudent, the filters the order lists share, and the loaders that read them in batches.
 */
import type { SourceContext } from '../../db/read-context';
import type DataLoader from 'dataloader';
import { byKeyLoader, manyByKeyLoader } from '../../db/loaders';
import { nestedListLoader } from '../../db/list-loaders';
import { type ConnectionShape, type Page, type SortColumn } from '../../db/pages';
import { toGlobalId } from '../../domain/global-id';
import type { Params } from '../../db/sql';
import { OrderStatus, OrderType } from '../../domain/orders';
import { type Order, type OrderStudent } from '../../modules/orders/order.types';

const avn = (context: SourceContext) => context.db.avn;

export interface PrikazRow {
  prikaz_id: number; nomer: string; data: string; tip_kod: string; tip_name: string; fak_id: number | null;
  status: string; osnovanie: string | null; podpisal_emp_id: number | null; sozdan: Date;
}
export interface PrikazStudentRow {
  ps_id: number; prikaz_id: number; stud_id: number; iz_grp_id: number | null; v_grp_id: number | null; prichina: string | null;
}

/** The order table with its type (the type's code, not its number, is the stable key). */
export const PRIKAZ_FROM = 'prikaz p join prikaz_tip pt on pt.tip_id = p.tip_id';
export const PRIKAZ_COLUMNS = 'p.prikaz_id, p.nomer, p.data, pt.kod as tip_kod, pt.name_ky as tip_name, p.fak_id, p.status, p.osnovanie, p.podpisal_emp_id, p.sozdan';

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

export function toOrder(r: PrikazRow): Order {
  return {
    __typename: 'Order', id: toGlobalId('Order', r.prikaz_id), key: r.prikaz_id, facultyKey: r.fak_id, signedByKey: r.podpisal_emp_id,
    number: r.nomer, date: r.data, type: TYPE_BY_CODE[r.tip_kod], typeName: r.tip_name, status: STATUS_BY_CODE[r.status],
    grounds: r.osnovanie, createdAt: r.sozdan,
  };
}

export function toOrderStudent(r: PrikazStudentRow): OrderStudent {
  return {
    __typename: 'OrderStudent', key: r.ps_id, orderKey: r.prikaz_id, studentKey: r.stud_id,
    fromGroupKey: r.iz_grp_id, toGroupKey: r.v_grp_id, reason: r.prichina,
  };
}

/** Conditions on orders in native keys (the module decodes global IDs before it gets here). */
export interface OrderCriteria {
  type?: OrderType | null;
  status?: OrderStatus | null;
  facultyKey?: number | null;
  /** Inclusive, 'YYYY-MM-DD'. */
  dateFrom?: string | null;
  dateTo?: string | null;
  number?: string | null;
  studentKey?: number | null;
  /** The viewer's limit (src/sources/avn/avn.scopes.ts), added to the conditions; null = none. */
  scope?: ((p: Params) => string | null) | null;
}

/** The SQL conditions of `criteria` over PRIKAZ_FROM, shared by the root list and per-faculty lists. */
export function orderConditions(criteria: OrderCriteria, p: Params): (string | false)[] {
  return [
    !!criteria.type && `pt.kod = ${p.add(CODE_BY_TYPE[criteria.type])}`,
    !!criteria.status && `p.status = ${p.add(CODE_BY_STATUS[criteria.status])}`,
    criteria.facultyKey != null && `p.fak_id = ${p.add(criteria.facultyKey)}`,
    !!criteria.dateFrom && `p.data >= ${p.add(criteria.dateFrom)}::date`,
    !!criteria.dateTo && `p.data <= ${p.add(criteria.dateTo)}::date`,
    // Exact match: order numbers are short codes ("123-к"), searched as printed.
    !!criteria.number && `p.nomer = ${p.add(criteria.number)}`,
    criteria.studentKey != null && `exists (select 1 from prikaz_student ps where ps.prikaz_id = p.prikaz_id and ps.stud_id = ${p.add(criteria.studentKey)})`,
    criteria.scope?.(p) ?? false,
  ];
}

/** Sort columns of the order lists, keyed by what the module offers. */
export const ORDER_SORT = {
  DATE: { sql: 'p.data', key: 'data' },
  NUMBER: { sql: 'p.nomer', key: 'nomer' },
  TIE: { sql: 'p.prikaz_id', key: 'prikaz_id' },
} as const;

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

/** One page of orders per faculty, one statement for all faculties of the batch. */
export function ordersByFaculty(c: SourceContext, loaderKey: string, criteria: OrderCriteria, sort: SortColumn[], page: Page): DataLoader<number, ConnectionShape<Order>> {
  return c.loader(loaderKey, () =>
    nestedListLoader<number, PrikazRow & Record<string, unknown>, Order>(
      avn(c),
      { from: PRIKAZ_FROM, columns: PRIKAZ_COLUMNS, parentColumn: 'p.fak_id', parentArrayType: 'int[]', filters: (p) => orderConditions(criteria, p), sort },
      page,
      toOrder,
    ),
  );
}

/**
 * The students of an order by surname and name, one page per order, one statement per batch;
 * `scope` is the viewer's limit over `ps` (src/sources/avn/avn.scopes.ts), so pages, cursors and
 * counts hold only the lines the viewer may see.
 */
export function orderStudentsByOrder(
  c: SourceContext, loaderKey: string, page: Page, scope: (p: Params) => string | null,
): DataLoader<number, ConnectionShape<OrderStudent>> {
  return c.loader(loaderKey, () =>
    nestedListLoader<number, PrikazStudentRow & Record<string, unknown>, OrderStudent>(
      avn(c),
      {
        from: 'prikaz_student ps join students s on s.stud_id = ps.stud_id',
        columns: 'ps.ps_id, ps.prikaz_id, ps.stud_id, ps.iz_grp_id, ps.v_grp_id, ps.prichina, s.fam, s.imya',
        parentColumn: 'ps.prikaz_id',
        parentArrayType: 'int[]',
        filters: (p) => [scope(p)],
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
