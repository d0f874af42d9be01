/**
 * Issue 12, attendance statistics: lessons, marks by presence and the attendance rate grouped by
 * the hub's dimensions (week, faculty, semester, the band of the students' GPA…), each measure
 * checked against SQL written here on the seeded AVN journal (the week by ISO weekday arithmetic,
 * the term by month ranges, the GPA by window functions and a scale lookup by the highest lower
 * bound — not the source's statements), with a dean's row rule, disclosure control for an analyst,
 * conditions and order on measures, and refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id';
import { Role } from '../../src/auth/viewer';
import { allPages, startTestHub, type Executor, type TestHub } from '../helpers/test-hub';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  await t?.close();
});

interface Counts { people: number; lessons: number; marks: number; present: number; late: number; absent: number; excused: number }

const MEASURES = `count(distinct o.stud_id)::int as people, count(distinct o.zan_id)::int as lessons, count(*)::int as marks,
  sum(case when o.prisutstvie = 'P' then 1 else 0 end)::int as present, sum(case when o.prisutstvie = 'O' then 1 else 0 end)::int as late,
  sum(case when o.prisutstvie = 'N' then 1 else 0 end)::int as absent, sum(case when o.prisutstvie = 'U' then 1 else 0 end)::int as excused`;
const FROM = `from jurnal_otmetka o join jurnal_zanyatie z on z.zan_id = o.zan_id join students s on s.stud_id = o.stud_id
  join gruppa g on g.grp_id = z.grp_id join specialnost sp on sp.spec_id = g.spec_id`;

/** Each student's GPA: per curriculum item and term the latest sheet with a total, points by the highest lower bound of shkala, credit-weighted. */
const GPA_CTE = `with attempts as (
         select vs.stud_id, vs.total, ups.kredity,
                row_number() over (partition by vs.stud_id, v.str_id, v.uch_god, v.semestr order by v.data_otkr desc, v.ved_id desc) as latest
           from vedomost_str vs join vedomost v on v.ved_id = vs.ved_id join uch_plan_str ups on ups.str_id = v.str_id
          where vs.total is not null
       ), pointed as (
         select a.stud_id, a.kredity, (select k.ball from shkala k where k.min_ball = (select max(m.min_ball) from shkala m where m.min_ball <= a.total)) as ball
           from attempts a where a.latest = 1
       ), gpa as (
         select stud_id, round(sum(kredity * ball) / sum(kredity), 2) as gpa from pointed where ball is not null group by stud_id
       )`;
const BAND = `case when b.gpa = 4 then 'EXCELLENT' when b.gpa >= 3 then 'GOOD' when b.gpa > 0 then 'SATISFACTORY' when b.gpa = 0 then 'FAILING' end`;

/** The measures a node should show for SQL counts. */
const measuresOf = (r: Counts) => ({
  people: r.people, lessons: r.lessons, marks: r.marks, present: r.present, late: r.late, absent: r.absent, excused: r.excused,
  attendanceRate: Math.round(((r.present + r.late) / r.marks) * 10_000) / 10_000,
  distribution: [
    { label: 'PRESENT', count: r.present }, { label: 'LATE', count: r.late }, { label: 'ABSENT', count: r.absent }, { label: 'EXCUSED', count: r.excused },
  ],
});

const NODE = 'people lessons marks present late absent excused attendanceRate distribution { label count } suppressed suppression';
const QUERY = (group: string) => `query($groupBy: [AttendanceDimension!]!, $where: AttendanceStatisticsWhere, $having: [AttendanceStatisticsCondition!], $orderBy: [AttendanceStatisticsOrder!], $after: String) {
  attendanceStatistics(groupBy: $groupBy, where: $where, having: $having, orderBy: $orderBy, first: 100, after: $after) {
    nodes { group { ${group} } ${NODE} } pageInfo { hasNextPage endCursor }
  }
}`;
const TOTAL = `query($groupBy: [AttendanceDimension!]!, $where: AttendanceStatisticsWhere) {
  attendanceStatistics(groupBy: $groupBy, where: $where, first: 1) { totalCount withheldCount minGroupSize total { ${NODE} } }
}`;

const nodesOf = (executor: Executor, group: string, variables: Record<string, unknown>) =>
  allPages<any>(executor, QUERY(group), variables, (d) => d.attendanceStatistics);
const strip = ({ suppressed: _s, suppression: _r, group: _g, ...measures }: any) => measures;

describe('attendanceStatistics', () => {
  it('counts lessons, marks by presence and the rate by faculty and ISO week, with a funding and date filter, as SQL does', async () => {
    const [{ first, last }] = await t.rows<{ first: string; last: string }>('avn', `select min(data)::text as first, max(data)::text as last from jurnal_zanyatie`);
    const from = await t.rows<{ d: string }>('avn', `select ($1::date + 9)::text as d`, [first]);
    const to = await t.rows<{ d: string }>('avn', `select ($1::date - 5)::text as d`, [last]);
    const expected = await t.rows<Counts & { fak_id: number; week: string }>('avn',
      `select sp.fak_id, (z.data - (extract(isodow from z.data)::int - 1))::text as week, ${MEASURES}
         ${FROM} where s.forma_oplaty = 'K' and z.data between $1::date and $2::date group by 1, 2`, [from[0].d, to[0].d]);
    expect(expected.length).toBeGreaterThan(4);
    expect(new Set(expected.map((r) => r.fak_id)).size).toBeGreaterThan(1);
    const where = { fundingType: 'CONTRACT', from: from[0].d, to: to[0].d };
    const nodes = await nodesOf(t, 'faculty { id } week', { groupBy: ['FACULTY', 'WEEK'], where });
    const got = new Map(nodes.map((n) => [`${n.group.faculty.id}|${n.group.week}`, strip(n)]));
    expect(got.size).toBe(expected.length);
    for (const r of expected) expect(got.get(`${toGlobalId('Faculty', r.fak_id)}|${r.week}`)).toEqual(measuresOf(r));
    // Every week is a Monday.
    for (const n of nodes) expect(new Date(`${n.group.week}T00:00:00Z`).getUTCDay()).toBe(1);

    const [all] = await t.rows<Counts>('avn', `select ${MEASURES} ${FROM} where s.forma_oplaty = 'K' and z.data between $1::date and $2::date`, [from[0].d, to[0].d]);
    const { attendanceStatistics: s } = await t.data(TOTAL, { groupBy: ['FACULTY', 'WEEK'], where });
    expect(strip(s.total)).toEqual(measuresOf(all));
    expect(s.totalCount).toBe(expected.length);
  });

  it('groups by day, by academic year and semester of study (the calendar\'s terms), as SQL does', async () => {
    const expected = await t.rows<Counts & { day: string; year: string; semester: number }>('avn',
      `select z.data::text as day,
              case when extract(month from z.data) >= 9 then extract(year from z.data)::int else extract(year from z.data)::int - 1 end as y0, ${MEASURES},
              (case when extract(month from z.data) >= 9 then extract(year from z.data)::int else extract(year from z.data)::int - 1 end)::text || '-' ||
              (case when extract(month from z.data) >= 9 then extract(year from z.data)::int + 1 else extract(year from z.data)::int end)::text as year,
              2 * ((case when extract(month from z.data) >= 9 then extract(year from z.data)::int else extract(year from z.data)::int - 1 end) - g.god_postupleniya)
                + (case when extract(month from z.data) between 2 and 8 then 2 else 1 end) as semester
         ${FROM} where s.pol = 'J' group by 1, 2, 10, 11`);
    expect(new Set(expected.map((r) => r.semester)).size).toBeGreaterThan(1);
    const nodes = await nodesOf(t, 'date academicYear semester', { groupBy: ['DATE', 'ACADEMIC_YEAR', 'SEMESTER'], where: { gender: 'FEMALE' } });
    const got = new Map(nodes.map((n) => [`${n.group.date}|${n.group.academicYear}|${n.group.semester}`, strip(n)]));
    expect(got.size).toBe(expected.length);
    for (const r of expected) expect(got.get(`${r.day}|${r.year}|${r.semester}`)).toEqual(measuresOf(r));

    // The semester filter picks the same marks.
    const semester = expected[0].semester;
    const [one] = await t.rows<Counts>('avn', `select ${MEASURES} from (
        select o.* , 2 * ((case when extract(month from z.data) >= 9 then extract(year from z.data)::int else extract(year from z.data)::int - 1 end) - g.god_postupleniya)
                + (case when extract(month from z.data) between 2 and 8 then 2 else 1 end) as semester
        ${FROM} where s.pol = 'J') o where o.semester = $1`, [semester]);
    const { attendanceStatistics: s } = await t.data(TOTAL, { groupBy: [], where: { gender: 'FEMALE', semester } });
    expect(strip(s.total)).toEqual(measuresOf(one));
  });

  it('gives attendance against the band of the students\' GPA: the rate per band as SQL computes it', async () => {
    const bands = await t.rows<Counts & { band: string | null; fak_id: number }>('avn',
      `${GPA_CTE}
       select ${BAND} as band,
              sp.fak_id, ${MEASURES}
         ${FROM} left join gpa b on b.stud_id = o.stud_id group by 1, 2`);
    expect(new Set(bands.map((r) => r.band)).size).toBeGreaterThanOrEqual(3);
    const nodes = await nodesOf(t, 'gradeBand faculty { id }', { groupBy: ['GRADE_BAND', 'FACULTY'] });
    const got = new Map(nodes.map((n) => [`${n.group.gradeBand}|${n.group.faculty.id}`, strip(n)]));
    expect(got.size).toBe(bands.length);
    for (const r of bands) expect(got.get(`${r.band}|${toGlobalId('Faculty', r.fak_id)}`)).toEqual(measuresOf(r));
    // Better bands attend more, in this seeded world: the rate is not a constant.
    expect(new Set(nodes.map((n) => n.attendanceRate)).size).toBeGreaterThan(2);
  });

  it('gives a dean only its own faculty\'s marks, a teacher only its own lessons\'', async () => {
    const byFaculty = await t.rows<Counts & { fak_id: number }>('avn', `select sp.fak_id, ${MEASURES} ${FROM} group by 1 order by 1`);
    expect(byFaculty.length).toBeGreaterThan(1);
    const [own, other] = byFaculty;
    const dean = await t.as({ role: Role.DEAN, facultyKey: own.fak_id });
    const nodes = await nodesOf(dean, 'faculty { id }', { groupBy: ['FACULTY'] });
    expect(nodes.map((n) => n.group.faculty.id)).toEqual([toGlobalId('Faculty', own.fak_id)]);
    expect(strip(nodes[0])).toEqual(measuresOf(own));
    const { attendanceStatistics: s } = await dean.data(TOTAL, { groupBy: [], where: { facultyId: toGlobalId('Faculty', other.fak_id) } });
    expect(s.total).toMatchObject({ people: 0, marks: 0, lessons: 0, attendanceRate: null });

    // A teacher's statistics cover its own lessons only.
    const [{ emp_id }] = await t.rows<{ emp_id: number }>('avn', 'select emp_id from jurnal_zanyatie group by emp_id order by count(*) desc, emp_id limit 1');
    const [ownLessons] = await t.rows<Counts>('avn', `select ${MEASURES} ${FROM} where z.emp_id = $1`, [emp_id]);
    const teacher = await t.as({ role: Role.TEACHER, employeeKey: emp_id });
    const { attendanceStatistics: mine } = await teacher.data(TOTAL, { groupBy: [] });
    expect(strip(mine.total)).toEqual(measuresOf(ownLessons));
  });

  it('withholds an analyst\'s groups of fewer than 5 students, and enough neighbours', async () => {
    const [{ fak_id }] = await t.rows<{ fak_id: number }>('avn', 'select fak_id from fakultet order by fak_id limit 1');
    const expected = await t.rows<Counts & { grp_id: number; band: string | null }>('avn',
      `${GPA_CTE} select g.grp_id, ${BAND} as band, ${MEASURES} ${FROM} left join gpa b on b.stud_id = o.stud_id where sp.fak_id = $1 group by 1, 2`, [fak_id]);
    const small = expected.filter((r) => r.people < 5);
    expect(small.length).toBeGreaterThan(0);
    const analyst = await t.as({ role: Role.ANALYST });
    const where = { facultyId: toGlobalId('Faculty', fak_id) };
    const nodes = await nodesOf(analyst, 'studyGroup { id } gradeBand', { groupBy: ['GROUP', 'GRADE_BAND'], where });
    expect(nodes.length).toBe(expected.length);
    const byKey = new Map(nodes.map((n) => [`${n.group.studyGroup.id}|${n.group.gradeBand}`, n]));
    for (const r of expected) {
      const n = byKey.get(`${toGlobalId('Group', r.grp_id)}|${r.band}`);
      if (r.people < 5) {
        expect(n).toMatchObject({ suppressed: true, suppression: 'PRIMARY', people: null, marks: null, attendanceRate: null, distribution: null });
      } else if (!n.suppressed) {
        expect(strip(n)).toEqual(measuresOf(r));
      } else {
        expect(n.suppression).toBe('SECONDARY');
      }
    }
    // No line (a study group's bands, a band's groups) holds exactly one withheld cell.
    // (A line of one cell is its own margin: withheld there too.)
    const lines = new Map<string, { cells: number; withheld: number }>();
    for (const n of nodes) {
      for (const key of [`g|${n.group.studyGroup.id}`, `b|${n.group.gradeBand}`]) {
        const line = lines.get(key) ?? { cells: 0, withheld: 0 };
        line.cells += 1;
        line.withheld += n.suppressed ? 1 : 0;
        lines.set(key, line);
      }
    }
    expect([...lines.values()].filter((l) => l.cells > 1 && l.withheld === 1)).toEqual([]);
    const { attendanceStatistics: s } = await analyst.data(TOTAL, { groupBy: ['GROUP', 'GRADE_BAND'], where });
    expect(s.minGroupSize).toBe(5);
    expect(s.withheldCount).toBe(nodes.filter((n) => n.suppressed).length);
    expect(s.withheldCount).toBeGreaterThan(small.length);
  });

  it('keeps the groups meeting a condition on a measure, ordered by a measure', async () => {
    const expected = await t.rows<{ grp_id: number; rate: number }>('avn',
      `select z.grp_id, round(sum(case when o.prisutstvie in ('P', 'O') then 1 else 0 end)::numeric / count(*), 4)::float as rate
         from jurnal_otmetka o join jurnal_zanyatie z on z.zan_id = o.zan_id group by 1`);
    const rates = expected.map((r) => r.rate).sort((a, b) => a - b);
    const threshold = rates[Math.floor(rates.length / 2)];
    const kept = expected.filter((r) => r.rate < threshold).sort((a, b) => a.rate - b.rate || a.grp_id - b.grp_id);
    expect(kept.length).toBeGreaterThan(1);
    const nodes = await nodesOf(t, 'studyGroup { id }', {
      groupBy: ['GROUP'], having: [{ measure: 'ATTENDANCE_RATE', comparison: 'LT', value: threshold }], orderBy: [{ measure: 'ATTENDANCE_RATE', descending: false }],
    });
    expect(nodes.map((n) => n.attendanceRate)).toEqual(kept.map((r) => r.rate));
    expect(new Set(nodes.map((n) => n.group.studyGroup.id))).toEqual(new Set(kept.map((r) => toGlobalId('Group', r.grp_id))));
  });

  it('refuses too many dimensions, another statistic\'s dimension, a reversed date range, and anonymous callers and students', async () => {
    const five = await t.execute(TOTAL, { groupBy: ['FACULTY', 'WEEK', 'GENDER', 'DISCIPLINE', 'TEACHER'] });
    expect(five.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    const notAttendance = await t.execute(TOTAL, { groupBy: ['CHAIR'] });
    expect(notAttendance.errors?.length).toBeGreaterThan(0);
    const reversed = await t.execute(TOTAL, { groupBy: [], where: { from: '2026-10-01', to: '2026-09-01' } });
    expect(reversed.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    const badYear = await t.execute(TOTAL, { groupBy: [], where: { academicYear: '2026' } });
    expect(badYear.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');

    const anonymous = await t.anonymous.execute(TOTAL, { groupBy: ['FACULTY'] });
    // Anonymous callers are refused before any SQL (a statistic weighs more statements than they may send).
    expect(anonymous.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(anonymous.data ?? null).toBeNull();
    const [{ stud_id }] = await t.rows<{ stud_id: number }>('avn', 'select stud_id from students where status_id = 1 order by stud_id limit 1');
    const student = await t.as({ role: Role.STUDENT, studentKey: stud_id });
    const analyst = await t.as({ role: Role.ANALYST });
    expect((await analyst.execute(TOTAL, { groupBy: ['FACULTY'] })).errors).toBeUndefined();
    const own = await student.execute(TOTAL, { groupBy: ['FACULTY'] });
    expect(own.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
