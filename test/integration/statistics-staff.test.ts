/**
 * Issue 12, staff statistics: teaching-load hours (AVN 6) against the staffing table's rates (AVN
 * 7) by chair, faculty and academic year — each measure checked against SQL written here on the
 * seeded AVN database (correlated sums per unit, not the source's CTEs) and against the existing
 * Chair.staffing / Chair.teachingLoad / Faculty.staffing, with a teacher of two chairs counted once
 * per chair and once per faculty, the row rules of a dean and a chair, disclosure control counting
 * employees for an analyst, conditions and order, and refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/viewer';
import { toGlobalId } from '../../src/domain/global-id';
import { academicTermOn } from '../../src/domain/academic-term';
import { allPages, startTestHub, type Executor, type TestHub } from '../helpers/test-hub';

let t: TestHub;
/** An assignment current on the hub's business date, as SQL. */
let CURRENT = '';
let YEAR = '';

beforeAll(async () => {
  t = await startTestHub();
  const today = t.hub.runtime.businessClock.today();
  CURRENT = `(sd.data_nach <= date '${today}' and (sd.data_kon is null or sd.data_kon >= date '${today}'))`;
  YEAR = academicTermOn(today).academicYear;
});

afterAll(async () => {
  await t?.close();
});

interface Unit { key: number; rates: number; filled: number; people: number; hours: number; lek: number; prak: number; lab: number }

/** The employees of a unit (`unit` a condition on sh and k), as SQL. */
const membersOf = (unit: string) => `select sd.emp_id from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id
  left join kafedra k on k.kaf_id = sh.kaf_id where ${unit} and ${CURRENT}`;

/** Per unit of a table (kafedra or fakultet), its figures: `unit` matches shtat (sh, k) to the unit row `u`. */
async function unitsBySql(table: 'kafedra k0' | 'fakultet f0', key: string, unit: string, year: string | null): Promise<Unit[]> {
  const hours = (vid: string | null) => `(select coalesce(sum(n.chasy), 0) from nagruzka n where ${year ? `n.uch_god = '${year}' and ` : ''}${vid ? `n.vid = '${vid}' and ` : ''}
      n.emp_id in (${membersOf(unit)}))::int`;
  const rows = await t.rows<any>('avn', `
    select ${key} as key,
           (select coalesce(sum(sh.stavok), 0) from shtat sh left join kafedra k on k.kaf_id = sh.kaf_id where ${unit})::text as rates,
           (select coalesce(sum(sd.stavka), 0) from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id
              left join kafedra k on k.kaf_id = sh.kaf_id where ${unit} and ${CURRENT})::text as filled,
           (select count(distinct emp_id) from (${membersOf(unit)}) m)::int as people,
           ${hours(null)} as hours, ${hours('lek')} as lek, ${hours('prak')} as prak, ${hours('lab')} as lab
      from ${table}`);
  return rows.map((r) => ({ ...r, rates: Number(r.rates), filled: Number(r.filled) }));
}
const chairsBySql = (year: string | null = YEAR) => unitsBySql('kafedra k0', 'k0.kaf_id', 'sh.kaf_id = k0.kaf_id', year);
const facultiesBySql = (year: string | null = YEAR) => unitsBySql('fakultet f0', 'f0.fak_id', 'coalesce(sh.fak_id, k.fak_id) = f0.fak_id', year);

const NODE = 'people rates filledRates vacantRates loadHours lectureHours practiceHours labHours hoursPerFilledRate suppressed suppression';
const QUERY = (group: string) => `query($groupBy: [StaffDimension!]!, $where: StaffStatisticsWhere, $having: [StaffStatisticsCondition!], $orderBy: [StaffStatisticsOrder!], $after: String) {
  staffStatistics(groupBy: $groupBy, where: $where, having: $having, orderBy: $orderBy, first: 100, after: $after) {
    nodes { group { ${group} } ${NODE} } pageInfo { hasNextPage endCursor }
  }
}`;
const TOTAL = `query($groupBy: [StaffDimension!]!, $where: StaffStatisticsWhere) {
  staffStatistics(groupBy: $groupBy, where: $where, first: 1) { totalCount withheldCount minGroupSize total { ${NODE} } }
}`;
const nodesOf = (executor: Executor, group: string, variables: Record<string, unknown>) =>
  allPages<any>(executor, QUERY(group), variables, (d) => d.staffStatistics);

function expectUnit(node: any, want: Unit) {
  expect(node.people).toBe(want.people);
  expect(node.rates).toBeCloseTo(want.rates, 6);
  expect(node.filledRates).toBeCloseTo(want.filled, 6);
  expect(node.vacantRates).toBeCloseTo(want.rates - want.filled, 6);
  expect([node.loadHours, node.lectureHours, node.practiceHours, node.labHours]).toEqual([want.hours, want.lek, want.prak, want.lab]);
  expect(node.hoursPerFilledRate).toBe(want.filled > 0 ? Math.round((want.hours / want.filled) * 100) / 100 : null);
}

describe('staffStatistics', () => {
  it('by chair equals SQL and Chair.staffing / Chair.teachingLoad', async () => {
    const expected = await chairsBySql();
    expect(expected.some((c) => c.hours > 0)).toBe(true);
    const nodes = await nodesOf(t, 'chair { id staffing { rates filledRates vacantRates teacherCount } teachingLoad { teacherCount totalHours lectureHours practiceHours labHours } }', { groupBy: ['CHAIR'] });
    const byChair = new Map(nodes.filter((n) => n.group.chair).map((n) => [n.group.chair.id, n]));
    for (const want of expected) {
      const node = byChair.get(toGlobalId('Chair', want.key));
      if (!node) {
        // A chair without lines or employees has no group.
        expect([want.rates, want.people]).toEqual([0, 0]);
        continue;
      }
      expectUnit(node, want);
      const { staffing, teachingLoad } = node.group.chair;
      expect([staffing.teacherCount, teachingLoad.teacherCount]).toEqual([node.people, node.people]);
      expect(node.rates).toBeCloseTo(staffing.rates, 6);
      expect(node.filledRates).toBeCloseTo(staffing.filledRates, 6);
      expect(node.vacantRates).toBeCloseTo(staffing.vacantRates, 6);
      expect([node.loadHours, node.lectureHours, node.practiceHours, node.labHours])
        .toEqual([teachingLoad.totalHours, teachingLoad.lectureHours, teachingLoad.practiceHours, teachingLoad.labHours]);
    }
    expect(byChair.size).toBeGreaterThan(3);
    // The lines outside any chair (a faculty's own, the central administration's) form the group without a chair.
    const [outside] = await unitsBySql('(select 1) x' as any, '0', 'sh.kaf_id is null', YEAR);
    expectUnit(nodes.find((n) => n.group.chair === null), outside);
  });

  it('counts a teacher of two chairs once per chair, once per faculty and once in the total', async () => {
    const twoChairs = await t.rows<{ emp_id: number; fak_id: number }>('avn', `
      select sd.emp_id, min(k.fak_id) as fak_id from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id join kafedra k on k.kaf_id = sh.kaf_id
       where ${CURRENT} group by sd.emp_id having count(distinct sh.kaf_id) > 1 and count(distinct k.fak_id) = 1`);
    expect(twoChairs.length).toBeGreaterThan(0);
    const faculties = await facultiesBySql();
    const nodes = await nodesOf(t, 'faculty { id }', { groupBy: ['FACULTY'] });
    const byFaculty = new Map(nodes.filter((n) => n.group.faculty).map((n) => [n.group.faculty.id, n]));
    for (const want of faculties) expectUnit(byFaculty.get(toGlobalId('Faculty', want.key)), want);
    // The faculty of a two-chair teacher counts fewer people than its units' (chair or own line, employee) pairs.
    const fak = twoChairs[0].fak_id;
    const [{ pairs }] = await t.rows<{ pairs: number }>('avn', `select count(*)::int as pairs from (select distinct sh.kaf_id, sd.emp_id
        from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id left join kafedra k on k.kaf_id = sh.kaf_id
       where coalesce(sh.fak_id, k.fak_id) = $1 and ${CURRENT}) p`, [fak]);
    expect(byFaculty.get(toGlobalId('Faculty', fak)).people).toBeLessThan(pairs);
    // Faculty.staffing.teacherCount agrees.
    const { node } = await t.data('query($id: ID!) { node(id: $id) { ... on Faculty { staffing { teacherCount } } } }', { id: toGlobalId('Faculty', fak) });
    expect(node.staffing.teacherCount).toBe(byFaculty.get(toGlobalId('Faculty', fak)).people);

    const [total] = await unitsBySql('(select 1) x' as any, '0', 'true', YEAR);
    const { staffStatistics: s } = await t.data(TOTAL, { groupBy: ['CHAIR'] });
    expectUnit(s.total, total);
    const cells = await nodesOf(t, 'chair { id }', { groupBy: ['CHAIR'] });
    expect(s.total.people).toBeLessThan(cells.reduce((sum, c) => sum + c.people, 0));
    expect(s.total.loadHours).toBeLessThan(cells.reduce((sum, c) => sum + c.loadHours, 0));
  });

  it('groups by faculty and academic year, with a faculty filter, as SQL does', async () => {
    const years = await t.rows<{ uch_god: string }>('avn', 'select distinct uch_god from nagruzka order by 1');
    expect(years.length).toBeGreaterThan(0);
    const [{ fak_id }] = await t.rows<{ fak_id: number }>('avn', 'select fak_id from fakultet order by fak_id limit 1');
    const nodes = await nodesOf(t, 'faculty { id } chair { id } academicYear', { groupBy: ['FACULTY', 'CHAIR', 'ACADEMIC_YEAR'], where: { facultyId: toGlobalId('Faculty', fak_id) } });
    const chairs = await t.rows<{ kaf_id: number }>('avn', 'select kaf_id from kafedra where fak_id = $1', [fak_id]);
    for (const { uch_god } of years) {
      const want = (await chairsBySql(uch_god)).filter((c) => chairs.some((k) => k.kaf_id === c.key) && (c.people > 0 || c.rates > 0));
      const got = nodes.filter((n) => n.group.academicYear === uch_god && n.group.chair);
      expect(got.length).toBe(want.length);
      for (const w of want) {
        const node = got.find((n) => n.group.chair.id === toGlobalId('Chair', w.key));
        expect(node.group.faculty.id).toBe(toGlobalId('Faculty', fak_id));
        expectUnit(node, w);
      }
    }
    // Only the faculty's own units.
    expect(nodes.every((n) => n.group.faculty?.id === toGlobalId('Faculty', fak_id))).toBe(true);
  });

  it('limits a dean to its faculty and a chair to its chair', async () => {
    const faculties = (await facultiesBySql()).filter((f) => f.people > 0).sort((a, b) => a.key - b.key);
    const [own, other] = faculties;
    const dean = await t.as({ role: Role.DEAN, facultyKey: own.key });
    const nodes = await nodesOf(dean, 'faculty { id }', { groupBy: ['FACULTY'] });
    expect(nodes.map((n) => n.group.faculty.id)).toEqual([toGlobalId('Faculty', own.key)]);
    expectUnit(nodes[0], own);
    const { staffStatistics: s } = await dean.data(TOTAL, { groupBy: [], where: { facultyId: toGlobalId('Faculty', other.key) } });
    expect(s.total).toMatchObject({ people: 0, rates: 0, loadHours: 0 });

    const chairs = (await chairsBySql()).filter((c) => c.people > 0).sort((a, b) => a.key - b.key);
    const chair = await t.as({ role: Role.CHAIR, chairKey: chairs[0].key });
    const mine = await nodesOf(chair, 'chair { id }', { groupBy: ['CHAIR'] });
    expect(mine.map((n) => n.group.chair.id)).toEqual([toGlobalId('Chair', chairs[0].key)]);
  });

  it('withholds an analyst\'s units of fewer than K employees (counting employees), keeps conditions and order', async () => {
    const chairs = await chairsBySql();
    // No chair has fewer than 5 employees at test scale: a hub with K at the median chair's size.
    const sizes = chairs.map((c) => c.people).filter((n) => n > 0).sort((a, b) => a - b);
    const k = sizes[Math.floor(sizes.length / 2)] + 1;
    const small = chairs.filter((c) => c.people > 0 && c.people < k);
    expect(small.length).toBeGreaterThan(1);
    const strict = await startTestHub({ configure: (config) => ({ ...config, statisticsMinGroupSize: k }) });
    try {
      const analyst = await strict.as({ role: Role.ANALYST });
      const nodes = await nodesOf(analyst, 'chair { id }', { groupBy: ['CHAIR'] });
      for (const c of small) {
        expect(nodes.find((n) => n.group.chair?.id === toGlobalId('Chair', c.key))).toMatchObject({ suppressed: true, suppression: 'PRIMARY', people: null, rates: null, loadHours: null });
      }
      for (const n of nodes.filter((x) => !x.suppressed && x.group.chair)) {
        const want = chairs.find((c) => toGlobalId('Chair', c.key) === n.group.chair.id)!;
        expect(want.people === 0 || want.people >= k).toBe(true);
        expectUnit(n, want);
      }
      const { staffStatistics: s } = await analyst.data(TOTAL, { groupBy: ['CHAIR'] });
      expect(s.minGroupSize).toBe(k);
      expect(s.withheldCount).toBeGreaterThanOrEqual(small.length);
      // The default K (5) withholds nothing of these chairs on the shared hub.
      const { staffStatistics: d } = await (await t.as({ role: Role.ANALYST })).data(TOTAL, { groupBy: ['CHAIR'] });
      expect(d.minGroupSize).toBe(5);
    } finally {
      await strict.close();
    }

    // HAVING and ORDER BY as the HR (every group shown).
    const threshold = 0;
    const kept = chairs.filter((c) => c.hours > threshold).sort((a, b) => b.hours - a.hours);
    expect(kept.length).toBeGreaterThan(1);
    const hr = await t.as({ role: Role.HR });
    const ordered = await nodesOf(hr, 'chair { id }', {
      groupBy: ['CHAIR'], having: [{ measure: 'LOAD_HOURS', comparison: 'GT', value: threshold }], orderBy: [{ measure: 'LOAD_HOURS', descending: true }],
    });
    const orderedChairs = ordered.filter((n) => n.group.chair);
    expect(orderedChairs.map((n) => n.loadHours)).toEqual(kept.map((c) => c.hours));
    expect(ordered.map((n) => n.loadHours)).toEqual([...ordered.map((n) => n.loadHours)].sort((a, b) => b - a));
    expect(new Set(orderedChairs.map((n) => n.group.chair.id))).toEqual(new Set(kept.map((c) => toGlobalId('Chair', c.key))));
  });

  it('refuses a malformed year, a dimension it lacks, students and teachers', async () => {
    expect((await t.execute(TOTAL, { groupBy: [], where: { academicYear: '2026' } })).errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    expect((await t.execute(TOTAL, { groupBy: ['GENDER'] })).errors?.length).toBeGreaterThan(0);
    const [{ stud_id }] = await t.rows<{ stud_id: number }>('avn', 'select stud_id from students order by stud_id limit 1');
    const student = await t.as({ role: Role.STUDENT, studentKey: stud_id });
    expect((await student.execute(TOTAL, { groupBy: ['CHAIR'] })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [{ emp_id }] = await t.rows<{ emp_id: number }>('avn', 'select emp_id from sotrudnik where is_pps order by emp_id limit 1');
    const teacher = await t.as({ role: Role.TEACHER, employeeKey: emp_id });
    expect((await teacher.execute(TOTAL, { groupBy: ['CHAIR'] })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
