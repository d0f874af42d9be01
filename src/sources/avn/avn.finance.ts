/**
 * AVN → tuition: how AVN's tarif / kontrakt / oplata rows become the hub's tariff, contract and
 * payment records, the debt arithmetic, the tariffs and debtors lists, and the loaders. All money arithmetic — amount due, paid, balance,
 * debt — is done here in SQL on numeric, which is exact (and makes a debtors list one statement);
 * JavaScript only receives the results, each as the number that prints as its decimal, and never
 * adds or subtracts money itself.
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader, manyByKeyLoader } from '../../db/loaders';
import { loadList } from '../../db/list-loaders';
import { keyset, toConnection, type ConnectionShape, type Page, type SortColumn } from '../../db/pages';
import type { ListRequest } from '../../db/list-request';
import { toGlobalId } from '../../domain/global-id';
import { Params, and } from '../../db/sql';
import {
  PaymentKind, type ContractRecord, type PaymentRecord, type TariffFilter, type TariffRecord, type TuitionDebtorFilter,
  type TuitionDebtorRecord, type TuitionDebtorSort,
} from '../../domain/finance';
import { studentScope } from './avn.scopes';
import { statusIds } from './avn.students';

const avn = (context: SourceContext) => context.db.avn;

interface TarifRow { tarif_id: number; spec_id: number; uch_god: string; summa: number }
interface KontraktRow {
  kontr_id: number; stud_id: number; nomer: string; data: string; uch_god: string; tarif_id: number;
  summa: number; skidka: number; amount_due: number; paid: number; balance: number;
}
interface OplataRow { opl_id: number; kontr_id: number; data: string; signed_summa: number; vid: string; dokument: string | null }
interface DebtRow { stud_id: number; fam: string; imya: string; due: number; paid: number; debt: number }

/**
 * What one oplata row adds to "paid". A refund always lowers it, whichever sign the accountant
 * typed; payments and corrections count with their own sign.
 */
export const SIGNED_SUMMA = `case when o.vid = 'vozvrat' then -abs(o.summa) else o.summa end`;

const TARIF_COLUMNS = 't.tarif_id, t.spec_id, t.uch_god, t.summa';
/** A contract with what it has been paid (kp.paid): the FROM of every contract read. */
const KONTRAKT_FROM = `kontrakt k
  cross join lateral (select coalesce(sum(${SIGNED_SUMMA}), 0) as paid from oplata o where o.kontr_id = k.kontr_id) kp`;
const KONTRAKT_COLUMNS = `k.kontr_id, k.stud_id, k.nomer, k.data, k.uch_god, k.tarif_id, k.summa, k.skidka,
  k.summa - k.skidka as amount_due, kp.paid, kp.paid - (k.summa - k.skidka) as balance`;
const OPLATA_COLUMNS = `o.opl_id, o.kontr_id, o.data, ${SIGNED_SUMMA} as signed_summa, o.vid, o.dokument`;

const KIND_BY_CODE: Record<string, PaymentKind> = { oplata: PaymentKind.PAYMENT, korrektirovka: PaymentKind.CORRECTION, vozvrat: PaymentKind.REFUND };

function toTariff(r: TarifRow): TariffRecord {
  return { __typename: 'Tariff', id: toGlobalId('Tariff', r.tarif_id), key: r.tarif_id, programmeKey: r.spec_id, academicYear: r.uch_god, amount: r.summa };
}

function toContract(r: KontraktRow): ContractRecord {
  return {
    __typename: 'Contract', id: toGlobalId('Contract', r.kontr_id), key: r.kontr_id, studentKey: r.stud_id, tariffKey: r.tarif_id,
    number: r.nomer, date: r.data, academicYear: r.uch_god, amount: r.summa, discount: r.skidka,
    amountDue: r.amount_due, paid: r.paid, balance: r.balance,
  };
}

function toPayment(r: OplataRow): PaymentRecord {
  return {
    __typename: 'Payment', id: toGlobalId('Payment', r.opl_id), key: r.opl_id, contractKey: r.kontr_id,
    date: r.data, amount: r.signed_summa, kind: KIND_BY_CODE[r.vid], document: r.dokument,
  };
}

function toDebtor(r: DebtRow): TuitionDebtorRecord {
  return { __typename: 'TuitionDebtor', studentKey: r.stud_id, totalDue: r.due, totalPaid: r.paid, debt: r.debt };
}

export const tariffById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.tariffById', avn, `select ${TARIF_COLUMNS}, t.tarif_id as _key from tarif t where t.tarif_id = any($1::int[])`, toTariff);

export const contractById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.contractById', avn, `select ${KONTRAKT_COLUMNS}, k.kontr_id as _key from ${KONTRAKT_FROM} where k.kontr_id = any($1::int[])`, toContract);

/** A student's contracts in study order (by academic year, then date). */
export const contractsByStudent = (c: SourceContext) =>
  manyByKeyLoader(c, 'avn.contractsByStudent', avn,
    `select ${KONTRAKT_COLUMNS}, k.stud_id as _key from ${KONTRAKT_FROM} where k.stud_id = any($1::int[]) order by k.uch_god, k.data, k.kontr_id`, toContract);

export const paymentById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.paymentById', avn, `select ${OPLATA_COLUMNS}, o.opl_id as _key from oplata o where o.opl_id = any($1::int[])`, toPayment);

/** A contract's movements in the order they happened. */
export const paymentsByContract = (c: SourceContext) =>
  manyByKeyLoader(c, 'avn.paymentsByContract', avn,
    `select ${OPLATA_COLUMNS}, o.kontr_id as _key from oplata o where o.kontr_id = any($1::int[]) order by o.data, o.opl_id`, toPayment);

/** All of a student's movements over all contracts, newest first. */
export const paymentsByStudent = (c: SourceContext) =>
  manyByKeyLoader(c, 'avn.paymentsByStudent', avn,
    `select ${OPLATA_COLUMNS}, k.stud_id as _key from oplata o join kontrakt k on k.kontr_id = o.kontr_id
     where k.stud_id = any($1::int[]) order by o.data desc, o.opl_id desc`, toPayment);

/**
 * A contract's balance as it stood at the end of the day `asOf` (YYYY-MM-DD): the movements dated
 * on or before it, less the amount due if the contract was signed by then (else nothing is due).
 */
export const contractBalanceAsOf = (c: SourceContext, asOf: string) =>
  byKeyLoader(c, `avn.contractBalanceAsOf:${asOf}`, avn,
    `select k.kontr_id as _key,
            (select coalesce(sum(${SIGNED_SUMMA}), 0) from oplata o where o.kontr_id = k.kontr_id and o.data <= $2::date)
            - case when k.data <= $2::date then k.summa - k.skidka else 0 end as balance
       from kontrakt k where k.kontr_id = any($1::int[])`,
    (r: { _key: number; balance: number }) => r.balance, [asOf]);

/** paid − due over all of a student's contracts (0 without contracts). */
export const balanceByStudent = (c: SourceContext) =>
  byKeyLoader(c, 'avn.balanceByStudent', avn,
    `select k.stud_id as _key, sum(x.paid - (k.summa - k.skidka)) as balance
     from kontrakt k cross join lateral (select coalesce(sum(${SIGNED_SUMMA}), 0) as paid from oplata o where o.kontr_id = k.kontr_id) x
     where k.stud_id = any($1::int[]) group by k.stud_id`,
    (r: { _key: number; balance: number }) => r.balance);

const DEBT_SORT = {
  debt: [{ sql: 'd.debt', key: 'debt' }],
  name: [{ sql: 'd.fam', key: 'fam' }, { sql: 'd.imya', key: 'imya' }],
} as const;

/** The debtors list's sort columns, ending with the unique stud_id (same direction) so keyset cursors are exact. */
function debtSort(sort: TuitionDebtorSort, desc: boolean): SortColumn[] {
  return [...DEBT_SORT[sort], { sql: 'd.stud_id', key: 'stud_id' }].map((c) => ({ ...c, desc }));
}

/** Access (avn.scopes.ts): the viewer's limit on the debtors list, over the students it sums. */
const DEBTOR_SCOPE = { student: 's.stud_id', group: 's.grp_id' };

/**
 * Students whose contracts (of one year, or all) leave them owing money: one statement for the
 * page (sums per contract, then per student, then the keyset), one more for `totalCount`.
 */
export async function listTuitionDebtors(c: SourceContext, request: ListRequest<TuitionDebtorFilter, TuitionDebtorSort>): Promise<ConnectionShape<TuitionDebtorRecord>> {
  const { filter, page } = request;
  const reader = avn(c);
  const sort = debtSort(request.sort, request.desc);
  const build = (params: Params) => {
    // As of a day: only the contracts signed and the movements dated on or before it.
    const asOf = filter.asOf ? params.add(filter.asOf) : null;
    const inner = and([
      asOf != null && `k.data <= ${asOf}::date`,
      filter.facultyKey != null && `sp.fak_id = ${params.add(filter.facultyKey)}`,
      filter.groupKey != null && `s.grp_id = ${params.add(filter.groupKey)}`,
      filter.studentStatusIn != null && `s.status_id = any(${params.add(statusIds(filter.studentStatusIn))}::int[])`,
      !!filter.academicYear && `k.uch_god = ${params.add(filter.academicYear)}`,
      // Access: only students the viewer may see.
      studentScope(request.reach, params, DEBTOR_SCOPE),
    ]);
    const from = `(select k.stud_id, s.fam, s.imya, sum(k.summa - k.skidka) as due, sum(x.paid) as paid, sum(k.summa - k.skidka) - sum(x.paid) as debt
        from kontrakt k
        join students s on s.stud_id = k.stud_id
        join gruppa g on g.grp_id = s.grp_id
        join specialnost sp on sp.spec_id = g.spec_id
        cross join lateral (select coalesce(sum(${SIGNED_SUMMA}), 0) as paid from oplata o
                             where o.kontr_id = k.kontr_id${asOf != null ? ` and o.data <= ${asOf}::date` : ''}) x
        where ${inner}
        group by k.stud_id, s.fam, s.imya) d`;
    const outer = ['d.debt > 0', filter.minDebt != null && `d.debt >= ${params.add(filter.minDebt)}`];
    return { from, outer };
  };

  const params = new Params();
  const { from, outer } = build(params);
  const { orderBy, condition } = keyset(sort, page.after, params);
  // The sums over a faculty's contracts and payments are the expensive part: computed once (a
  // materialised CTE), they give both the page and the number of debtors, so `totalCount` costs
  // no second aggregate (it did: twice the time of the whole dashboard at ten times the data).
  const sql = `with d as materialized (select * from ${from} where ${and(outer)})
    select d.stud_id, d.fam, d.imya, d.due, d.paid, d.debt, (select count(*) from d)::int as _total
      from d where ${and([condition])} order by ${orderBy} limit ${params.add(page.limit + 1)}`;
  const rows = page.limit === 0 ? [] : await reader.query<DebtRow & { _total: number } & Record<string, unknown>>(sql, params.values);

  let counted: Promise<number> | null = rows.length > 0 ? Promise.resolve(rows[0]._total) : null;
  const count = () =>
    (counted ??= (async () => {
      const countParams = new Params();
      const c = build(countParams);
      const [{ n }] = await reader.query<{ n: number }>(`select count(*)::int as n from ${c.from} where ${and(c.outer)}`, countParams.values);
      return n;
    })());
  return toConnection(rows, page, sort, toDebtor, count);
}

/** One page of tariffs: newest academic year first, then by programme code. */
export function listTariffs(c: SourceContext, request: { filter: TariffFilter; page: Page }): Promise<ConnectionShape<TariffRecord>> {
  const { filter } = request;
  return loadList<TarifRow & Record<string, unknown>, TariffRecord>(
    avn(c),
    {
      from: 'tarif t join specialnost sp on sp.spec_id = t.spec_id',
      columns: `${TARIF_COLUMNS}, sp.shifr`,
      filters: (p) => [
        filter.programmeKey != null && `t.spec_id = ${p.add(filter.programmeKey)}`,
        !!filter.academicYear && `t.uch_god = ${p.add(filter.academicYear)}`,
      ],
      sort: [{ sql: 't.uch_god', key: 'uch_god', desc: true }, { sql: 'sp.shifr', key: 'shifr' }, { sql: 't.tarif_id', key: 'tarif_id' }],
    },
    request.page,
    toTariff,
  );
}
