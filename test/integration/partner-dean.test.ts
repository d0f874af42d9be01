/**
 * Issue 12, item 5 (questions partners could not ask), the dean's slice: students with failed
 * disciplines (`academicDebtors`) and a curriculum's credits per semester — each checked against
 * SQL written here on the seeded AVN database (window functions and a scale lookup by the highest
 * lower bound, not the source's statements), with a dean's row rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id';
import { Role } from '../../src/auth/viewer';
import { allPages, startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  await t?.close();
});

interface Expected { stud_id: number; fak_id: number; failed: number }

/**
 * Per student (with its faculty), the curriculum items whose latest attempt with a total (per
 * academic year and semester) lands in a zero-point band of shkala; only students with at least one.
 */
async function expectedDebtors(year: string | null = null, semester: number | null = null): Promise<Expected[]> {
  return t.rows<Expected>(
    'avn',
    `with attempts as (
       select vs.stud_id, vs.total,
              row_number() over (partition by vs.stud_id, v.str_id, v.uch_god, v.semestr order by v.data_otkr desc, v.ved_id desc) as latest
         from vedomost_str vs join vedomost v on v.ved_id = vs.ved_id
        where vs.total is not null and ($1::text is null or v.uch_god = $1) and ($2::int is null or v.semestr = $2)
     ), graded as (
       select a.stud_id, (select k.ball from shkala k where k.min_ball = (select max(m.min_ball) from shkala m where m.min_ball <= a.total)) as ball
         from attempts a where a.latest = 1
     )
     select g.stud_id, sp.fak_id, count(*)::int as failed
       from graded g
       join students s on s.stud_id = g.stud_id
       join gruppa gr on gr.grp_id = s.grp_id
       join specialnost sp on sp.spec_id = gr.spec_id
      where g.ball = 0
      group by g.stud_id, sp.fak_id`,
    [year, semester],
  );
}

const DEBTORS = `query($after: String, $where: AcademicDebtorWhere) {
  academicDebtors(first: 100, after: $after, where: $where) { nodes { failedDisciplines student { id } } pageInfo { hasNextPage endCursor } }
}`;
const DEBTORS_TOTAL = 'query($where: AcademicDebtorWhere) { academicDebtors(first: 1, where: $where) { totalCount } }';

const asPairs = (rows: Expected[]) => rows.map((r) => [toGlobalId('Student', r.stud_id), r.failed]).sort();

async function debtorPairs(executor: Pick<TestHub, 'data'>, where: Record<string, unknown>) {
  const nodes = await allPages(executor as TestHub, DEBTORS, { where }, (d) => d.academicDebtors);
  return nodes.map((n: any) => [n.student.id, n.failedDisciplines]).sort();
}

describe('academicDebtors', () => {
  it('lists every student with failed disciplines and how many, as SQL counts them, most first', async () => {
    const expected = await expectedDebtors();
    expect(expected.length).toBeGreaterThan(0);
    // Some students failed more than one discipline: the count is not a constant 1.
    expect(expected.some((r) => r.failed > 1)).toBe(true);
    expect(await debtorPairs(t, {})).toEqual(asPairs(expected));
    expect((await t.data(DEBTORS_TOTAL, {})).academicDebtors.totalCount).toBe(expected.length);

    const first = await t.data('{ academicDebtors(first: 50) { nodes { failedDisciplines } } }');
    const counts = first.academicDebtors.nodes.map((n: any) => n.failedDisciplines);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('filters by faculty, academic year and semester, as SQL does', async () => {
    const [{ uch_god: year, semestr: semester }] = await t.rows<{ uch_god: string; semestr: number }>(
      'avn', `select uch_god, semestr from vedomost where tip = 'peresdacha' group by uch_god, semestr order by count(*) desc, uch_god, semestr limit 1`,
    );
    const term = await expectedDebtors(year, semester);
    expect(term.length).toBeGreaterThan(0);
    expect(await debtorPairs(t, { academicYear: year, semester })).toEqual(asPairs(term));

    const all = await expectedDebtors();
    const faculty = all[0].fak_id;
    const ofFaculty = all.filter((r) => r.fak_id === faculty);
    expect(ofFaculty.length).toBeLessThan(all.length);
    expect(await debtorPairs(t, { facultyId: toGlobalId('Faculty', faculty) })).toEqual(asPairs(ofFaculty));
  });

  it('gives a dean only its own faculty\'s debtors: none of another faculty', async () => {
    const all = await expectedDebtors();
    const faculties = [...new Set(all.map((r) => r.fak_id))].sort((a, b) => a - b);
    expect(faculties.length).toBeGreaterThan(1);
    const [own, other] = faculties;
    const dean = await t.as({ role: Role.DEAN, facultyKey: own });
    expect((await dean.data(DEBTORS_TOTAL, { where: { facultyId: toGlobalId('Faculty', other) } })).academicDebtors.totalCount).toBe(0);
    const ownDebtors = all.filter((r) => r.fak_id === own);
    expect(await debtorPairs(dean, {})).toEqual(asPairs(ownDebtors));
    expect((await dean.data(DEBTORS_TOTAL, {})).academicDebtors.totalCount).toBe(ownDebtors.length);
  });
});

describe('Curriculum.creditsBySemester', () => {
  it('sums the credits of each semester\'s lines, as SQL does', async () => {
    const plans = await t.rows<{ plan_id: number }>('avn', 'select plan_id from uch_plan order by plan_id limit 5');
    expect(plans.length).toBeGreaterThan(0);
    for (const { plan_id } of plans) {
      const expected = await t.rows<{ semester: number; credits: string }>(
        'avn', 'select semestr as semester, sum(kredity)::text as credits from uch_plan_str where plan_id = $1 group by semestr order by semestr', [plan_id],
      );
      expect(expected.length).toBeGreaterThan(0);
      const { node } = await t.data('query($id: ID!) { node(id: $id) { ... on Curriculum { creditsBySemester { semester credits } } } }', {
        id: toGlobalId('Curriculum', plan_id),
      });
      expect(node.creditsBySemester).toEqual(expected.map((r) => ({ semester: r.semester, credits: Number(r.credits) })));
    }
  });
});
