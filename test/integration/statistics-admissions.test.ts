/**
 * Issue 12: admission statistics (AVN abiturient) — every measure against SQL written here on the
 * seeded AVN database, a dean's faculty rule, the analyst's disclosure control, validation and access.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id';
import { Domain, Role } from '../../src/auth/viewer';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  await t?.close();
});

const STATS = `query($groupBy: [AdmissionDimension!]!, $where: AdmissionStatisticsWhere, $having: [AdmissionStatisticsCondition!], $orderBy: [AdmissionStatisticsOrder!]) {
  admissionStatistics(groupBy: $groupBy, where: $where, having: $having, orderBy: $orderBy, first: 100) {
    totalCount withheldCount minGroupSize
    nodes { group { faculty { id } programme { id } intakeYear } suppressed suppression people applicants enrolled enrolmentRate scored averageScore }
    total { people applicants enrolled enrolmentRate scored averageScore }
  }
}`;

interface Row { fak: number; spec: number; year: number; people: number; applicants: number; enrolled: number; rate: string | null; scored: number; avg: string | null }

/** The independent figures: per faculty, programme and submission year. */
const EXPECTED = (where: string, keys = 'sp.fak_id as fak, a.spec_id as spec, extract(year from a.data_podachi)::int as year') => `select ${keys},
    count(distinct coalesce(nullif(trim(a.pin), ''), a.abit_id::text))::int as people, count(*)::int as applicants,
    sum(case when a.status = 'zachislen' then 1 else 0 end)::int as enrolled,
    round(sum(case when a.status = 'zachislen' then 1 else 0 end)::numeric / count(*), 4)::text as rate,
    count(a.ort_ball)::int as scored, round(avg(a.ort_ball), 2)::text as avg
  from abiturient a join specialnost sp on sp.spec_id = a.spec_id where ${where}`;

const num = (v: string | null) => (v === null ? null : Number(v));

describe('admissionStatistics', () => {
  it('gives each measure by faculty and intake year, with a date filter, as SQL does', async () => {
    const [{ cut }] = await t.rows<{ cut: string }>('avn', `select to_char(percentile_disc(0.8) within group (order by data_podachi), 'YYYY-MM-DD') as cut from abiturient`);
    const expected = await t.rows<Row>('avn', `${EXPECTED(`a.data_podachi <= '${cut}'::date`, 'sp.fak_id as fak, extract(year from a.data_podachi)::int as year')} group by grouping sets ((sp.fak_id, extract(year from a.data_podachi)), ()) order by 1, 2`);
    const data = await t.data(STATS, { groupBy: ['FACULTY', 'INTAKE_YEAR'], where: { submittedTo: cut } });
    const s = data.admissionStatistics;
    const cells = expected.filter((r) => r.fak !== null);
    expect(cells.length).toBeGreaterThan(1);
    expect(s.totalCount).toBe(cells.length);
    const got = new Map(s.nodes.map((n: any) => [`${n.group.faculty.id}/${n.group.intakeYear}`, n]));
    for (const r of cells) {
      const n: any = got.get(`${toGlobalId('Faculty', r.fak)}/${r.year}`);
      expect(n, `${r.fak}/${r.year}`).toBeTruthy();
      expect([n.people, n.applicants, n.enrolled, n.enrolmentRate, n.scored, n.averageScore]).toEqual([r.people, r.applicants, r.enrolled, num(r.rate), r.scored, num(r.avg)]);
    }
    const total = expected.find((r) => r.fak === null)!;
    expect(s.total).toEqual({ people: total.people, applicants: total.applicants, enrolled: total.enrolled, enrolmentRate: num(total.rate), scored: total.scored, averageScore: num(total.avg) });
    // The administrator may read personal data: nothing is withheld.
    expect(s.minGroupSize).toBe(1);
    expect(s.withheldCount).toBe(0);
  });

  it('groups by programme within one intake year', async () => {
    const [{ year }] = await t.rows<{ year: number }>('avn', 'select extract(year from max(data_podachi))::int as year from abiturient');
    const expected = await t.rows<Row>('avn', `${EXPECTED(`extract(year from a.data_podachi) = ${year}`)} group by sp.fak_id, a.spec_id, 3 order by 2`);
    const data = await t.data(STATS, { groupBy: ['PROGRAMME'], where: { intakeYear: year } });
    const got = data.admissionStatistics.nodes.map((n: any) => [n.group.programme.id, n.applicants, n.enrolled, n.averageScore]);
    expect(got.sort()).toEqual(expected.map((r) => [toGlobalId('Programme', r.spec), r.applicants, r.enrolled, num(r.avg)]).sort());
  });

  it('applies conditions on measures and orders by a measure', async () => {
    const expected = await t.rows<Row>('avn', `${EXPECTED('true')} group by sp.fak_id, a.spec_id, 3 having count(*) >= 3 order by 2`);
    const data = await t.data(STATS, { groupBy: ['PROGRAMME'], having: [{ measure: 'APPLICANTS', comparison: 'GTE', value: 3 }], orderBy: [{ measure: 'APPLICANTS', descending: true }] });
    const nodes = data.admissionStatistics.nodes;
    expect(nodes.map((n: any) => n.group.programme.id).sort()).toEqual(expected.map((r) => toGlobalId('Programme', r.spec)).sort());
    const counts = nodes.map((n: any) => n.applicants);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
  });

  it('gives a dean only its own faculty\'s applications', async () => {
    const [{ fak }] = await t.rows<{ fak: number }>('avn', 'select sp.fak_id as fak from abiturient a join specialnost sp using (spec_id) group by 1 order by count(*) desc limit 1');
    const [{ other }] = await t.rows<{ other: number }>('avn', `select sp.fak_id as other from abiturient a join specialnost sp using (spec_id) where sp.fak_id <> ${fak} group by 1 limit 1`);
    // A faculty's admissions key: held to its faculty as a dean is (deans do not read admissions).
    const dean = await t.as({ role: Role.ADMISSIONS, apiKey: true, facultyKey: fak, read: [Domain.ORGANISATION, Domain.ADMISSIONS] });
    const expected = await t.rows<Row>('avn', `${EXPECTED(`sp.fak_id = ${fak}`)} group by sp.fak_id, a.spec_id, 3 order by 2`);
    const data = await dean.data(STATS, { groupBy: ['PROGRAMME'] });
    const byProgramme = new Map<string, number>();
    for (const r of expected) byProgramme.set(toGlobalId('Programme', r.spec), (byProgramme.get(toGlobalId('Programme', r.spec)) ?? 0) + r.applicants);
    expect(data.admissionStatistics.total.applicants).toBe([...byProgramme.values()].reduce((a, b) => a + b, 0));
    expect(new Set(data.admissionStatistics.nodes.map((n: any) => n.group.programme.id))).toEqual(new Set(byProgramme.keys()));
    const foreign = await dean.data(STATS, { groupBy: [], where: { facultyId: toGlobalId('Faculty', other) } });
    expect(foreign.admissionStatistics.total.applicants ?? 0).toBe(0);
  });

  it('withholds small groups from an analyst (primary and secondary suppression)', async () => {
    const analyst = await t.as({ role: Role.ANALYST });
    // A short submission window: programmes with a handful of applicants each.
    const [{ day }] = await t.rows<{ day: string }>('avn', `select to_char(data_podachi, 'YYYY-MM-DD') as day from abiturient group by data_podachi
      having count(distinct spec_id) > 2 order by count(*) desc limit 1`);
    const where = `a.data_podachi = '${day}'::date`;
    const small = await t.rows<{ n: number }>('avn', `select count(*)::int as n from (${EXPECTED(where)} group by sp.fak_id, a.spec_id, 3 having count(distinct coalesce(nullif(trim(a.pin), ''), a.abit_id::text)) < 5) x`);
    expect(small[0].n).toBeGreaterThan(0);
    const data = await analyst.data(STATS, { groupBy: ['PROGRAMME', 'INTAKE_YEAR'], where: { submittedFrom: day, submittedTo: day } });
    const s = data.admissionStatistics;
    expect(s.minGroupSize).toBe(5);
    const withheld = s.nodes.filter((n: any) => n.suppressed);
    expect(withheld.length).toBeGreaterThanOrEqual(small[0].n);
    expect(withheld.some((n: any) => n.suppression === 'PRIMARY')).toBe(true);
    for (const n of withheld) expect([n.people, n.applicants, n.enrolled, n.averageScore]).toEqual([null, null, null, null]);
    for (const n of s.nodes.filter((n: any) => !n.suppressed)) expect(n.people).toBeGreaterThanOrEqual(5);
  });

  it('refuses a dimension it does not have, anonymous callers (a statistic outweighs their statement limit) and students (FORBIDDEN)', async () => {
    const bad = await t.execute(STATS, { groupBy: ['GROUP'] });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const anonymous = await t.anonymous.execute(STATS, { groupBy: ['PROGRAMME'] });
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limitName: 'statements' });
    const [{ stud_id }] = await t.rows<{ stud_id: number }>('avn', 'select min(stud_id) as stud_id from students');
    const student = await t.as({ role: Role.STUDENT, studentKey: stud_id });
    expect((await student.execute(STATS, { groupBy: ['PROGRAMME'] })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
