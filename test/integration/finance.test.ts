/**
 * Contract tuition (AVN 5/10) through GraphQL. The debts are computed here, in the test, from the
 * raw kontrakt and oplata rows of this hub's seeded AVN database, and compared with the hub's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id';
import { allPages, startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;

interface ContractRow { kontr_id: number; stud_id: number; uch_god: string; summa: string; skidka: string; fak_id: number; grp_id: number }
interface PaymentRow { opl_id: number; kontr_id: number; summa: string; vid: string }
interface Debt { studentKey: number; due: number; paid: number; debt: number }

let contracts: ContractRow[];
let payments: PaymentRow[];

beforeAll(async () => {
  t = await startTestHub();
  contracts = await t.rows<ContractRow>(
    'avn',
    `select k.kontr_id, k.stud_id, k.uch_god, k.summa::text, k.skidka::text, sp.fak_id, s.grp_id
       from kontrakt k join students s on s.stud_id = k.stud_id join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id`,
  );
  payments = await t.rows<PaymentRow>('avn', 'select opl_id, kontr_id, summa::text, vid from oplata');
});

afterAll(async () => {
  await t?.close();
});

/** Works in kopecks (integers) so that the test's sums are exact. */
const kop = (text: string) => Math.round(Number(text) * 100);

/** What one payment row adds to "paid": refunds lower it whatever sign was typed. */
const effect = (p: PaymentRow) => (p.vid === 'vozvrat' ? -Math.abs(kop(p.summa)) : kop(p.summa));

function paidByContract(): Map<number, number> {
  const paid = new Map<number, number>();
  for (const p of payments) paid.set(p.kontr_id, (paid.get(p.kontr_id) ?? 0) + effect(p));
  return paid;
}

/** Debts per student over the contracts that pass `keep`, in som, only those > 0, largest first. */
function debts(keep: (c: ContractRow) => boolean = () => true): Debt[] {
  const paid = paidByContract();
  const byStudent = new Map<number, { due: number; paid: number }>();
  for (const c of contracts.filter(keep)) {
    const s = byStudent.get(c.stud_id) ?? { due: 0, paid: 0 };
    s.due += kop(c.summa) - kop(c.skidka);
    s.paid += paid.get(c.kontr_id) ?? 0;
    byStudent.set(c.stud_id, s);
  }
  return [...byStudent]
    .filter(([, s]) => s.due - s.paid > 0)
    .map(([studentKey, s]) => ({ studentKey, due: s.due / 100, paid: s.paid / 100, debt: (s.due - s.paid) / 100 }))
    .sort((a, b) => b.debt - a.debt || b.studentKey - a.studentKey);
}

function allDebtors(args: string): Promise<any[]> {
  return allPages(
    t,
    `query($after: String) { tuitionDebtors(first: 37, after: $after${args ? `, ${args}` : ''}) {
      nodes { totalDue totalPaid debt student { id } } pageInfo { hasNextPage endCursor } } }`,
    {},
    (d) => d.tuitionDebtors,
  );
}

function expectSameDebts(got: any[], expected: Debt[]) {
  expect(got.map((n) => n.student.id)).toEqual(expected.map((d) => toGlobalId('Student', d.studentKey)));
  got.forEach((n, i) => {
    expect(n.totalDue).toBeCloseTo(expected[i].due, 2);
    expect(n.totalPaid).toBeCloseTo(expected[i].paid, 2);
    expect(n.debt).toBeCloseTo(expected[i].debt, 2);
  });
}

describe('contracts', () => {
  it('has a balance of paid − (amount − discount), refunds and corrections included', async () => {
    // The contract with the most kinds of movements, then the most movements.
    const [pick] = await t.rows<{ kontr_id: number }>(
      'avn',
      `select kontr_id from oplata group by kontr_id order by count(distinct vid) desc, count(*) desc, kontr_id limit 1`,
    );
    const contract = contracts.find((c) => c.kontr_id === pick.kontr_id)!;
    const own = payments.filter((p) => p.kontr_id === contract.kontr_id);
    // The demo has corrections and refunds, so the picked contract mixes kinds.
    expect(new Set(own.map((p) => p.vid)).size).toBeGreaterThan(1);
    const paid = own.reduce((sum, p) => sum + effect(p), 0);
    const due = kop(contract.summa) - kop(contract.skidka);

    const data = await t.data(
      `query($id: ID!) { node(id: $id) { ... on Contract {
        amount discount amountDue paid balance academicYear student { id } tariff { academicYear }
        payments { id amount kind } } } }`,
      { id: toGlobalId('Contract', contract.kontr_id) },
    );
    const c = data.node;
    expect(c.amount).toBeCloseTo(kop(contract.summa) / 100, 2);
    expect(c.discount).toBeCloseTo(kop(contract.skidka) / 100, 2);
    expect(c.amountDue).toBeCloseTo(due / 100, 2);
    expect(c.paid).toBeCloseTo(paid / 100, 2);
    expect(c.balance).toBeCloseTo((paid - due) / 100, 2);
    expect(c.academicYear).toBe(contract.uch_god);
    expect(c.student.id).toBe(toGlobalId('Student', contract.stud_id));
    expect(c.payments.map((p: any) => p.id).sort()).toEqual(own.map((p) => toGlobalId('Payment', p.opl_id)).sort());
    const kinds: Record<string, string> = { oplata: 'PAYMENT', korrektirovka: 'CORRECTION', vozvrat: 'REFUND' };
    for (const p of c.payments) {
      const row = own.find((r) => toGlobalId('Payment', r.opl_id) === p.id)!;
      expect(p.kind).toBe(kinds[row.vid]);
      expect(p.amount).toBeCloseTo(effect(row) / 100, 2);
    }
  });
});

describe('tuition debtors', () => {
  it('lists every student who owes, largest debt first, as computed from the raw rows', async () => {
    const expected = debts();
    expect(expected.length).toBeGreaterThan(0);
    expectSameDebts(await allDebtors(''), expected);
  });

  it('filters by academic year, faculty and group', async () => {
    const [{ uch_god }] = await t.rows<{ uch_god: string }>('avn', 'select uch_god from kontrakt group by uch_god order by count(*) desc, uch_god desc limit 1');
    expectSameDebts(await allDebtors(`where: { academicYear: "${uch_god}" }`), debts((c) => c.uch_god === uch_god));

    // The faculty and group of the largest debtor, so that neither list is empty.
    const top = contracts.find((c) => c.stud_id === debts()[0].studentKey)!;
    const fakId = top.fak_id;
    expectSameDebts(await allDebtors(`where: { facultyId: "${toGlobalId('Faculty', fakId)}" }`), debts((c) => c.fak_id === fakId));

    const grpId = top.grp_id;
    const ofGroup = debts((c) => c.grp_id === grpId);
    expect(ofGroup.length).toBeGreaterThan(0);
    expectSameDebts(await allDebtors(`where: { groupId: "${toGlobalId('Group', grpId)}" }`), ofGroup);
    expectSameDebts(await allDebtors(`where: { groupId: "${toGlobalId('Group', grpId)}", academicYear: "${uch_god}" }`), debts((c) => c.grp_id === grpId && c.uch_god === uch_god));
  });

  it('keeps only debts of at least minDebt and sorts by name on request', async () => {
    const all = debts();
    const minDebt = all[Math.floor(all.length / 2)].debt;
    const expected = all.filter((d) => d.debt >= minDebt);
    // The name order comes from the database (its collation), the membership from the test's own sums.
    const byName = await t.rows<{ stud_id: number }>('avn', 'select stud_id from students where stud_id = any($1::int[]) order by fam, imya, stud_id', [expected.map((d) => d.studentKey)]);
    const data = await t.data(
      `{ tuitionDebtors(first: 100, where: { minDebt: ${minDebt} }, orderBy: { field: NAME, direction: ASC }) { totalCount nodes { debt student { id } } } }`,
    );
    expect(data.tuitionDebtors.totalCount).toBe(expected.length);
    expect(data.tuitionDebtors.nodes.map((n: any) => n.student.id)).toEqual(byName.slice(0, 100).map((r) => toGlobalId('Student', r.stud_id)));
    for (const n of data.tuitionDebtors.nodes) expect(n.debt).toBeGreaterThanOrEqual(minDebt);
  });

  it('counts every debtor on every page (the count ignores where the page starts), also past the last one', async () => {
    const all = debts();
    const query = `query ($after: String) { tuitionDebtors(first: 3, after: $after) { totalCount pageInfo { endCursor } nodes { student { id } } } }`;
    const first = (await t.data(query, { after: null })).tuitionDebtors;
    const second = (await t.data(query, { after: first.pageInfo.endCursor })).tuitionDebtors;
    expect(first.totalCount).toBe(all.length);
    expect(second.totalCount).toBe(all.length);
    expect(second.nodes).toHaveLength(3);
    // An empty page (after the last debtor) still knows the total.
    const byDebt = `query ($after: String) { tuitionDebtors(first: 100, after: $after, orderBy: { field: DEBT, direction: DESC }) { totalCount pageInfo { endCursor hasNextPage } nodes { debt } } }`;
    const whole = await allPages(t, byDebt, {}, (d) => d.tuitionDebtors);
    expect(whole).toHaveLength(all.length);
    let last = (await t.data(byDebt, { after: null })).tuitionDebtors;
    while (last.pageInfo.hasNextPage) last = (await t.data(byDebt, { after: last.pageInfo.endCursor })).tuitionDebtors;
    const beyond = (await t.data(byDebt, { after: last.pageInfo.endCursor })).tuitionDebtors;
    expect(beyond.nodes).toEqual([]);
    expect(beyond.totalCount).toBe(all.length);
  });

  it("agrees with the student's tuition balance, contracts and payments, in a bounded number of statements", async () => {
    const expected = debts().slice(0, 10);
    const data = await t.data(`{ tuitionDebtors(first: 10) { nodes { debt student { id tuitionBalance contracts { id balance } payments { id amount } } } } }`);
    // debtors page, students, balances, contracts, payments.
    expect(t.stats().avn).toBeLessThanOrEqual(5);
    const paid = paidByContract();
    data.tuitionDebtors.nodes.forEach((n: any, i: number) => {
      const studentKey = expected[i].studentKey;
      expect(n.student.id).toBe(toGlobalId('Student', studentKey));
      expect(n.student.tuitionBalance).toBeCloseTo(-expected[i].debt, 2);
      const own = contracts.filter((c) => c.stud_id === studentKey);
      expect(n.student.contracts.map((c: any) => c.id).sort()).toEqual(own.map((c) => toGlobalId('Contract', c.kontr_id)).sort());
      for (const c of n.student.contracts) {
        const row = own.find((r) => toGlobalId('Contract', r.kontr_id) === c.id)!;
        expect(c.balance).toBeCloseTo(((paid.get(row.kontr_id) ?? 0) - kop(row.summa) + kop(row.skidka)) / 100, 2);
      }
      const ownPayments = payments.filter((p) => own.some((c) => c.kontr_id === p.kontr_id));
      expect(n.student.payments.map((p: any) => p.id).sort()).toEqual(ownPayments.map((p) => toGlobalId('Payment', p.opl_id)).sort());
    });
  });

  it('gives a settled or state-funded student a balance of zero or more', async () => {
    const owing = new Set(debts().map((d) => d.studentKey));
    const [other] = await t.rows<{ stud_id: number }>('avn', 'select stud_id from students where not (stud_id = any($1::int[])) order by stud_id limit 1', [[...owing]]);
    const data = await t.data(`query($id: ID!) { node(id: $id) { ... on Student { tuitionBalance } } }`, { id: toGlobalId('Student', other.stud_id) });
    expect(data.node.tuitionBalance).toBeGreaterThanOrEqual(0);
  });

  it('refuses a negative minDebt', async () => {
    const result = await t.execute('{ tuitionDebtors(where: { minDebt: -5 }) { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });
});

describe('tariffs', () => {
  it('filters by programme and academic year like SQL', async () => {
    const [pick] = await t.rows<{ spec_id: number; uch_god: string }>('avn', 'select spec_id, uch_god from tarif order by tarif_id limit 1');
    const byProgramme = await t.rows<{ tarif_id: number }>('avn', 'select tarif_id from tarif where spec_id = $1', [pick.spec_id]);
    const both = await t.rows<{ tarif_id: number; summa: string }>('avn', 'select tarif_id, summa::text from tarif where spec_id = $1 and uch_god = $2', [pick.spec_id, pick.uch_god]);
    const data = await t.data(
      `query($p: ID, $y: String) {
        all: tariffs(first: 100, where: { programmeId: $p }) { totalCount nodes { id programme { id } } }
        one: tariffs(where: { programmeId: $p, academicYear: $y }) { nodes { id amount academicYear } }
      }`,
      { p: toGlobalId('Programme', pick.spec_id), y: pick.uch_god },
    );
    expect(data.all.totalCount).toBe(byProgramme.length);
    for (const n of data.all.nodes) expect(n.programme.id).toBe(toGlobalId('Programme', pick.spec_id));
    expect(data.one.nodes.map((n: any) => n.id).sort()).toEqual(both.map((r) => toGlobalId('Tariff', r.tarif_id)).sort());
    for (const n of data.one.nodes) expect(n.amount).toBeCloseTo(Number(both.find((r) => toGlobalId('Tariff', r.tarif_id) === n.id)!.summa), 2);
  });
});
