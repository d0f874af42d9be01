/**
 * Dormitory → residents, placements and payments. The balance of a placement is computed in SQL
 * (exact numeric, one place) under the dormitory's billing rule, documented on the Placement type:
 * every calendar month from the move-in month to the move-out month or the business date's month
 * (src/common/business-time.ts), whichever is earlier, is charged the monthly fee, except July and
 * August for student residents (students are not billed for the summer; staff and guests are).
 */
import { businessToday, type SourceContext } from '../../db/read-context';
import { KEY_SET_PARENTS, byKeyLoader, inKeySet, keySetLoader, manyByKeyLoader } from '../../db/loaders';
import { loadList } from '../../db/list-loaders';
import type { ConnectionShape, Page } from '../../db/pages';
import type { Params } from '../../db/sql';
import { toGlobalId } from '../../domain/global-id';
import {
  PlacementStatus, ResidentType, type DormitoryDebtorFilter, type DormitoryDebtorRecord, type DormitoryPaymentRecord,
  type DormitoryResidentRecord, type PlacementFilter, type PlacementRecord,
} from '../../domain/dormitory';
import { Gender } from '../../domain/students';

const dormitory = (context: SourceContext) => context.db.dormitory;

/**
 * The viewer's row limit as the dormitory's lists take it: a condition over the list's resident
 * column, built by the caller (the access rules know which residents a viewer may see). Null: no limit.
 */
export type ResidentScope = ((p: Params, residentColumn: string) => string) | null;

interface ResidentRow {
  resident_id: number; pin: string | null; last_name: string; first_name: string; middle_name: string | null;
  birth_date: string | null; phone: string | null; student_number: string | null; resident_type: string; sex: string | null;
}

interface PlacementRow {
  placement_id: number; resident_id: number; bed_id: number; room_id: number; building_id: number;
  start_date: string; end_date: string | null; order_ref: string | null; status: string; monthly_fee: number;
  months_charged: number; charged: number; paid: number; balance: number;
}

interface PaymentRow { paid_on: string; period_month: string; amount: number; receipt_no: string }

const RESIDENT_COLUMNS = 'rs.resident_id, rs.pin, rs.last_name, rs.first_name, rs.middle_name, rs.birth_date, rs.phone, rs.student_number, rs.resident_type, rs.sex';

/**
 * Placements with their resident (alias rs), where they are (bed → room) and their money charged up
 * to `today`: the placeholder of the business date (a date parameter; src/common/business-time.ts),
 * never the database's current_date.
 */
export const placementFrom = (today: string) => `placements p
  join residents rs on rs.resident_id = p.resident_id
  join beds pb on pb.bed_id = p.bed_id
  join rooms pr on pr.room_id = pb.room_id
  cross join lateral (select least(coalesce(p.end_date, ${today}::date), ${today}::date) as until) pu
  cross join lateral (select count(*)::int as months
                        from generate_series(date_trunc('month', p.start_date), date_trunc('month', pu.until), interval '1 month') as m(month)
                       where not (rs.resident_type = 'student' and extract(month from m.month) in (7, 8))) pm
  cross join lateral (select coalesce(sum(pay.amount), 0) as paid from payments pay where pay.placement_id = p.placement_id) pp`;

export const PLACEMENT_BALANCE_SQL = '(pp.paid - pm.months * p.monthly_fee)';

/**
 * Placements' balances as they stood at the end of the day `asOf` (YYYY-MM-DD): the months charged
 * up to it by the same rule (none before the move-in day) and the payments made on or before it.
 */
export const placementBalanceAsOf = (c: SourceContext, asOf: string) =>
  byKeyLoader(
    c, `dormitory.placementBalanceAsOf:${asOf}`, dormitory,
    `select p.placement_id as _key,
            coalesce((select sum(pay.amount) from payments pay where pay.placement_id = p.placement_id and pay.paid_on <= $2::date), 0)
            - case when p.start_date > $2::date then 0 else pm.months end * p.monthly_fee as balance
       from ${placementFrom('$2')} where p.placement_id = any($1::int[])`,
    (r: { _key: number; balance: number }) => r.balance, [asOf],
  );

const PLACEMENT_COLUMNS = `p.placement_id, p.resident_id, p.bed_id, pb.room_id, pr.building_id, p.start_date, p.end_date, p.order_ref,
  p.status, p.monthly_fee, pm.months as months_charged, pm.months * p.monthly_fee as charged, pp.paid, ${PLACEMENT_BALANCE_SQL} as balance`;

const RESIDENT_TYPE: Record<string, ResidentType> = { student: ResidentType.STUDENT, staff: ResidentType.STAFF, guest: ResidentType.GUEST };
const PLACEMENT_STATUS: Record<string, PlacementStatus> = { active: PlacementStatus.ACTIVE, ended: PlacementStatus.ENDED };
const PLACEMENT_STATUS_CODE: Record<PlacementStatus, string> = { ACTIVE: 'active', ENDED: 'ended' };

/** The dormitory's `sex` char(1): M or F; anything else (blank, unknown) is "not recorded". */
const GENDER: Record<string, Gender> = { M: Gender.MALE, F: Gender.FEMALE };

const joinNames = (...parts: (string | null)[]) => parts.filter((p) => p && p.trim()).join(' ');

function toResident(r: ResidentRow): DormitoryResidentRecord {
  return {
    __typename: 'DormitoryResident', id: toGlobalId('DormitoryResident', r.resident_id), key: r.resident_id,
    lastName: r.last_name, firstName: r.first_name, middleName: r.middle_name, fullName: joinNames(r.last_name, r.first_name, r.middle_name),
    type: RESIDENT_TYPE[r.resident_type], studentNumber: r.student_number?.trim() || null,
    // char(14): a blank PIN is "not recorded".
    pin: r.pin?.trim() || null, birthDate: r.birth_date, phone: r.phone,
    gender: GENDER[r.sex?.trim().toUpperCase() ?? ''] ?? null,
  };
}

function toPlacement(r: PlacementRow): PlacementRecord {
  return {
    __typename: 'Placement', id: toGlobalId('Placement', r.placement_id), key: r.placement_id,
    residentKey: r.resident_id, bedKey: r.bed_id, roomKey: r.room_id, buildingKey: r.building_id,
    startDate: r.start_date, endDate: r.end_date, status: PLACEMENT_STATUS[r.status], orderReference: r.order_ref,
    monthlyFee: r.monthly_fee, monthsCharged: r.months_charged, charged: r.charged, paid: r.paid, balance: r.balance,
  };
}

const toPayment = (r: PaymentRow): DormitoryPaymentRecord => ({ paidOn: r.paid_on, periodMonth: r.period_month, amount: r.amount, receiptNumber: r.receipt_no });

export const residentById = (c: SourceContext) =>
  byKeyLoader(c, 'dormitory.residentById', dormitory, `select ${RESIDENT_COLUMNS}, rs.resident_id as _key from residents rs where rs.resident_id = any($1::int[])`, toResident);

export const placementById = (c: SourceContext) =>
  byKeyLoader(c, 'dormitory.placementById', dormitory, `select ${PLACEMENT_COLUMNS}, p.placement_id as _key from ${placementFrom('$2')} where p.placement_id = any($1::int[])`, toPlacement, [businessToday(c)]);

/** A resident's placements, latest move-in first. */
export const placementsByResident = (c: SourceContext) =>
  manyByKeyLoader(
    c, 'dormitory.placementsByResident', dormitory,
    `select ${PLACEMENT_COLUMNS}, p.resident_id as _key from ${placementFrom('$2')} where p.resident_id = any($1::int[]) order by p.start_date desc, p.placement_id desc`,
    toPlacement, [businessToday(c)],
  );

/** The placement on a bed now (at most one: a unique index guarantees it). */
export const activePlacementByBed = (c: SourceContext) =>
  byKeyLoader(
    c, 'dormitory.activePlacementByBed', dormitory,
    `select ${PLACEMENT_COLUMNS}, p.bed_id as _key from ${placementFrom('$2')} where p.status = 'active' and p.bed_id = any($1::int[])`,
    toPlacement, [businessToday(c)],
  );

/** Residents' active placements, latest move-in first (normally one each). */
export const activePlacementsByResident = (c: SourceContext) =>
  manyByKeyLoader(
    c, 'dormitory.activePlacementsByResident', dormitory,
    `select ${PLACEMENT_COLUMNS}, p.resident_id as _key from ${placementFrom('$2')}
      where p.status = 'active' and p.resident_id = any($1::int[]) order by p.start_date desc, p.placement_id desc`,
    toPlacement, [businessToday(c)],
  );

export const paymentsByPlacement = (c: SourceContext) =>
  manyByKeyLoader(
    c, 'dormitory.paymentsByPlacement', dormitory,
    `select pay.paid_on, pay.period_month, pay.amount, pay.receipt_no, pay.placement_id as _key from payments pay
      where pay.placement_id = any($1::int[]) order by pay.period_month, pay.paid_on, pay.payment_id`,
    toPayment,
  );

/** Who the key sets belong to: the loaders' caches are per kind of parent key. */
export type KeySetOwner = 'student' | 'person';

/** Active placements of each parent's resident-id set, latest move-in first (one statement for all parents). */
export const activePlacementsOfResidentSet = (c: SourceContext, owner: KeySetOwner) =>
  keySetLoader(
    c, `dormitory.activePlacementsOfResidentSet:${owner}`, dormitory,
    `select _p._parent, ${PLACEMENT_COLUMNS} from ${KEY_SET_PARENTS} join (${placementFrom('$3')}) on ${inKeySet('p.resident_id')}
      where p.status = 'active' order by p.start_date desc, p.placement_id desc`,
    toPlacement, [businessToday(c)],
  );

/** The resident records of each parent's resident-id set, by resident id. */
export const residentsOfResidentSet = (c: SourceContext, owner: KeySetOwner) =>
  keySetLoader(
    c, `dormitory.residentsOfResidentSet:${owner}`, dormitory,
    `select _p._parent, ${RESIDENT_COLUMNS} from ${KEY_SET_PARENTS} join residents rs on ${inKeySet('rs.resident_id')} order by rs.resident_id`,
    toResident,
  );

type Row<T> = T & Record<string, unknown>;

/** Placements, latest move-in first; `scope` limits them in SQL, so pages and counts hold only visible residents. */
export function listPlacements(
  c: SourceContext,
  { filter, page, scope }: { filter: PlacementFilter; page: Page; scope: ResidentScope },
): Promise<ConnectionShape<PlacementRecord>> {
  const today = businessToday(c);
  return loadList<Row<PlacementRow>, PlacementRecord>(
    dormitory(c),
    {
      from: (p) => placementFrom(p.add(today)),
      columns: PLACEMENT_COLUMNS,
      filters: (p) => [
        filter.buildingKey != null && `pr.building_id = ${p.add(filter.buildingKey)}`,
        filter.status && `p.status = ${p.add(PLACEMENT_STATUS_CODE[filter.status])}`,
        filter.residentKey != null && `p.resident_id = ${p.add(filter.residentKey)}`,
        scope?.(p, 'p.resident_id'),
      ],
      sort: [{ sql: 'p.start_date', key: 'start_date', desc: true }, { sql: 'p.placement_id', key: 'placement_id', desc: true }],
    },
    page,
    toPlacement,
  );
}

/** Placements whose balance is negative, largest debt first; `scope` as for listPlacements. */
export function listDebtors(
  c: SourceContext,
  { filter, page, scope }: { filter: DormitoryDebtorFilter; page: Page; scope: ResidentScope },
): Promise<ConnectionShape<DormitoryDebtorRecord>> {
  const today = businessToday(c);
  return loadList<Row<PlacementRow & ResidentRow & { debt: number }>, DormitoryDebtorRecord>(
    dormitory(c),
    {
      from: (p) => placementFrom(p.add(today)),
      columns: `${PLACEMENT_COLUMNS}, ${RESIDENT_COLUMNS}, -${PLACEMENT_BALANCE_SQL} as debt`,
      filters: (p) => [
        `${PLACEMENT_BALANCE_SQL} < 0`,
        filter.buildingKey != null && `pr.building_id = ${p.add(filter.buildingKey)}`,
        filter.minDebt != null && `-${PLACEMENT_BALANCE_SQL} >= ${p.add(filter.minDebt)}`,
        filter.active != null && `p.status ${filter.active ? '=' : '<>'} 'active'`,
        scope?.(p, 'p.resident_id'),
      ],
      sort: [{ sql: `-${PLACEMENT_BALANCE_SQL}`, key: 'debt', desc: true }, { sql: 'p.placement_id', key: 'placement_id', desc: true }],
    },
    page,
    (r) => ({ residentKey: r.resident_id, placement: toPlacement(r), resident: toResident(r), debt: r.debt }),
  );
}

/**
 * The active placement of any of these resident records (the latest move-in), or null. A plain
 * read, not a request loader: a long-lived subscription must see the state at each event.
 */
export async function activePlacementOfResidents(c: SourceContext, residents: number[]): Promise<PlacementRecord | null> {
  if (residents.length === 0) return null;
  const rows = await dormitory(c).query<PlacementRow>(
    `select ${PLACEMENT_COLUMNS} from ${placementFrom('$2')} where p.status = 'active' and p.resident_id = any($1::int[])
      order by p.start_date desc, p.placement_id desc limit 1`,
    [residents, businessToday(c)],
  );
  return rows[0] ? toPlacement(rows[0]) : null;
}
