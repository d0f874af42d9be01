/**
 * Issue 12: student statistics (students by status) and tuition statistics (charged, paid, debt
 * and debtors as of a day), each figure checked against SQL written here on the seeded AVN
 * database (plain joins and per-contract sums, not the source's statements); a dean's row rule,
 * disclosure control for an analyst, conditions and order, bounds and access.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/viewer';
import { toGlobalId } from '../../src/domain/global-id';
import { allPages, startTestHub, type Executor, type TestHub } from '../helpers/test-hub';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  await t?.close();
});

const STATUS: Record<number, string> = { 1: 'STUDYING', 2: 'ACADEMIC_LEAVE', 3: 'EXPELLED', 4: 'GRADUATED' };

const STUDENTS = `query($groupBy: [StudentDimension!]!, $where: StudentStatisticsWhere, $having: [StudentStatisticsCondition!], $orderBy: [StudentStatisticsOrder!], $after: String) {
  studentStatistics(groupBy: $groupBy, where: $where, having: $having, orderBy: $orderBy, first: 100, after: $after) {
    nodes { group { faculty { id } studyGroup { id } yearOfStudy gender studentStatus fundingType } suppressed suppression people students studying academicLeave expelled graduated distribution { label count } }
    pageInfo { hasNextPage endCursor }
    total { people students studying academicLeave expelled graduated suppressed }
    totalCount withheldCount minGroupSize
  }
}`;

const TUITION = `query($groupBy: [TuitionDimension!]!, $where: TuitionStatisticsWhere, $asOf: LocalDate, $after: String) {
  tuitionStatistics(groupBy: $groupBy, where: $where, asOf: $asOf, first: 100, after: $after) {
    nodes { group { faculty { id } programme { id } academicYear fundingType studentStatus } suppressed people contracts charged paid debt debtors debtorsDebt }
    pageInfo { hasNextPage endCursor }
    total { people contracts charged paid debt debtors debtorsDebt suppressed }
  }
}`;

async function studentCells(executor: Executor, variables: Record<string, unknown>) {
  return allPages(executor, STUDENTS, variables, (d) => d.studentStatistics);
}

async function tuitionCells(executor: Executor, variables: Record<string, unknown>) {
  return allPages(executor, TUITION, variables, (d) => d.tuitionStatistics);
}

describe('studentStatistics', () => {
  it('counts students by status per faculty and status, and per year of study and gender within a faculty, as SQL does', async () => {
    const expected = await t.rows<{ fak_id: number; status_id: number; n: number }>(
      'avn',
      `select sp.fak_id, s.status_id, count(*)::int as n
         from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id
        where s.forma_oplaty = 'K' group by sp.fak_id, s.status_id order by 1, 2`,
    );
    expect(expected.length).toBeGreaterThan(4);
    const cells = await studentCells(t, { groupBy: ['FACULTY', 'STUDENT_STATUS'], where: { fundingType: 'CONTRACT' } });
    const got = cells.map((c: any) => [c.group.faculty.id, c.group.studentStatus, c.students, c.people]);
    // Groups come in the order of their dimensions' values (the status by its name).
    const want = expected
      .map((r) => [toGlobalId('Faculty', r.fak_id), STATUS[r.status_id], r.n, r.n] as const)
      .sort((a, b) => expected.findIndex((r) => toGlobalId('Faculty', r.fak_id) === a[0]) - expected.findIndex((r) => toGlobalId('Faculty', r.fak_id) === b[0]) || a[1].localeCompare(b[1]));
    expect(got).toEqual(want);
    for (const c of cells) {
      // A status cell counts its own status only, and the distribution says the same.
      const byStatus = { STUDYING: c.studying, ACADEMIC_LEAVE: c.academicLeave, EXPELLED: c.expelled, GRADUATED: c.graduated } as Record<string, number>;
      expect(byStatus[c.group.studentStatus]).toBe(c.students);
      expect(c.distribution).toEqual(Object.entries(byStatus).map(([label, count]) => ({ label, count })));
    }

    const faculty = expected[0].fak_id;
    const byYear = await t.rows<{ kurs: number; pol: string; n: number; studying: number; expelled: number }>(
      'avn',
      `select g.kurs, s.pol, count(*)::int as n, count(*) filter (where s.status_id = 1)::int as studying, count(*) filter (where s.status_id = 3)::int as expelled
         from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id
        where sp.fak_id = $1 group by g.kurs, s.pol order by 1, 2`,
      [faculty],
    );
    const yearCells = await studentCells(t, { groupBy: ['YEAR_OF_STUDY', 'GENDER'], where: { facultyId: toGlobalId('Faculty', faculty) } });
    expect(yearCells.map((c: any) => [c.group.yearOfStudy, c.group.gender, c.students, c.studying, c.expelled])).toEqual(
      byYear.map((r) => [r.kurs, r.pol === 'M' ? 'MALE' : 'FEMALE', r.n, r.studying, r.expelled]),
    );
  });

  it('gives a dean its own faculty only', async () => {
    const faculties = await t.rows<{ fak_id: number; n: number }>(
      'avn', 'select sp.fak_id, count(*)::int as n from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id group by 1 order by 1',
    );
    expect(faculties.length).toBeGreaterThan(1);
    const [own, other] = faculties;
    const dean = await t.as({ role: Role.DEAN, facultyKey: own.fak_id });
    const cells = await studentCells(dean, { groupBy: ['FACULTY'] });
    expect(cells.map((c: any) => [c.group.faculty.id, c.students])).toEqual([[toGlobalId('Faculty', own.fak_id), own.n]]);
    const { studentStatistics } = await dean.data(STUDENTS, { groupBy: [], where: { facultyId: toGlobalId('Faculty', other.fak_id) } });
    expect(studentStatistics.total.students).toBe(0);
    expect(studentStatistics.total.people).toBe(0);
  });

  it('withholds small groups from an analyst (primary and secondary), never the people behind them', async () => {
    const analyst = await t.as({ role: Role.ANALYST });
    const cells = await studentCells(analyst, { groupBy: ['GROUP', 'STUDENT_STATUS'] });
    const small = await t.rows<{ n: number }>(
      'avn', 'select count(*)::int as n from (select s.grp_id, s.status_id from students s group by 1, 2 having count(*) < 5) x',
    );
    expect(small[0].n).toBeGreaterThan(0);
    const primary = cells.filter((c: any) => c.suppression === 'PRIMARY');
    expect(primary.length).toBe(small[0].n);
    expect(cells.some((c: any) => c.suppression === 'SECONDARY')).toBe(true);
    for (const c of cells.filter((x: any) => x.suppressed)) {
      expect([c.people, c.students, c.studying, c.expelled, c.distribution]).toEqual([null, null, null, null, null]);
    }
    for (const c of cells.filter((x: any) => !x.suppressed)) expect(c.people).toBeGreaterThanOrEqual(5);
    const admin = await studentCells(t, { groupBy: ['GROUP', 'STUDENT_STATUS'] });
    expect(admin.every((c: any) => !c.suppressed)).toBe(true);
  });

  it('applies conditions on measures and orders by a measure', async () => {
    const expected = await t.rows<{ fak_id: number; expelled: number }>(
      'avn',
      `select sp.fak_id, count(*) filter (where s.status_id = 3)::int as expelled
         from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id
        group by 1 having count(*) filter (where s.status_id = 3) >= 3 order by 2 desc, 1`,
    );
    expect(expected.length).toBeGreaterThan(0);
    const cells = await studentCells(t, {
      groupBy: ['FACULTY'],
      having: [{ measure: 'EXPELLED', comparison: 'GTE', value: 3 }],
      orderBy: [{ measure: 'EXPELLED', descending: true }],
    });
    expect(cells.map((c: any) => [c.group.faculty.id, c.expelled])).toEqual(expected.map((r) => [toGlobalId('Faculty', r.fak_id), r.expelled]));
  });

  it('refuses a bad grouping, and students and anonymous callers', async () => {
    const tooMany = await t.execute(STUDENTS, { groupBy: ['FACULTY', 'PROGRAMME', 'GROUP', 'GENDER', 'STUDENT_STATUS'] });
    expect(tooMany.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    const notOurs = await t.execute(STUDENTS, { groupBy: ['DISCIPLINE'] });
    expect(notOurs.errors?.length).toBeGreaterThan(0); // not a StudentDimension: the document is invalid
    const [{ stud_id }] = await t.rows<{ stud_id: number }>('avn', 'select stud_id from students order by stud_id limit 1');
    const student = await t.as({ role: Role.STUDENT, studentKey: stud_id });
    expect((await student.execute(STUDENTS, { groupBy: [] })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await student.execute(TUITION, { groupBy: [] })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Anonymous callers are refused before any SQL: a statistic weighs more statements than they may send.
    for (const query of [STUDENTS, TUITION]) {
      const answer = await t.anonymous.execute(query, { groupBy: [] });
      expect(['FORBIDDEN', 'QUERY_TOO_COMPLEX']).toContain(answer.errors?.[0].extensions?.code);
      expect(answer.data?.studentStatistics ?? answer.data?.tuitionStatistics ?? null).toBeNull();
    }
  });
});

interface TuitionRow { fak_id: number; uch_god: string; contracts: number; people: number; charged: string; paid: string; debtors: number; debtors_debt: string | null }

/**
 * Per faculty and contract year, as of a day: contracts dated by then, their movements dated by
 * then (refunds negative whatever their sign), and the students whose year's contracts leave a debt.
 */
async function expectedTuition(asOf: string, funding: string | null): Promise<TuitionRow[]> {
  return t.rows<TuitionRow>(
    'avn',
    `with moves as (
       select o.kontr_id, sum(case when o.vid = 'vozvrat' then -abs(o.summa) else o.summa end) as paid
         from oplata o where o.data <= $1::date group by o.kontr_id
     ), c as (
       select k.kontr_id, k.stud_id, k.uch_god, sp.fak_id, k.summa - k.skidka as due, coalesce(m.paid, 0) as paid
         from kontrakt k
         left join moves m on m.kontr_id = k.kontr_id
         join students s on s.stud_id = k.stud_id
         join gruppa g on g.grp_id = s.grp_id
         join specialnost sp on sp.spec_id = g.spec_id
        where k.data <= $1::date and ($2::text is null or s.forma_oplaty = $2)
     ), per_student as (
       select fak_id, uch_god, stud_id, sum(due) - sum(paid) as debt from c group by 1, 2, 3
     )
     select c.fak_id, c.uch_god, count(*)::int as contracts, count(distinct c.stud_id)::int as people,
            sum(c.due)::text as charged, sum(c.paid)::text as paid,
            (select count(*) from per_student p where p.fak_id = c.fak_id and p.uch_god = c.uch_god and p.debt > 0)::int as debtors,
            (select sum(p.debt) from per_student p where p.fak_id = c.fak_id and p.uch_god = c.uch_god and p.debt > 0)::text as debtors_debt
       from c group by c.fak_id, c.uch_god order by 1, 2`,
    [asOf, funding],
  );
}

const money = (v: string | null) => Number(v ?? 0);

function expectTuitionCells(cells: any[], expected: TuitionRow[]) {
  expect(cells.map((c) => [c.group.faculty.id, c.group.academicYear, c.contracts, c.people, c.debtors])).toEqual(
    expected.map((r) => [toGlobalId('Faculty', r.fak_id), r.uch_god, r.contracts, r.people, r.debtors]),
  );
  cells.forEach((c, i) => {
    const r = expected[i];
    expect(c.charged).toBeCloseTo(money(r.charged), 2);
    expect(c.paid).toBeCloseTo(money(r.paid), 2);
    expect(c.debt).toBeCloseTo(money(r.charged) - money(r.paid), 2);
    expect(c.debtorsDebt).toBeCloseTo(money(r.debtors_debt), 2);
  });
}

describe('tuitionStatistics', () => {
  it('sums charged, paid, debt and debtors per faculty and academic year, as SQL does, today and as of an earlier day', async () => {
    const today = t.hub.runtime.businessClock.today();
    const todayRows = await expectedTuition(today, 'K');
    expect(todayRows.length).toBeGreaterThan(2);
    expect(todayRows.some((r) => r.debtors > 0)).toBe(true);
    expectTuitionCells(await tuitionCells(t, { groupBy: ['FACULTY', 'ACADEMIC_YEAR'], where: { fundingType: 'CONTRACT' } }), todayRows);

    // A day in the middle of the payments: fewer contracts and payments count, and the figures move.
    const [{ mid }] = await t.rows<{ mid: string }>('avn', `select to_char(percentile_disc(0.5) within group (order by data), 'YYYY-MM-DD') as mid from oplata`);
    const earlier = await expectedTuition(mid, 'K');
    expect(earlier).not.toEqual(todayRows);
    const earlierCells = await tuitionCells(t, { groupBy: ['FACULTY', 'ACADEMIC_YEAR'], where: { fundingType: 'CONTRACT' }, asOf: mid });
    expectTuitionCells(earlierCells, earlier);

    // The total of a grouping by year counts a student's debt over all its years (a student owing
    // in one year and overpaid in another may owe nothing in all).
    const [all] = await t.rows<{ debtors: number; people: number }>(
      'avn',
      `with c as (
         select k.stud_id, k.summa - k.skidka - coalesce((select sum(case when o.vid = 'vozvrat' then -abs(o.summa) else o.summa end) from oplata o where o.kontr_id = k.kontr_id and o.data <= $1::date), 0) as debt
           from kontrakt k join students s on s.stud_id = k.stud_id where k.data <= $1::date and s.forma_oplaty = 'K'
       ) select count(*) filter (where debt > 0)::int as debtors, count(*)::int as people from (select stud_id, sum(debt) as debt from c group by stud_id) x`,
      [mid],
    );
    const { tuitionStatistics } = await t.data(TUITION, { groupBy: ['FACULTY', 'ACADEMIC_YEAR'], where: { fundingType: 'CONTRACT' }, asOf: mid });
    expect([tuitionStatistics.total.debtors, tuitionStatistics.total.people]).toEqual([all.debtors, all.people]);
    expect(tuitionStatistics.total.charged).toBeCloseTo(earlier.reduce((n, r) => n + money(r.charged), 0), 2);
  });

  it('counts a debtor over all its contracts when not grouped by year, as the debtors list does', async () => {
    const today = t.hub.runtime.businessClock.today();
    const [expected] = await t.rows<{ debtors: number; debt: string; people: number }>(
      'avn',
      `with c as (
         select k.stud_id, k.summa - k.skidka - coalesce((select sum(case when o.vid = 'vozvrat' then -abs(o.summa) else o.summa end) from oplata o where o.kontr_id = k.kontr_id and o.data <= $1::date), 0) as debt
           from kontrakt k where k.data <= $1::date
       ), s as (select stud_id, sum(debt) as debt from c group by stud_id)
       select count(*) filter (where debt > 0)::int as debtors, sum(debt) filter (where debt > 0)::text as debt, count(*)::int as people from s`,
      [today],
    );
    const { tuitionStatistics } = await t.data(TUITION, { groupBy: ['STUDENT_STATUS'] });
    expect(tuitionStatistics.total.debtors).toBe(expected.debtors);
    expect(tuitionStatistics.total.people).toBe(expected.people);
    expect(tuitionStatistics.total.debtorsDebt).toBeCloseTo(money(expected.debt), 2);
    const summed = tuitionStatistics.nodes.reduce((n: number, c: any) => n + c.debtors, 0);
    expect(summed).toBe(expected.debtors);
    // The same students the debtors list names (with no date and no year: all contracts).
    const list = await t.data('{ tuitionDebtors(first: 1) { totalCount } }');
    expect(list.tuitionDebtors.totalCount).toBe(expected.debtors);
  });

  it('gives a dean its own faculty only, and withholds small groups from an analyst', async () => {
    const rows = await expectedTuition(t.hub.runtime.businessClock.today(), null);
    const faculties = [...new Set(rows.map((r) => r.fak_id))];
    const own = faculties[0];
    const dean = await t.as({ role: Role.DEAN, facultyKey: own });
    const cells = await tuitionCells(dean, { groupBy: ['FACULTY', 'ACADEMIC_YEAR'] });
    expectTuitionCells(cells, rows.filter((r) => r.fak_id === own));

    const analyst = await t.as({ role: Role.ANALYST });
    const byProgramme = await tuitionCells(analyst, { groupBy: ['PROGRAMME', 'STUDENT_STATUS'] });
    expect(byProgramme.some((c: any) => c.suppressed)).toBe(true);
    for (const c of byProgramme.filter((x: any) => x.suppressed)) expect([c.people, c.charged, c.paid, c.debt, c.debtors]).toEqual([null, null, null, null, null]);
  });
});
