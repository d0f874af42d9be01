/**
 * Issue 12, item 4: the term's achievement report (5.11) in GraphQL and as CSV. Every figure is
 * checked against SQL written here on the seeded AVN database (window functions, a scale lookup
 * by the highest lower bound, per-contract sums — not the source's statement); the CSV over real
 * HTTP: BOM, Cyrillic, the same numbers as GraphQL, credentials and access, withheld cells.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/viewer';
import { toGlobalId } from '../../src/domain/global-id';
import { neutraliseFormula } from '../../src/server/achievement-csv';
import { allPages, startTestHub, type Executor, type TestHub } from '../helpers/test-hub';

let t: TestHub;
let base: string;

beforeAll(async () => {
  t = await startTestHub();
  base = t.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await t?.close();
});

type Level = 'FACULTY' | 'PROGRAMME' | 'GROUP';
const UNIT: Record<Level, { sql: string; type: string; field: string }> = {
  FACULTY: { sql: 'sp.fak_id', type: 'Faculty', field: 'faculty' },
  PROGRAMME: { sql: 'g.spec_id', type: 'Programme', field: 'programme' },
  GROUP: { sql: 'g.grp_id', type: 'Group', field: 'studyGroup' },
};

interface Expected {
  unit: number; students: number; studying: number; academic_leave: number; expelled: number; graduated: number;
  graded: number; results: number; average_total: string | null; average_points: string | null;
  excellent: number; good: number; satisfactory: number; failing: number; tuition_debtors: number;
  marks: number; attended: number;
}

/** The report by SQL: the unit's students (their own group), their term's counted results, marks and debts. */
async function expected(level: Level, year: string, autumn: boolean, from: string, to: string, asOf: string, faculty: number | null = null): Promise<Expected[]> {
  return t.rows<Expected>(
    'avn',
    `with attempts as (
       select vs.stud_id, vs.total,
              row_number() over (partition by vs.stud_id, v.str_id, v.uch_god, v.semestr order by v.data_otkr desc, v.ved_id desc) as latest
         from vedomost_str vs join vedomost v on v.ved_id = vs.ved_id
        where vs.total is not null and v.uch_god = $1 and mod(v.semestr, 2) = $2
     ), graded as (
       select a.stud_id, a.total, (select k.ball from shkala k where k.min_ball = (select max(m.min_ball) from shkala m where m.min_ball <= a.total)) as ball
         from attempts a where a.latest = 1
     ), per_student as (
       select stud_id, count(*) as n, sum(total) as total_sum, sum(ball) as ball_sum, avg(ball) as avg_ball, bool_or(ball = 0) as failed
         from graded group by stud_id
     ), marks as (
       select o.stud_id, count(*) as n, sum(case when o.prisutstvie in ('P', 'O') then 1 else 0 end) as attended
         from jurnal_otmetka o join jurnal_zanyatie z on z.zan_id = o.zan_id
        where z.data >= $3::date and z.data <= $4::date group by o.stud_id
     ), paid as (
       select o.kontr_id, sum(case when o.vid = 'vozvrat' then -abs(o.summa) else o.summa end) as paid
         from oplata o where o.data <= $5::date group by o.kontr_id
     ), debts as (
       select k.stud_id, sum(k.summa - k.skidka - coalesce(p.paid, 0)) as debt
         from kontrakt k left join paid p on p.kontr_id = k.kontr_id where k.data <= $5::date group by k.stud_id
     )
     select ${UNIT[level].sql} as unit, count(*)::int as students,
            sum(case when s.status_id = 1 then 1 else 0 end)::int as studying,
            sum(case when s.status_id = 2 then 1 else 0 end)::int as academic_leave,
            sum(case when s.status_id = 3 then 1 else 0 end)::int as expelled,
            sum(case when s.status_id = 4 then 1 else 0 end)::int as graduated,
            count(ps.stud_id)::int as graded, coalesce(sum(ps.n), 0)::int as results,
            (sum(ps.total_sum) / nullif(sum(ps.n), 0))::text as average_total,
            (sum(ps.ball_sum) / nullif(sum(ps.n), 0))::text as average_points,
            sum(case when not ps.failed and ps.avg_ball = 4 then 1 else 0 end)::int as excellent,
            sum(case when not ps.failed and ps.avg_ball >= 3 and ps.avg_ball < 4 then 1 else 0 end)::int as good,
            sum(case when not ps.failed and ps.avg_ball < 3 then 1 else 0 end)::int as satisfactory,
            sum(case when ps.failed then 1 else 0 end)::int as failing,
            sum(case when d.debt > 0 then 1 else 0 end)::int as tuition_debtors,
            coalesce(sum(m.n), 0)::int as marks, coalesce(sum(m.attended), 0)::int as attended
       from students s
       join gruppa g on g.grp_id = s.grp_id
       join specialnost sp on sp.spec_id = g.spec_id
       left join per_student ps on ps.stud_id = s.stud_id
       left join marks m on m.stud_id = s.stud_id
       left join debts d on d.stud_id = s.stud_id
      where $6::int is null or sp.fak_id = $6
      group by 1 order by 1`,
    [year, autumn ? 1 : 0, from, to, asOf, faculty],
  );
}

const FIGURES = 'students studying academicLeave expelled graduated graded results averageTotal averagePoints excellent good satisfactory failing passRate academicDebtors tuitionDebtors attendanceMarks attendanceRate';
const REPORT = `query($level: AchievementLevel!, $academicYear: String!, $term: AcademicTerm!, $asOf: LocalDate, $where: AchievementReportWhere, $orderBy: [AchievementReportOrder!], $first: Int) {
  achievementReport(level: $level, academicYear: $academicYear, term: $term, asOf: $asOf, where: $where, orderBy: $orderBy, first: $first) {
    nodes { group { faculty { id name } programme { id } studyGroup { id name } } suppressed suppression people ${FIGURES} distribution { label count } }
    total { suppressed people ${FIGURES} }
    totalCount withheldCount minGroupSize
    pageInfo { hasNextPage }
  }
}`;

async function report(executor: Executor, variables: Record<string, unknown>) {
  const { achievementReport } = await executor.data(REPORT, { first: 100, ...variables });
  expect(achievementReport.pageInfo.hasNextPage).toBe(false);
  return achievementReport;
}

const REPORT_PAGE = REPORT.replace('$first: Int)', '$first: Int, $after: String)').replace('first: $first)', 'first: $first, after: $after)').replace('pageInfo { hasNextPage }', 'pageInfo { hasNextPage endCursor }');

/** Every row of the report, a page at a time (a hub with small pages), with the first page's totals. */
async function reportPages(executor: Executor, variables: Record<string, unknown>) {
  const first = (await executor.data(REPORT_PAGE, { first: 5, ...variables })).achievementReport;
  const nodes = await allPages(executor, REPORT_PAGE, { first: 5, ...variables }, (d) => d.achievementReport);
  return { ...first, nodes };
}

const round = (v: string | number | null, digits: number) => (v === null ? null : Number(Number(v).toFixed(digits)));

function expectRows(level: Level, nodes: any[], rows: Expected[]) {
  expect(nodes.map((n) => n.group[UNIT[level].field].id)).toEqual(rows.map((r) => toGlobalId(UNIT[level].type, r.unit)));
  nodes.forEach((n, i) => {
    const r = rows[i];
    expect(n.suppressed).toBe(false);
    expect([n.people, n.students, n.studying, n.academicLeave, n.expelled, n.graduated]).toEqual([r.students, r.students, r.studying, r.academic_leave, r.expelled, r.graduated]);
    expect(n.distribution.map((d: any) => d.count)).toEqual([r.studying, r.academic_leave, r.expelled, r.graduated]);
    expect([n.graded, n.results, n.excellent, n.good, n.satisfactory, n.failing, n.academicDebtors]).toEqual([r.graded, r.results, r.excellent, r.good, r.satisfactory, r.failing, r.failing]);
    expect(r.excellent + r.good + r.satisfactory + r.failing).toBe(r.graded);
    expect(n.averageTotal).toBe(round(r.average_total, 2));
    expect(n.averagePoints).toBe(round(r.average_points, 2));
    expect(n.passRate).toBe(r.graded ? round((r.graded - r.failing) / r.graded, 4) : null);
    expect(n.tuitionDebtors).toBe(r.tuition_debtors);
    expect(n.attendanceMarks).toBe(r.marks);
    expect(n.attendanceRate).toBe(r.marks ? round(r.attended / r.marks, 4) : null);
  });
}

/** The past term with the most counted results, and the current term (the journal's lessons). */
async function terms() {
  const [past] = await t.rows<{ uch_god: string; autumn: boolean }>(
    'avn', `select uch_god, mod(semestr, 2) = 1 as autumn from vedomost group by 1, 2 order by count(*) desc, 1 desc limit 1`,
  );
  return { past: { academicYear: past.uch_god, term: past.autumn ? 'AUTUMN' : 'SPRING', autumn: past.autumn } };
}

function termDays(academicYear: string, autumn: boolean) {
  const y = Number(academicYear.slice(0, 4));
  return autumn ? { from: `${y}-09-01`, to: `${y + 1}-01-31` } : { from: `${y + 1}-02-01`, to: `${y + 1}-08-31` };
}

describe('achievementReport', () => {
  it('gives every figure per faculty for a past term as SQL does, and the total over them', async () => {
    const { past } = await terms();
    const { from, to } = termDays(past.academicYear, past.autumn);
    const today = t.hub.runtime.businessClock.today();
    const asOf = to < today ? to : today;
    const rows = await expected('FACULTY', past.academicYear, past.autumn, from, to, asOf);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.some((r) => r.failing > 0 && r.excellent > 0 && r.good > 0 && r.satisfactory > 0)).toBe(true);
    expect(rows.some((r) => r.tuition_debtors > 0)).toBe(true);
    const got = await report(t, { level: 'FACULTY', academicYear: past.academicYear, term: past.term });
    expectRows('FACULTY', got.nodes, rows);
    expect(got.total.students).toBe(rows.reduce((n, r) => n + r.students, 0));
    expect(got.total.failing).toBe(rows.reduce((n, r) => n + r.failing, 0));
  });

  it('gives the groups of one faculty in the current term, with attendance, as SQL does', async () => {
    const today = t.hub.runtime.businessClock.today();
    const [{ uch_god, autumn }] = await t.rows<{ uch_god: string; autumn: boolean }>(
      'avn',
      `select case when extract(month from z.data) >= 9 then extract(year from z.data)::int || '-' || (extract(year from z.data)::int + 1)
                   else (extract(year from z.data)::int - 1) || '-' || extract(year from z.data)::int end as uch_god,
              extract(month from z.data) >= 9 or extract(month from z.data) = 1 as autumn
         from jurnal_zanyatie z group by 1, 2 order by count(*) desc limit 1`,
    );
    const { from, to } = termDays(uch_god, autumn);
    const [{ fak_id }] = await t.rows<{ fak_id: number }>('avn', 'select fak_id from specialnost group by fak_id order by count(*) desc, fak_id limit 1');
    const rows = await expected('GROUP', uch_god, autumn, from, to, to < today ? to : today, fak_id);
    expect(rows.some((r) => r.marks > 0)).toBe(true);
    const got = await report(t, { level: 'GROUP', academicYear: uch_god, term: autumn ? 'AUTUMN' : 'SPRING', where: { facultyId: toGlobalId('Faculty', fak_id) } });
    expectRows('GROUP', got.nodes, rows);
  });

  it('takes tuition debtors on the day asked, and orders rows by a figure', async () => {
    const { past } = await terms();
    const { from, to } = termDays(past.academicYear, past.autumn);
    const [{ early }] = await t.rows<{ early: string }>('avn', `select to_char(percentile_disc(0.3) within group (order by data), 'YYYY-MM-DD') as early from oplata`);
    const late = await expected('PROGRAMME', past.academicYear, past.autumn, from, to, to);
    const before = await expected('PROGRAMME', past.academicYear, past.autumn, from, to, early);
    expect(before.map((r) => r.tuition_debtors)).not.toEqual(late.map((r) => r.tuition_debtors));
    expectRows('PROGRAMME', (await report(t, { level: 'PROGRAMME', academicYear: past.academicYear, term: past.term, asOf: to })).nodes, late);
    expectRows('PROGRAMME', (await report(t, { level: 'PROGRAMME', academicYear: past.academicYear, term: past.term, asOf: early })).nodes, before);

    const ordered = await report(t, { level: 'PROGRAMME', academicYear: past.academicYear, term: past.term, orderBy: [{ measure: 'FAILING', descending: true }] });
    const failing = ordered.nodes.map((n: any) => n.failing);
    expect(failing).toEqual([...failing].sort((a: number, b: number) => b - a));
  });

  it('gives a dean its faculty only; refuses students and anonymous callers; checks its arguments', async () => {
    const { past } = await terms();
    const { from, to } = termDays(past.academicYear, past.autumn);
    const [{ fak_id }] = await t.rows<{ fak_id: number }>('avn', 'select fak_id from specialnost group by fak_id order by fak_id limit 1');
    const rows = await expected('PROGRAMME', past.academicYear, past.autumn, from, to, to, fak_id);
    const dean = await t.as({ role: Role.DEAN, facultyKey: fak_id });
    expectRows('PROGRAMME', (await report(dean, { level: 'PROGRAMME', academicYear: past.academicYear, term: past.term, asOf: to })).nodes, rows);

    const [{ stud_id }] = await t.rows<{ stud_id: number }>('avn', 'select stud_id from students order by stud_id limit 1');
    const student = await t.as({ role: Role.STUDENT, studentKey: stud_id });
    const vars = { level: 'FACULTY', academicYear: past.academicYear, term: past.term };
    expect((await student.execute(REPORT, vars)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.anonymous.execute(REPORT, vars);
    expect(['FORBIDDEN', 'QUERY_TOO_COMPLEX']).toContain(anonymous.errors?.[0].extensions?.code);
    expect(anonymous.data?.achievementReport ?? null).toBeNull();
    // A key without grades (the library's) is refused too.
    const library = await t.as({ role: Role.LIBRARY, apiKey: true });
    expect((await library.execute(REPORT, vars)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.execute(REPORT, { ...vars, academicYear: '2025' })).errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
  });
});

/** A CSV of the hub's (comma, double quotes, CRLF) as rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r') continue;
    else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

async function download(executor: Pick<Executor, 'authorization'>, query: string, at = base) {
  const res = await fetch(`${at}/reports/achievement.csv?${query}`, { headers: executor.authorization ? { authorization: executor.authorization } : {} });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes, text: bytes.toString('utf8') };
}

const CSV_FIGURES = FIGURES.split(' ');

describe('GET /reports/achievement.csv', () => {
  it('is the report for Excel: BOM, UTF-8 Cyrillic, the header in the hub\'s words, the same numbers as GraphQL', async () => {
    const { past } = await terms();
    const { res, bytes, text } = await download(t, `level=FACULTY&academicYear=${past.academicYear}&term=${past.term}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="achievement-faculty-\d{4}-\d{4}-(autumn|spring)\.csv"$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(text.slice(1));
    const [header, ...body] = rows;
    expect(header).toEqual(['Faculty code', 'Faculty', 'Students', 'Studying', 'On academic leave', 'Expelled', 'Graduated', 'Graded students', 'Counted results',
      'Average total (0-100)', 'Average grade points (0-4)', 'Excellent students', 'Good students', 'Satisfactory students', 'Failing students', 'Pass rate',
      'Academic debtors', 'Tuition debtors', 'Attendance marks', 'Attendance rate', 'Withheld']);

    const names = await t.rows<{ kod: string; name_ky: string }>('avn', 'select kod, name_ky from fakultet order by fak_id');
    expect(names.some((n) => /[А-Яа-яӨөҮүҢң]/.test(n.name_ky))).toBe(true);
    const gql = await report(t, { level: 'FACULTY', academicYear: past.academicYear, term: past.term });
    expect(body.length).toBe(gql.nodes.length + 1);
    gql.nodes.forEach((n: any, i: number) => {
      expect(body[i][1]).toBe(n.group.faculty.name); // Cyrillic intact
      expect(body[i].slice(2, 2 + CSV_FIGURES.length)).toEqual(CSV_FIGURES.map((f) => (n[f] === null ? '' : String(n[f]))));
      expect(body[i].at(-1)).toBe('no');
    });
    const total = body.at(-1)!;
    expect(total.slice(0, 2)).toEqual(['', 'Total']);
    expect(total.slice(2, 2 + CSV_FIGURES.length)).toEqual(CSV_FIGURES.map((f) => (gql.total[f] === null ? '' : String(gql.total[f]))));
    expect(new Set(body.slice(0, -1).map((r) => r[1]))).toEqual(new Set(names.map((n) => n.name_ky)));
  });

  it('refuses anonymous callers (401) and students (403) with JSON errors; checks its parameters (400)', async () => {
    const { past } = await terms();
    const query = `level=FACULTY&academicYear=${past.academicYear}&term=${past.term}`;
    const anonymous = await download(t.anonymous, query);
    expect(anonymous.res.status).toBe(401);
    expect(anonymous.res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(anonymous.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = await download({ authorization: 'Bearer not-a-token' }, query);
    expect(forged.res.status).toBe(401);
    expect(JSON.parse(forged.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const [{ stud_id }] = await t.rows<{ stud_id: number }>('avn', 'select stud_id from students order by stud_id limit 1');
    const student = await download(await t.as({ role: Role.STUDENT, studentKey: stud_id }), query);
    expect(student.res.status).toBe(403);
    expect(JSON.parse(student.text).errors[0].extensions.code).toBe('FORBIDDEN');

    for (const bad of ['level=CHAIR&academicYear=2025-2026&term=AUTUMN', 'level=FACULTY&academicYear=2025&term=AUTUMN', 'level=FACULTY&academicYear=2025-2026&term=WINTER', `${query}&asOf=2025-13-45`]) {
      const answer = await download(t, bad);
      expect(answer.res.status, bad).toBe(400);
      expect(JSON.parse(answer.text).errors[0].extensions.code, bad).toBe('VALIDATION_FAILED');
    }
    const post = await fetch(`${base}/reports/achievement.csv?${query}`, { method: 'POST', headers: { authorization: t.authorization! } });
    expect(post.status).toBe(405);
  });

  it('gives a dean (API key or token) its faculty only', async () => {
    const { past } = await terms();
    const [{ fak_id }] = await t.rows<{ fak_id: number }>('avn', 'select fak_id from specialnost group by fak_id order by fak_id limit 1');
    const programmes = await t.rows<{ name_ky: string }>('avn', 'select name_ky from specialnost where fak_id = $1', [fak_id]);
    for (const dean of [await t.as({ role: Role.DEAN, facultyKey: fak_id }), await t.as({ role: Role.DEAN, facultyKey: fak_id, apiKey: true })]) {
      const { res, text } = await download(dean, `level=PROGRAMME&academicYear=${past.academicYear}&term=${past.term}`);
      expect(res.status).toBe(200);
      const [, ...body] = parseCsv(text.slice(1));
      expect(new Set(body.slice(0, -1).map((r) => r[1]))).toEqual(new Set(programmes.map((p) => p.name_ky)));
    }

  });

  it('neutralises text that a spreadsheet would run as a formula', async () => {
    expect(neutraliseFormula('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    for (const text of ['+1', '-1', '@SUM(A1)', '\tx']) expect(neutraliseFormula(text)).toBe(`'${text}`);
    expect(neutraliseFormula('Экономика')).toBe('Экономика');

    const { past } = await terms();
    const [{ fak_id }] = await t.rows<{ fak_id: number }>('avn', 'select fak_id from fakultet order by fak_id limit 1');
    await t.rows('avn', `update fakultet set name_ky = '=cmd|'' /C calc''!A0' where fak_id = $1`, [fak_id]);
    const { text } = await download(t, `level=FACULTY&academicYear=${past.academicYear}&term=${past.term}`);
    const [, ...body] = parseCsv(text.slice(1));
    expect(body.map((r) => r[1])).toContain('\'=cmd|\' /C calc\'!A0');
    expect(body.every((r) => !r[1].startsWith('='))).toBe(true);
  });
});

/**
 * Disclosure control for an analyst. The seeded groups all have 5 students or more, so this hub
 * withholds groups smaller than the 30th percentile of group sizes (STATISTICS_MIN_GROUP_SIZE).
 */
describe('an analyst\'s withheld rows', () => {
  let small: TestHub;
  let k: number;

  beforeAll(async () => {
    [{ k }] = await t.rows<{ k: number }>('avn', 'select (percentile_disc(0.3) within group (order by n))::int as k from (select count(*) as n from students group by grp_id) x');
    // Pages of 5 at most: the CSV reads the report a page at a time and must join them all.
    small = await startTestHub({ env: { STATISTICS_MIN_GROUP_SIZE: String(k), MAX_PAGE_SIZE: '5' } });
  });

  afterAll(async () => {
    await small?.close();
  });

  it('withholds the units of fewer students, and enough others, in GraphQL and in the CSV (empty cells, the reason in Withheld)', async () => {
    const { past } = await terms();
    const [{ below }] = await t.rows<{ below: number }>('avn', 'select count(*)::int as below from (select grp_id from students group by grp_id having count(*) < $1) x', [k]);
    expect(below).toBeGreaterThan(0);
    const analyst = await small.as({ role: Role.ANALYST });
    const got = await reportPages(analyst, { level: 'GROUP', academicYear: past.academicYear, term: past.term });
    expect(got.totalCount).toBeGreaterThan(5);
    expect(got.nodes.length).toBe(got.totalCount);
    expect(got.minGroupSize).toBe(k);
    expect(got.nodes.filter((n: any) => n.suppression === 'PRIMARY').length).toBe(below);
    expect(got.withheldCount).toBeGreaterThanOrEqual(below);
    for (const n of got.nodes.filter((x: any) => x.suppressed)) {
      expect([n.people, n.students, n.failing, n.passRate, n.tuitionDebtors, n.attendanceRate, n.distribution]).toEqual([null, null, null, null, null, null, null]);
    }
    for (const n of got.nodes.filter((x: any) => !x.suppressed)) expect(n.people).toBeGreaterThanOrEqual(k);
    // An administrator of the same hub sees every row.
    expect((await reportPages(small, { level: 'GROUP', academicYear: past.academicYear, term: past.term })).withheldCount).toBe(0);

    const { res, text } = await download(analyst, `level=GROUP&academicYear=${past.academicYear}&term=${past.term}`, small.url.replace(/\/graphql$/, ''));
    expect(res.status).toBe(200);
    const [header, ...body] = parseCsv(text.slice(1));
    expect(header[0]).toBe('Group');
    const rows = body.slice(0, -1);
    expect(rows.length).toBe(got.totalCount);
    const withheld = rows.filter((r) => r.at(-1) !== 'no');
    expect(withheld.length).toBe(got.withheldCount);
    for (const r of withheld) {
      expect(['PRIMARY', 'SECONDARY']).toContain(r.at(-1));
      expect(r[0]).not.toBe(''); // the unit is named; its figures are not
      expect(r.slice(1, -1).every((cell) => cell === '')).toBe(true);
    }
    rows.forEach((r, i) => expect(r.slice(1, 1 + CSV_FIGURES.length)).toEqual(CSV_FIGURES.map((f) => (got.nodes[i][f] === null ? '' : String(got.nodes[i][f])))));
  });
});
