/**
 * Students, people and the AVN study card through GraphQL, checked against SQL run in the test on
 * this hub's seeded AVN and hub databases: list filters equal SQL counts, GPA equals a GPA computed
 * here from the raw grade-sheet rows and the grading scale, attendance equals the journal's counts,
 * cursors walk a whole group, and nested lists batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id';
import { allPages, startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  await t?.close();
});

const STATUS_CODE: Record<string, number> = { STUDYING: 1, ACADEMIC_LEAVE: 2, EXPELLED: 3, GRADUATED: 4 };

/** The group with the most students (the richest case for filters and paging). */
async function largestGroup(): Promise<{ grp_id: number; n: number }> {
  const [row] = await t.rows<{ grp_id: number; n: number }>(
    'avn',
    'select grp_id, count(*)::int as n from students group by grp_id order by count(*) desc, grp_id limit 1',
  );
  return row;
}

async function countStudents(where: string, params: unknown[] = []): Promise<number> {
  const [{ n }] = await t.rows<{ n: number }>(
    'avn',
    `select count(*)::int as n from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id where ${where}`,
    params,
  );
  return n;
}

const TOTAL = 'query($where: StudentWhere) { students(where: $where, first: 1) { totalCount } }';

describe('students(where:)', () => {
  it('filters by group, status, funding, intake year, faculty and programme like SQL', async () => {
    const group = await largestGroup();
    const groupId = toGlobalId('Group', group.grp_id);
    expect((await t.data(TOTAL, { where: { groupId } })).students.totalCount).toBe(group.n);
    expect(group.n).toBeGreaterThan(0);

    for (const status of Object.keys(STATUS_CODE)) {
      const expected = await countStudents('s.grp_id = $1 and s.status_id = $2', [group.grp_id, STATUS_CODE[status]]);
      expect((await t.data(TOTAL, { where: { groupId, status } })).students.totalCount, status).toBe(expected);
      const all = await countStudents('s.status_id = $1', [STATUS_CODE[status]]);
      expect((await t.data(TOTAL, { where: { status } })).students.totalCount, status).toBe(all);
    }
    const contract = await countStudents(`s.forma_oplaty = 'K'`);
    expect((await t.data(TOTAL, { where: { fundingType: 'CONTRACT' } })).students.totalCount).toBe(contract);

    const [{ year }] = await t.rows<{ year: number }>('avn', 'select extract(year from data_postupleniya)::int as year from students group by 1 order by count(*) desc limit 1');
    const intake = await countStudents('extract(year from s.data_postupleniya) = $1', [year]);
    expect((await t.data(TOTAL, { where: { intakeYear: year } })).students.totalCount).toBe(intake);

    const [{ fak_id, spec_id }] = await t.rows<{ fak_id: number; spec_id: number }>(
      'avn',
      'select sp.fak_id, sp.spec_id from gruppa g join specialnost sp on sp.spec_id = g.spec_id where g.grp_id = $1',
      [group.grp_id],
    );
    const byFaculty = await countStudents('sp.fak_id = $1 and s.status_id = 1', [fak_id]);
    expect((await t.data(TOTAL, { where: { facultyId: toGlobalId('Faculty', fak_id), status: 'STUDYING' } })).students.totalCount).toBe(byFaculty);
    const byProgramme = await countStudents('g.spec_id = $1', [spec_id]);
    expect((await t.data(TOTAL, { where: { programmeId: toGlobalId('Programme', spec_id) } })).students.totalCount).toBe(byProgramme);
  });

  it('finds students by a name fragment in any name part, case-insensitively', async () => {
    const [sample] = await t.rows<{ fam: string; imya: string }>('avn', 'select fam, imya from students order by stud_id limit 1 offset 3');
    // A lower-cased piece of the surname, and a two-word search "given name + surname piece".
    const piece = sample.fam.slice(0, 4).toLowerCase();
    const expected = await countStudents('(s.fam ilike $1 or s.imya ilike $1 or s.otch ilike $1)', [`%${piece}%`]);
    expect(expected).toBeGreaterThan(0);
    expect((await t.data(TOTAL, { where: { nameContains: piece } })).students.totalCount).toBe(expected);

    const words = `${sample.imya.toUpperCase()} ${piece}`;
    const both = await countStudents(
      '(s.fam ilike $1 or s.imya ilike $1 or s.otch ilike $1) and (s.fam ilike $2 or s.imya ilike $2 or s.otch ilike $2)',
      [`%${sample.imya}%`, `%${piece}%`],
    );
    expect(both).toBeGreaterThan(0);
    expect((await t.data(TOTAL, { where: { nameContains: words } })).students.totalCount).toBe(both);
  });

  it('finds students by PIN and student number', async () => {
    const [s] = await t.rows<{ stud_id: number; pin: string; zachetka: string }>(
      'avn',
      `select stud_id, trim(pin) as pin, zachetka from students where pin ~ '^[0-9]{14}$' order by stud_id limit 1`,
    );
    const expected = await countStudents('s.pin = $1', [s.pin]);
    const data = await t.data('query($pin: String) { students(where: { pin: $pin }) { totalCount nodes { id pin } } }', { pin: s.pin });
    expect(data.students.totalCount).toBe(expected);
    expect(data.students.nodes.map((n: any) => n.id)).toContain(toGlobalId('Student', s.stud_id));
    expect(data.students.nodes.every((n: any) => n.pin === s.pin)).toBe(true);

    const one = await t.data('query($n: String!) { student(studentNumber: $n) { id studentNumber } }', { n: s.zachetka });
    expect(one.student).toEqual({ id: toGlobalId('Student', s.stud_id), studentNumber: s.zachetka });
    expect((await t.data('{ student(studentNumber: "no-such-number") { id } }')).student).toBeNull();
  });

  it('refuses a malformed PIN with VALIDATION_FAILED', async () => {
    for (const query of ['{ personByPin(pin: "12345") { id } }', '{ students(where: { pin: "1234567890123X" }) { totalCount } }', '{ people(where: { pin: "abc" }) { totalCount } }']) {
      const result = await t.execute(query);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('VALIDATION_FAILED');
    }
  });
});

describe('Student fields', () => {
  it('maps the AVN row: names, status, funding, dates, group, programme, faculty', async () => {
    const [row] = await t.rows(
      'avn',
      `select s.stud_id, s.zachetka, s.fam, s.imya, s.otch, to_char(s.data_postupleniya, 'YYYY-MM-DD') as adm, s.status_id, s.forma_oplaty,
              g.name as grp, sp.shifr, f.name_ky as fak
         from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id join fakultet f on f.fak_id = sp.fak_id
        where s.otch is not null order by s.stud_id limit 1`,
    );
    const data = await t.data(
      `query($id: ID!) { node(id: $id) { ... on Student { studentNumber fullName surname givenName patronymic admissionDate status fundingType
         group { name } programme { code } faculty { name } } } }`,
      { id: toGlobalId('Student', row.stud_id) },
    );
    const s = data.node;
    expect(s.studentNumber).toBe(row.zachetka);
    expect([s.surname, s.givenName, s.patronymic]).toEqual([row.fam, row.imya, row.otch]);
    expect(s.fullName).toBe(`${row.fam} ${row.imya} ${row.otch}`);
    expect(s.admissionDate).toBe(row.adm);
    expect(STATUS_CODE[s.status]).toBe(row.status_id);
    expect(s.fundingType).toBe(row.forma_oplaty === 'K' ? 'CONTRACT' : 'BUDGET');
    expect(s.group.name).toBe(row.grp);
    expect(s.programme.code).toBe(row.shifr);
    expect(s.faculty.name).toBe(row.fak);
  });

  it('computes semester and cumulative GPA as SQL does from vedomost, uch_plan_str and shkala', async () => {
    // The students with the most grade rows, plus one with a retake when the data has any.
    const students = await t.rows<{ stud_id: number }>(
      'avn',
      `(select vs.stud_id from vedomost_str vs group by vs.stud_id order by count(*) desc, vs.stud_id limit 4)
       union
       (select vs.stud_id from vedomost_str vs join vedomost v on v.ved_id = vs.ved_id where v.tip = 'peresdacha' and vs.total is not null order by vs.stud_id limit 2)`,
    );
    expect(students.length).toBeGreaterThan(0);
    // Independent statement of the rule: per student, year, semester and curriculum item the latest
    // sheet with a total counts; its points are those of the highest scale band not above it.
    const expected = await t.rows<{ stud_id: number; uch_god: string | null; semestr: number | null; gpa: number | null; credits: number }>(
      'avn',
      `with attempts as (
         select vs.stud_id, v.uch_god, v.semestr, v.str_id, vs.total, ups.kredity,
                row_number() over (partition by vs.stud_id, v.uch_god, v.semestr, v.str_id order by v.data_otkr desc, v.ved_id desc) as attempt
           from vedomost_str vs join vedomost v on v.ved_id = vs.ved_id join uch_plan_str ups on ups.str_id = v.str_id
          where vs.stud_id = any($1::int[]) and vs.total is not null),
       counted as (
         select a.*, (select k.ball from shkala k where k.min_ball <= a.total order by k.min_ball desc limit 1) as ball
           from attempts a where a.attempt = 1)
       select stud_id, uch_god, semestr, (sum(kredity * ball) / nullif(sum(kredity), 0))::float8 as gpa, sum(kredity)::float8 as credits
         from counted where ball is not null
        group by grouping sets ((stud_id), (stud_id, uch_god, semestr))`,
      [students.map((s) => s.stud_id)],
    );
    const data = await t.data(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Student { id gpa semesters { academicYear semester gpa credits grades { countsTowardGpa sheetKind total } } } } }`,
      { ids: students.map((s) => toGlobalId('Student', s.stud_id)) },
    );
    expect(expected.filter((e) => e.uch_god === null).length).toBeGreaterThan(1);
    // The data has retakes, and a retake's result is what counts.
    const grades = data.nodes.flatMap((n: any) => n.semesters.flatMap((s: any) => s.grades));
    expect(grades.some((g: any) => g.sheetKind === 'RETAKE' && g.countsTowardGpa)).toBe(true);
    expect(grades.some((g: any) => g.sheetKind === 'REGULAR' && g.total !== null && !g.countsTowardGpa)).toBe(true);
    for (const [i, { stud_id }] of students.entries()) {
      const student = data.nodes[i];
      const total = expected.find((e) => e.stud_id === stud_id && e.uch_god === null);
      // GPA is printed to two decimals: within half a hundredth of the exact value.
      if (total) expect(Math.abs(student.gpa - total.gpa!), `student ${stud_id}`).toBeLessThanOrEqual(0.005 + 1e-9);
      else expect(student.gpa).toBeNull();
      for (const semester of student.semesters) {
        const e = expected.find((x) => x.stud_id === stud_id && x.uch_god === semester.academicYear && x.semestr === semester.semester);
        if (e) {
          expect(Math.abs(semester.gpa - e.gpa!), `${stud_id} ${semester.academicYear}/${semester.semester}`).toBeLessThanOrEqual(0.005 + 1e-9);
          expect(semester.credits).toBeCloseTo(e.credits, 9);
        } else {
          expect(semester.gpa).toBeNull();
        }
      }
      const [{ n }] = await t.rows<{ n: number }>('avn', 'select count(*)::int as n from vedomost_str where stud_id = $1', [stud_id]);
      expect(student.semesters.reduce((sum: number, s: any) => sum + s.grades.length, 0)).toBe(n);
    }
  });

  it('summarises attendance as the journal counts it', async () => {
    const [s] = await t.rows<{ stud_id: number }>('avn', 'select stud_id from jurnal_otmetka group by stud_id order by count(*) desc, stud_id limit 1');
    const [counts] = await t.rows(
      'avn',
      `select count(*)::int as lessons, count(*) filter (where prisutstvie = 'P')::int as present, count(*) filter (where prisutstvie = 'O')::int as late,
              count(*) filter (where prisutstvie = 'N')::int as absent, count(*) filter (where prisutstvie = 'U')::int as excused,
              count(distinct z.disc_id)::int as disciplines
         from jurnal_otmetka o join jurnal_zanyatie z on z.zan_id = o.zan_id where o.stud_id = $1`,
      [s.stud_id],
    );
    const data = await t.data(
      `query($id: ID!) { node(id: $id) { ... on Student { attendanceSummary { lessons present late absent excused attendanceRate
         byDiscipline { disciplineName lessons present discipline { id } } } } } }`,
      { id: toGlobalId('Student', s.stud_id) },
    );
    const summary = data.node.attendanceSummary;
    expect(counts.lessons).toBeGreaterThan(0);
    expect(summary).toMatchObject({ lessons: counts.lessons, present: counts.present, late: counts.late, absent: counts.absent, excused: counts.excused });
    expect(summary.attendanceRate).toBeCloseTo((counts.present + counts.late) / counts.lessons, 12);
    expect(summary.byDiscipline).toHaveLength(counts.disciplines);
    expect(summary.byDiscipline.reduce((n: number, d: any) => n + d.lessons, 0)).toBe(counts.lessons);
  });

  it('lists the AVN 33 registrations', async () => {
    const [s] = await t.rows<{ stud_id: number; n: number }>('avn', 'select stud_id, count(*)::int as n from registraciya group by stud_id order by count(*) desc, stud_id limit 1');
    const data = await t.data(
      `query($id: ID!) { node(id: $id) { ... on Student { registrations { academicYear semester credits controlForm status planItem { id } } } } }`,
      { id: toGlobalId('Student', s.stud_id) },
    );
    expect(data.node.registrations).toHaveLength(s.n);
    const [{ credits }] = await t.rows<{ credits: number }>(
      'avn',
      'select sum(ups.kredity)::float8 as credits from registraciya r join uch_plan_str ups on ups.str_id = r.str_id where r.stud_id = $1',
      [s.stud_id],
    );
    expect(data.node.registrations.reduce((n: number, r: any) => n + r.credits, 0)).toBeCloseTo(credits, 9);
  });
});

describe('Group.students', () => {
  it('walks a whole group with cursors, without duplicates or gaps, in name order', async () => {
    const group = await largestGroup();
    const expected = await t.rows<{ stud_id: number }>('avn', 'select stud_id from students where grp_id = $1 order by fam, imya, stud_id', [group.grp_id]);
    const students = await allPages(
      t,
      'query($id: ID!, $after: String) { node(id: $id) { ... on Group { studentCount students(first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } } }',
      { id: toGlobalId('Group', group.grp_id) },
      (d) => {
        expect(d.node.students.totalCount).toBe(group.n);
        expect(d.node.studentCount).toBe(group.n);
        return d.node.students;
      },
    );
    const seen: string[] = students.map((n) => n.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expected.map((s) => toGlobalId('Student', s.stud_id)));
  });

  it('loads students, GPA and attendance of many groups with one statement per level', async () => {
    const data = await t.data(
      `{ groups(first: 10) { nodes { studentCount(status: STUDYING) students(first: 5, where: { status: STUDYING }) {
           totalCount nodes { gpa attendanceSummary { lessons } registrations { credits } person { fullName } } } } } }`,
    );
    const groups = data.groups.nodes;
    expect(groups.length).toBeGreaterThan(1);
    for (const g of groups) expect(g.students.totalCount).toBe(g.studentCount);
    const stats = t.stats();
    // groups, group counts, students, their count, grades, scale, attendance, registrations (+ a
    // person card only for student records outside the page):
    // a fixed number, whatever the number of groups and students.
    expect(stats.avn).toBeLessThanOrEqual(9);
    expect(stats.hub).toBeLessThanOrEqual(2);
  });
});

describe('Person', () => {
  it('resolves personByPin to the registry person with its AVN records', async () => {
    const [s] = await t.rows<{ stud_id: number; pin: string; fam: string }>(
      'avn',
      `select stud_id, trim(pin) as pin, fam from students where pin ~ '^[0-9]{14}$' and pin !~ '^0+$' order by stud_id desc limit 1`,
    );
    const data = await t.data(
      'query($pin: String!) { personByPin(pin: $pin) { id pin surname records { source localKey method } students { id } } }',
      { pin: s.pin },
    );
    const person = data.personByPin;
    expect(person).not.toBeNull();
    const [link] = await t.rows<{ person_id: number }>('hub', `select person_id from identity_link where source = 'avn.student' and local_key = $1`, [String(s.stud_id)]);
    expect(person.id).toBe(toGlobalId('Person', link.person_id));
    expect(person.students.map((x: any) => x.id)).toContain(toGlobalId('Student', s.stud_id));
    expect(person.records).toContainEqual(expect.objectContaining({ source: 'AVN_STUDENT', localKey: String(s.stud_id) }));
    const links = await t.rows('hub', 'select source from identity_link where person_id = $1', [link.person_id]);
    expect(person.records).toHaveLength(links.length);
    expect(person.pin).toBe(s.pin);

    expect((await t.data('{ personByPin(pin: "99999999999999") { id } }')).personByPin).toBeNull();
  });

  it('round-trips Student and Person through node(id:)', async () => {
    const [s] = await t.rows<{ stud_id: number }>('avn', 'select stud_id from students order by stud_id limit 1 offset 5');
    const data = await t.data('query($id: ID!) { node(id: $id) { id ... on Student { person { id fullName } } } }', { id: toGlobalId('Student', s.stud_id) });
    expect(data.node.id).toBe(toGlobalId('Student', s.stud_id));
    const personId = data.node.person.id;
    const again = await t.data('query($id: ID!) { node(id: $id) { id __typename ... on Person { fullName students { id } } } }', { id: personId });
    expect(again.node).toMatchObject({ id: personId, __typename: 'Person', fullName: data.node.person.fullName });
    expect(again.node.students.map((x: any) => x.id)).toContain(toGlobalId('Student', s.stud_id));
    expect((await t.data('query($id: ID!) { node(id: $id) { id } }', { id: toGlobalId('Person', 987654321) })).node).toBeNull();
  });

  it('gives an employee\'s person the employee facet and name', async () => {
    const [e] = await t.rows<{ emp_id: number; tabel_nomer: string; fam: string }>('avn', 'select emp_id, tabel_nomer, fam from sotrudnik order by emp_id limit 1');
    const [link] = await t.rows<{ person_id: number }>('hub', `select person_id from identity_link where source = 'avn.employee' and local_key = $1`, [String(e.emp_id)]);
    const data = await t.data('query($id: ID!) { node(id: $id) { ... on Person { surname employee { id personnelNumber } } } }', { id: toGlobalId('Person', link.person_id) });
    expect(data.node.employee).toEqual({ id: toGlobalId('Employee', e.emp_id), personnelNumber: e.tabel_nomer });
    expect(data.node.surname).toBeTruthy();
  });

  it('lists people by a name fragment like SQL over AVN records and the registry', async () => {
    const [sample] = await t.rows<{ fam: string }>('avn', 'select fam from students order by stud_id limit 1 offset 7');
    const piece = sample.fam.slice(0, 4).toLowerCase();
    const records = await t.rows<{ source: string; local_key: string }>(
      'avn',
      `select 'avn.student' as source, stud_id::text as local_key from students where fam ilike $1 or imya ilike $1 or otch ilike $1
       union all select 'avn.employee', emp_id::text from sotrudnik where fam ilike $1 or imya ilike $1 or otch ilike $1
       union all select 'avn.applicant', abit_id::text from abiturient where fam ilike $1 or imya ilike $1 or otch ilike $1`,
      [`%${piece}%`],
    );
    const [{ n }] = await t.rows<{ n: number }>(
      'hub',
      `select count(distinct l.person_id)::int as n from identity_link l
         join unnest($1::text[], $2::text[]) as r(source, local_key) on r.source = l.source and r.local_key = l.local_key`,
      [records.map((r) => r.source), records.map((r) => r.local_key)],
    );
    expect(n).toBeGreaterThan(0);
    const data = await t.data('query($q: String) { people(where: { nameContains: $q }, first: 100) { totalCount nodes { fullName } } }', { q: piece });
    expect(data.people.totalCount).toBe(n);
    const [{ total }] = await t.rows<{ total: number }>('hub', 'select count(*)::int as total from person');
    expect((await t.data('{ people(first: 1) { totalCount } }')).people.totalCount).toBe(total);
  });
});

describe('Person when AVN is down', () => {
  // Runs last: it closes this hub's AVN database to connections (and ends the open ones), which is
  // what an AVN outage looks like to the hub. People still come from the registry (hub database);
  // their AVN-sourced fields are null with SOURCE_UNAVAILABLE.
  it('keeps the people and their registry links, nulls the AVN fields and names AVN', async () => {
    const query = '{ people(first: 5) { nodes { id records { source } fullName pin students { id } } } }';
    const up = await t.execute(query);
    expect(up.errors).toBeUndefined();
    expect(up.data.people.nodes.every((p: any) => p.fullName)).toBe(true);

    const avnDatabase = new URL(t.config.databases.avn.url!).pathname.slice(1);
    // The test's own idle AVN connections are ended too; that is expected, not a failure.
    t.sql('avn').on('error', () => undefined);
    await t.rows('hub', `alter database "${avnDatabase}" allow_connections false`);
    await t.rows('hub', 'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [avnDatabase]);
    try {
      const result = await t.execute(query);
      const nodes = result.data.people.nodes;
      expect(nodes).toHaveLength(5);
      for (const person of nodes) {
        expect(person.records.length).toBeGreaterThan(0);
        expect([person.fullName, person.pin, person.students]).toEqual([null, null, null]);
      }
      expect(result.errors!.length).toBeGreaterThan(0);
      for (const error of result.errors!) expect(error.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'avn' });
    } finally {
      await t.rows('hub', `alter database "${avnDatabase}" allow_connections true`);
    }
  });
});
