/**
 * Issue 12: grade statistics against SQL written here on the seeded AVN database — the counted
 * attempt by row_number() over each student's item and term (latest sheet by opening date, then
 * number), the grade points and letter by the scale row with the highest lower bound at or below
 * the total, people by count(distinct) — not the source's statement (an anti-join on later sheets,
 * sums per student). Also: conditions (HAVING), order, and an analyst's disclosure control.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/viewer';
import { toGlobalId } from '../../src/domain/global-id';
import { allPages, startTestHub, type Executor, type TestHub } from '../helpers/test-hub';

let t: TestHub;
let analyst: Executor;

beforeAll(async () => {
  t = await startTestHub();
  analyst = await t.as({ role: Role.ANALYST });
});

afterAll(async () => {
  await t?.close();
});

interface Expected {
  k0: number | string | null;
  k1: number | string | null;
  people: number;
  graded: number;
  average_total: string | null;
  pass_rate: string | null;
  passed: number;
  failures: number;
  average_points: string | null;
  letters: Record<string, number>;
}

/**
 * The expected cells: `dims` are SQL over the counted result `c` (its sheet's group, teacher,
 * term), the student `s`, the group `g` and programme `sp`; `term` and `teacher` filter.
 */
async function expected(dims: string[], options: { year?: string; semester?: number; teacher?: number; funding?: string } = {}): Promise<Expected[]> {
  const keys = [dims[0] ?? 'null', dims[1] ?? 'null'];
  return t.rows<Expected>(
    'avn',
    `with attempts as (
       select vs.stud_id, vs.total, v.grp_id, v.emp_id,
              row_number() over (partition by vs.stud_id, v.str_id, v.uch_god, v.semestr order by v.data_otkr desc, v.ved_id desc) as latest
         from vedomost_str vs join vedomost v on v.ved_id = vs.ved_id
        where vs.total is not null and ($1::text is null or v.uch_god = $1) and ($2::int is null or v.semestr = $2)
     ), c as (
       select a.*, k.ball, k.bukva
         from attempts a
         left join shkala k on k.min_ball = (select max(m.min_ball) from shkala m where m.min_ball <= a.total)
        where a.latest = 1 and ($3::int is null or a.emp_id = $3)
     ), cells as (
       select ${keys[0]} as k0, ${keys[1]} as k1, count(distinct c.stud_id)::int as people, count(*)::int as graded,
              round(avg(c.total), 2)::text as average_total,
              round((count(*) filter (where c.ball > 0))::numeric / count(*), 4)::text as pass_rate,
              count(*) filter (where c.ball > 0)::int as passed, count(*) filter (where c.ball = 0)::int as failures,
              round(avg(c.ball), 2)::text as average_points,
              null::jsonb as letters
         from c join students s on s.stud_id = c.stud_id join gruppa g on g.grp_id = c.grp_id join specialnost sp on sp.spec_id = g.spec_id
        where ($4::text is null or s.forma_oplaty = $4)
        group by 1, 2
     )
     select * from cells`,
    [options.year ?? null, options.semester ?? null, options.teacher ?? null, options.funding ?? null],
  ).then(async (rows) => {
    // Letters per cell, counted separately (a plain group by letter).
    const letters = await t.rows<{ k0: any; k1: any; bukva: string; n: number }>(
      'avn',
      `with attempts as (
         select vs.stud_id, vs.total, v.grp_id, v.emp_id,
                row_number() over (partition by vs.stud_id, v.str_id, v.uch_god, v.semestr order by v.data_otkr desc, v.ved_id desc) as latest
           from vedomost_str vs join vedomost v on v.ved_id = vs.ved_id
          where vs.total is not null and ($1::text is null or v.uch_god = $1) and ($2::int is null or v.semestr = $2)
       ), c as (
         select a.*, (select k.bukva from shkala k where k.min_ball = (select max(m.min_ball) from shkala m where m.min_ball <= a.total)) as bukva
           from attempts a where a.latest = 1 and ($3::int is null or a.emp_id = $3)
       )
       select ${keys[0]} as k0, ${keys[1]} as k1, c.bukva, count(*)::int as n
         from c join students s on s.stud_id = c.stud_id join gruppa g on g.grp_id = c.grp_id join specialnost sp on sp.spec_id = g.spec_id
        where ($4::text is null or s.forma_oplaty = $4)
        group by 1, 2, 3`,
      [options.year ?? null, options.semester ?? null, options.teacher ?? null, options.funding ?? null],
    );
    const scale = await t.rows<{ bukva: string }>('avn', 'select bukva from shkala');
    for (const row of rows) {
      row.letters = Object.fromEntries(scale.map((s) => [s.bukva, 0]));
      for (const l of letters) if (l.k0 === row.k0 && l.k1 === row.k1 && l.bukva) row.letters[l.bukva] = l.n;
    }
    return rows;
  });
}

const CELL = 'group { faculty { id } studyGroup { id } gender teacher { id } } suppressed suppression people graded averageTotal passRate passed failures averagePoints distribution { label count }';
const STATS = `query($groupBy: [GradeDimension!]!, $where: GradeStatisticsWhere, $having: [GradeStatisticsCondition!], $orderBy: [GradeStatisticsOrder!], $after: String) {
  gradeStatistics(groupBy: $groupBy, where: $where, having: $having, orderBy: $orderBy, first: 100, after: $after) {
    nodes { ${CELL} } pageInfo { hasNextPage endCursor } total { ${CELL} } withheldCount minGroupSize
  }
}`;

const num = (v: string | null) => (v === null ? null : Number(v));
const GENDER: Record<string, string> = { M: 'MALE', J: 'FEMALE' };

/** A cell as the API answers it, from an expected row (keys mapped by `key`). */
function asCell(row: Expected, key: (row: Expected) => Record<string, unknown>) {
  return {
    key: key(row),
    people: row.people,
    graded: row.graded,
    averageTotal: num(row.average_total),
    passRate: num(row.pass_rate),
    passed: row.passed,
    failures: row.failures,
    averagePoints: num(row.average_points),
    distribution: row.letters,
  };
}

function fromNode(node: any, key: (group: any) => Record<string, unknown>) {
  return {
    key: key(node.group),
    people: node.people,
    graded: node.graded,
    averageTotal: node.averageTotal,
    passRate: node.passRate,
    passed: node.passed,
    failures: node.failures,
    averagePoints: node.averagePoints,
    distribution: Object.fromEntries(node.distribution.map((d: any) => [d.label, d.count])),
  };
}

const byKey = (a: { key: unknown }, b: { key: unknown }) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key));
const facultyKey = (row: Expected) => ({ faculty: toGlobalId('Faculty', row.k0 as number) });
const facultyOf = (group: any) => ({ faculty: group.faculty?.id ?? null });
const groupGenderKey = (row: Expected) => ({ group: toGlobalId('Group', row.k0 as number), gender: GENDER[row.k1 as string] });
const groupGenderOf = (group: any) => ({ group: group.studyGroup?.id ?? null, gender: group.gender });

/** The busiest term of the seeded sheets (a filter that keeps many cells). */
async function busyTerm(): Promise<{ year: string; semester: number }> {
  const [row] = await t.rows<{ uch_god: string; semestr: number }>('avn', 'select uch_god, semestr from vedomost group by 1, 2 order by count(*) desc, 1, 2 limit 1');
  return { year: row.uch_god, semester: row.semestr };
}

describe('gradeStatistics against SQL', () => {
  it('groupBy [FACULTY]: every measure and letter of every faculty, and the total', async () => {
    const rows = await expected(['sp.fak_id']);
    const nodes = await allPages(t, STATS, { groupBy: ['FACULTY'] }, (d) => d.gradeStatistics);
    expect(nodes.map((n) => fromNode(n, facultyOf)).sort(byKey)).toEqual(rows.map((r) => asCell(r, facultyKey)).sort(byKey));
    expect(nodes.length).toBeGreaterThan(1);
    const [total] = await expected([]);
    const data = await t.data(STATS, { groupBy: ['FACULTY'] });
    expect(fromNode(data.gradeStatistics.total, () => ({}))).toEqual(asCell(total, () => ({})));
    // Retakes exist, so the counted attempt matters: fewer counted results than results with a total.
    const [{ n }] = await t.rows<{ n: number }>('avn', 'select count(*)::int as n from vedomost_str where total is not null');
    expect(total.graded).toBeLessThan(n);
  });

  it('groupBy [GROUP, GENDER] with academicYear and semester', async () => {
    const term = await busyTerm();
    const rows = await expected(['g.grp_id', 's.pol'], term);
    expect(rows.length).toBeGreaterThan(5);
    const where = { academicYear: term.year, semester: term.semester };
    const nodes = await allPages(t, STATS, { groupBy: ['GROUP', 'GENDER'], where }, (d) => d.gradeStatistics);
    expect(nodes.map((n) => fromNode(n, groupGenderOf)).sort(byKey)).toEqual(rows.map((r) => asCell(r, groupGenderKey)).sort(byKey));
    const [total] = await expected([], term);
    expect(fromNode((await t.data(STATS, { groupBy: ['GROUP', 'GENDER'], where })).gradeStatistics.total, () => ({}))).toEqual(asCell(total, () => ({})));
  });

  it('a dean\'s statistics cover its own faculty: one faculty, whose figures are SQL\'s for it, and exact (no disclosure control)', async () => {
    const [{ fak_id: faculty }] = await t.rows<{ fak_id: number }>('avn', 'select min(fak_id)::int as fak_id from fakultet');
    const dean = await t.as({ role: Role.DEAN, facultyKey: faculty });
    const byFaculty = (await expected(['sp.fak_id'])).find((r) => r.k0 === faculty)!;
    const data = await dean.data(STATS, { groupBy: ['FACULTY'] });
    expect(data.gradeStatistics.nodes.map((n: any) => fromNode(n, facultyOf))).toEqual([asCell(byFaculty, facultyKey)]);
    expect(fromNode(data.gradeStatistics.total, () => ({}))).toEqual(asCell(byFaculty, () => ({})));
    // Grouped by group, every group is the faculty's.
    const groups = await allPages(dean, STATS, { groupBy: ['GROUP'] }, (d) => d.gradeStatistics);
    const facultyGroups = new Set((await t.rows<{ grp_id: number }>('avn', 'select g.grp_id from gruppa g join specialnost sp on sp.spec_id = g.spec_id where sp.fak_id = $1', [faculty])).map((r) => toGlobalId('Group', r.grp_id)));
    expect(groups.length).toBeGreaterThan(0);
    for (const node of groups) expect(facultyGroups.has(node.group.studyGroup.id)).toBe(true);
  });

  it('teacherId: the counted results on that teacher\'s sheets', async () => {
    const [{ emp_id: teacher }] = await t.rows<{ emp_id: number }>('avn', 'select v.emp_id from vedomost v join vedomost_str vs on vs.ved_id = v.ved_id group by 1 order by count(*) desc limit 1');
    const rows = await expected(['sp.fak_id'], { teacher });
    const where = { teacherId: toGlobalId('Employee', teacher) };
    const nodes = await allPages(t, STATS, { groupBy: ['FACULTY'], where }, (d) => d.gradeStatistics);
    expect(nodes.map((n) => fromNode(n, facultyOf)).sort(byKey)).toEqual(rows.map((r) => asCell(r, facultyKey)).sort(byKey));
    const [total] = await expected([], { teacher });
    expect(fromNode((await t.data(STATS, { groupBy: ['FACULTY'], where })).gradeStatistics.total, () => ({}))).toEqual(asCell(total, () => ({})));
  });

  it('groupBy [TEACHER] (each result its own partial sum): every teacher\'s measures and letters', async () => {
    const rows = await expected(['c.emp_id']);
    const nodes = await allPages(t, STATS, { groupBy: ['TEACHER'] }, (d) => d.gradeStatistics);
    const teacherKey = (row: Expected) => ({ teacher: toGlobalId('Employee', row.k0 as number) });
    expect(nodes.map((n) => fromNode(n, (g) => ({ teacher: g.teacher?.id ?? null }))).sort(byKey)).toEqual(rows.map((r) => asCell(r, teacherKey)).sort(byKey));
    expect(nodes.length).toBeGreaterThan(5);
  });

  it('HAVING passRate < x keeps exactly the groups SQL finds, and orderBy sorts them', async () => {
    const rows = await expected(['g.grp_id']);
    const rates = rows.map((r) => Number(r.pass_rate)).sort((a, b) => a - b);
    const limit = rates[Math.floor(rates.length / 2)]; // about half the groups below it
    const having = [{ measure: 'PASS_RATE', comparison: 'LT', value: limit }];
    const orderBy = [{ measure: 'AVERAGE_TOTAL', descending: true }];
    const nodes = await allPages(t, STATS, { groupBy: ['GROUP'], having, orderBy }, (d) => d.gradeStatistics);
    const want = rows.filter((r) => Number(r.pass_rate) < limit);
    expect(want.length).toBeGreaterThan(0);
    expect(nodes.map((n) => n.group.studyGroup.id).sort()).toEqual(want.map((r) => toGlobalId('Group', r.k0 as number)).sort());
    const averages = nodes.map((n) => n.averageTotal);
    expect(averages).toEqual([...averages].sort((a, b) => b - a));
    expect(nodes.every((n) => n.passRate < limit)).toBe(true);
  });
});

describe('gradeStatistics for an analyst (disclosure control)', () => {
  it('withholds small groups (measures null) and leaves no dimension line with exactly one withheld cell', async () => {
    // A grouping by a unit and gender, a term and a funding type, whose groups include small ones
    // (fewer than 5 students) and that still shows some groups after secondary suppression.
    const terms: { uch_god: string | null; semestr: number | null }[] = [
      { uch_god: null, semestr: null },
      ...(await t.rows<{ uch_god: string; semestr: number }>('avn', 'select uch_god, semestr from vedomost group by 1, 2 order by count(*) desc, 1, 2')),
    ];
    const units = [
      { dimension: 'FACULTY', sql: 'sp.fak_id', type: 'Faculty', field: 'faculty' },
      { dimension: 'GROUP', sql: 'g.grp_id', type: 'Group', field: 'studyGroup' },
    ];
    let unit = units[0];
    let where: Record<string, unknown> = {};
    let rows: Expected[] = [];
    let nodes: any[] = [];
    search: for (const term of terms) {
      for (const candidate of [...units].reverse()) {
        for (const [fundingType, code] of [['CONTRACT', 'K'], ['BUDGET', 'B'], [null, null]]) {
          unit = candidate;
          rows = await expected([candidate.sql, 's.pol'], { year: term.uch_god ?? undefined, semester: term.semestr ?? undefined, funding: code ?? undefined });
          if (!rows.some((r) => r.people < 5)) continue;
          where = { ...(term.uch_god ? { academicYear: term.uch_god, semester: term.semestr } : {}), ...(fundingType ? { fundingType } : {}) };
          nodes = await allPages(analyst, STATS, { groupBy: [candidate.dimension, 'GENDER'], where }, (d) => d.gradeStatistics);
          if (nodes.some((n) => !n.suppressed)) break search;
        }
      }
    }
    const keyOfRow = (row: Expected) => ({ unit: toGlobalId(unit.type, row.k0 as number), gender: GENDER[row.k1 as string] });
    const keyOfGroup = (group: any) => ({ unit: group[unit.field]?.id ?? null, gender: group.gender });
    const small = rows.filter((r) => r.people > 0 && r.people < 5);
    expect(small.length).toBeGreaterThan(0);
    expect(nodes).toHaveLength(rows.length);
    const byCell = new Map(nodes.map((n) => [JSON.stringify(keyOfGroup(n.group)), n]));
    // Primary: every group of fewer than 5 students is present and withheld, its measures null.
    for (const row of small) {
      const node = byCell.get(JSON.stringify(keyOfRow(row)))!;
      expect(node).toMatchObject({ suppressed: true, suppression: 'PRIMARY', people: null, graded: null, averageTotal: null, passRate: null, passed: null, failures: null, averagePoints: null, distribution: null });
    }
    // Shown groups carry the SQL figures.
    const shown = nodes.filter((n) => !n.suppressed);
    expect(shown.length).toBeGreaterThan(0);
    const expectedByKey = new Map(rows.map((r) => [JSON.stringify(keyOfRow(r)), asCell(r, keyOfRow)]));
    for (const node of shown) expect(fromNode(node, keyOfGroup)).toEqual(expectedByKey.get(JSON.stringify(keyOfGroup(node.group))));
    // Secondary: along each dimension no line (same other dimension) holds exactly one withheld cell.
    for (const varying of ['unit', 'gender'] as const) {
      const lines = new Map<string, any[]>();
      for (const node of nodes) {
        const key = keyOfGroup(node.group);
        const rest = JSON.stringify(varying === 'unit' ? key.gender : key.unit);
        lines.set(rest, [...(lines.get(rest) ?? []), node]);
      }
      // A line of one cell is its own margin (withheld there too); a longer line never has a lone withheld cell.
      for (const line of lines.values()) if (line.length > 1) expect(line.filter((n) => n.suppressed).length).not.toBe(1);
    }
    expect(nodes.some((n) => n.suppression === 'SECONDARY')).toBe(true);
  });
});
