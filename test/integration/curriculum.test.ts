/**
 * Curricula, grade sheets and the electronic journal (with QR-visit sessions) through GraphQL,
 * checked against SQL run in the test on this hub's seeded AVN and QR-visit databases.
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

const CONTROL: Record<string, string> = { ekzamen: 'EXAM', zachet: 'CREDIT', dif_zachet: 'GRADED_CREDIT', kursovaya: 'COURSE_WORK' };
const PRESENCE: Record<string, string> = { P: 'PRESENT', N: 'ABSENT', O: 'LATE', U: 'EXCUSED' };
const num = (v: unknown) => (v === null ? null : Number(v));

describe('curricula', () => {
  it('lists a curriculum\'s items per semester as uch_plan_str has them', async () => {
    const [plan] = await t.rows('avn', 'select plan_id, spec_id, god_nabora, name, utverjden::text as utverjden from uch_plan order by (select count(*) from uch_plan_str s where s.plan_id = uch_plan.plan_id) desc, plan_id limit 1');
    const items = await t.rows(
      'avn',
      `select ps.str_id, ps.disc_id, ps.semestr, ps.kredity::float8 as kredity, ps.chasy_lek, ps.chasy_prak, ps.chasy_lab, ps.chasy_srs, ps.forma_kontrolya, ps.max_m1, ps.max_m2, ps.max_itog
         from uch_plan_str ps where ps.plan_id = $1`,
      [plan.plan_id],
    );
    expect(items.length).toBeGreaterThan(0);
    const semesters = [...new Set(items.map((i) => i.semestr))].sort((a, b) => a - b);
    const found = await t.data(
      'query($p: ID!, $y: Int!) { curricula(where: { programmeId: $p, intakeYear: $y }) { totalCount nodes { id name intakeYear approvedOn programme { id } } } }',
      { p: toGlobalId('Programme', plan.spec_id), y: plan.god_nabora },
    );
    const [{ n }] = await t.rows('avn', 'select count(*)::int as n from uch_plan where spec_id = $1 and god_nabora = $2', [plan.spec_id, plan.god_nabora]);
    expect(found.curricula.totalCount).toBe(n);
    const node = found.curricula.nodes.find((c: any) => c.id === toGlobalId('Curriculum', plan.plan_id));
    expect(node).toEqual({ id: toGlobalId('Curriculum', plan.plan_id), name: plan.name, intakeYear: plan.god_nabora, approvedOn: plan.utverjden, programme: { id: toGlobalId('Programme', plan.spec_id) } });

    for (const semester of semesters) {
      const data = await t.data(
        `query($id: ID!, $s: Int!) { node(id: $id) { ... on Curriculum { items(semester: $s) {
            id semester credits lectureHours practiceHours labHours selfStudyHours totalHours controlForm module1Max module2Max finalMax discipline { id } } } } }`,
        { id: toGlobalId('Curriculum', plan.plan_id), s: semester },
      );
      const want = items.filter((i) => i.semestr === semester).map((i) => ({
        id: toGlobalId('PlanItem', i.str_id), semester, credits: i.kredity,
        lectureHours: i.chasy_lek, practiceHours: i.chasy_prak, labHours: i.chasy_lab, selfStudyHours: i.chasy_srs,
        totalHours: i.chasy_lek + i.chasy_prak + i.chasy_lab + i.chasy_srs, controlForm: CONTROL[i.forma_kontrolya],
        module1Max: i.max_m1, module2Max: i.max_m2, finalMax: i.max_itog, discipline: { id: toGlobalId('Discipline', i.disc_id) },
      }));
      const byId = (a: any, b: any) => (a.id < b.id ? -1 : 1);
      expect([...data.node.items].sort(byId), `semester ${semester}`).toEqual(want.sort(byId));
    }
    const all = await t.data('query($id: ID!) { node(id: $id) { ... on Curriculum { items { id } } } }', { id: toGlobalId('Curriculum', plan.plan_id) });
    expect(all.node.items).toHaveLength(items.length);
  });

  it('lists disciplines by chair and text, and a programme\'s curricula', async () => {
    const [{ kaf_id, n }] = await t.rows('avn', 'select kaf_id, count(*)::int as n from disciplina group by kaf_id order by count(*) desc limit 1');
    const [sample] = await t.rows('avn', 'select name_ky from disciplina where kaf_id = $1 order by disc_id limit 1', [kaf_id]);
    const text = sample.name_ky.slice(0, 4);
    const [{ m }] = await t.rows('avn', `select count(*)::int as m from disciplina where name_ky ilike $1 or name_ru ilike $1 or kod ilike $1`, [`%${text}%`]);
    const [{ spec_id }] = await t.rows('avn', 'select spec_id from uch_plan group by spec_id order by count(*) desc limit 1');
    const plans = await t.rows('avn', 'select plan_id from uch_plan where spec_id = $1', [spec_id]);
    const data = await t.data(
      `query($c: ID!, $t: String!, $p: ID!) { byChair: disciplines(where: { chairId: $c }) { totalCount }
        chair: node(id: $c) { ... on Chair { disciplines { id chair { id } } } }
        byText: disciplines(where: { nameContains: $t }) { totalCount }
        programme: node(id: $p) { ... on Programme { curricula { id } } } }`,
      { c: toGlobalId('Chair', kaf_id), t: text, p: toGlobalId('Programme', spec_id) },
    );
    expect(data.byChair.totalCount).toBe(n);
    expect(data.chair.disciplines).toHaveLength(n);
    expect(data.chair.disciplines.every((d: any) => d.chair.id === toGlobalId('Chair', kaf_id))).toBe(true);
    expect(data.byText.totalCount).toBe(m);
    expect(data.programme.curricula.map((c: any) => c.id).sort()).toEqual(plans.map((p) => toGlobalId('Curriculum', p.plan_id)).sort());
  });
});

describe('grade sheets', () => {
  it('gives a sheet\'s rows as vedomost_str has them, with the scale\'s grade points', async () => {
    const [sheet] = await t.rows(
      'avn',
      `select v.ved_id, v.grp_id, v.emp_id, v.str_id, ps.disc_id, v.uch_god, v.semestr from vedomost v join uch_plan_str ps using (str_id)
        where exists (select 1 from vedomost_str vs where vs.ved_id = v.ved_id and vs.total is not null)
        order by (select count(*) from vedomost_str vs where vs.ved_id = v.ved_id) desc, v.ved_id limit 1`,
    );
    const rows = await t.rows(
      'avn',
      `select vs.stud_id, vs.m1, vs.m2, vs.itog, vs.total, vs.bukva,
              (select sh.ball from shkala sh where sh.bukva = vs.bukva order by sh.min_ball desc limit 1) as ball
         from vedomost_str vs where vs.ved_id = $1`,
      [sheet.ved_id],
    );
    const data = await t.data(
      `query($id: ID!) { node(id: $id) { ... on GradeSheet { academicYear semester group { id } teacher { id } planItem { id } discipline { id }
          rows { module1 module2 final total letter gradePoints student { id } } } } }`,
      { id: toGlobalId('GradeSheet', sheet.ved_id) },
    );
    const node = data.node;
    expect(node.academicYear).toBe(sheet.uch_god);
    expect(node.semester).toBe(sheet.semestr);
    expect(node.group.id).toBe(toGlobalId('Group', sheet.grp_id));
    expect(node.teacher.id).toBe(toGlobalId('Employee', sheet.emp_id));
    expect(node.planItem.id).toBe(toGlobalId('PlanItem', sheet.str_id));
    expect(node.discipline.id).toBe(toGlobalId('Discipline', sheet.disc_id));
    const want = rows.map((r) => ({
      module1: num(r.m1), module2: num(r.m2), final: num(r.itog), total: num(r.total), letter: r.bukva, gradePoints: num(r.ball),
      student: { id: toGlobalId('Student', r.stud_id) },
    }));
    const byStudent = (a: any, b: any) => (a.student.id < b.student.id ? -1 : 1);
    expect([...node.rows].sort(byStudent)).toEqual(want.sort(byStudent));
  });

  it('filters sheets by group, teacher, term and status like SQL, also under a teacher', async () => {
    const [{ emp_id, uch_god }] = await t.rows('avn', 'select emp_id, uch_god from vedomost group by 1, 2 order by count(*) desc, emp_id limit 1');
    const count = async (where: string, params: unknown[]) => (await t.rows('avn', `select count(*)::int as n from vedomost v where ${where}`, params))[0].n;
    const teacherId = toGlobalId('Employee', emp_id);
    const data = await t.data(
      `query($t: ID!, $y: String!) {
        all: gradeSheets(where: { teacherId: $t }) { totalCount }
        year: gradeSheets(where: { teacherId: $t, academicYear: $y }) { totalCount }
        open: gradeSheets(where: { status: OPEN }) { totalCount }
        retakes: gradeSheets(where: { kind: RETAKE, academicYear: $y }) { totalCount }
        teacher: node(id: $t) { ... on Employee { gradeSheets(first: 100, where: { academicYear: $y }) { totalCount nodes { id openedOn } } } } }`,
      { t: teacherId, y: uch_god },
    );
    expect(data.all.totalCount).toBe(await count('v.emp_id = $1', [emp_id]));
    expect(data.year.totalCount).toBe(await count('v.emp_id = $1 and v.uch_god = $2', [emp_id, uch_god]));
    expect(data.open.totalCount).toBe(await count(`v.status = 'otkryta'`, []));
    expect(data.retakes.totalCount).toBe(await count(`v.tip = 'peresdacha' and v.uch_god = $1`, [uch_god]));
    const nested = data.teacher.gradeSheets;
    expect(nested.totalCount).toBe(data.year.totalCount);
    const dates = nested.nodes.map((n: any) => n.openedOn);
    expect(dates).toEqual([...dates].sort().reverse());

    const [{ grp_id }] = await t.rows('avn', 'select grp_id from vedomost group by 1 order by count(*) desc limit 1');
    const group = await t.data('query($g: ID!) { gradeSheets(where: { groupId: $g }) { totalCount } }', { g: toGlobalId('Group', grp_id) });
    expect(group.gradeSheets.totalCount).toBe(await count('v.grp_id = $1', [grp_id]));
  });
});

describe('journal', () => {
  /** A lesson with a QR-visit session that has scans, and attendance marks. */
  async function lessonWithScans(): Promise<{ zan_id: number; session_id: number }> {
    const sessions = await t.rows('qrvisit', 'select s.session_id, ls.avn_lesson_id, ls.opened_at from scan s join lesson_session ls on ls.id = s.session_id group by 1, 2, 3 order by count(*) desc limit 50');
    expect(sessions.length, 'the demo has QR-visit scans').toBeGreaterThan(0);
    for (const s of sessions) {
      // The hub shows the latest session of a lesson: keep only lessons where that is this one.
      const [latest] = await t.rows('qrvisit', 'select id from lesson_session where avn_lesson_id = $1 order by opened_at desc, id desc limit 1', [s.avn_lesson_id]);
      const [marks] = await t.rows('avn', 'select count(*)::int as n from jurnal_otmetka where zan_id = $1', [s.avn_lesson_id]);
      if (Number(latest.id) === Number(s.session_id) && marks.n > 0) return { zan_id: s.avn_lesson_id, session_id: Number(s.session_id) };
    }
    throw new Error('no lesson with marks and a scanned QR session');
  }

  it('gives a lesson\'s attendance and counts as jurnal_otmetka has them', async () => {
    const { zan_id } = await lessonWithScans();
    const marks = await t.rows('avn', 'select stud_id, prisutstvie, ocenka, istochnik from jurnal_otmetka where zan_id = $1', [zan_id]);
    const [lesson] = await t.rows('avn', 'select grp_id, disc_id, emp_id, data::text as data, para from jurnal_zanyatie where zan_id = $1', [zan_id]);
    const data = await t.data(
      `query($id: ID!) { node(id: $id) { ... on Lesson { date period group { id } discipline { id } teacher { id }
          attendance { presence mark source student { id } } attendanceCounts { present absent late excused total } attendanceRate } } }`,
      { id: toGlobalId('Lesson', zan_id) },
    );
    const node = data.node;
    expect(node).toMatchObject({ date: lesson.data, period: lesson.para, group: { id: toGlobalId('Group', lesson.grp_id) }, discipline: { id: toGlobalId('Discipline', lesson.disc_id) }, teacher: { id: toGlobalId('Employee', lesson.emp_id) } });
    const want = marks.map((m) => ({ presence: PRESENCE[m.prisutstvie], mark: num(m.ocenka), source: m.istochnik === 'qr' ? 'QR' : 'MANUAL', student: { id: toGlobalId('Student', m.stud_id) } }));
    const byStudent = (a: any, b: any) => (a.student.id < b.student.id ? -1 : 1);
    expect([...node.attendance].sort(byStudent)).toEqual(want.sort(byStudent));
    const [c] = await t.rows(
      'avn',
      `select count(*) filter (where prisutstvie = 'P')::int as present, count(*) filter (where prisutstvie = 'N')::int as absent,
              count(*) filter (where prisutstvie = 'O')::int as late, count(*) filter (where prisutstvie = 'U')::int as excused, count(*)::int as total
         from jurnal_otmetka where zan_id = $1`,
      [zan_id],
    );
    expect(node.attendanceCounts).toEqual(c);
    expect(node.attendanceRate).toBeCloseTo((c.present + c.late) / c.total, 10);
  });

  it('gives the lesson\'s QR-visit session and its scans as QR-visit has them', async () => {
    const { zan_id, session_id } = await lessonWithScans();
    const [session] = await t.rows('qrvisit', 'select id, teacher_tabel, group_name, opened_at, closed_at, rotate_seconds, geo_lat, geo_radius_m from lesson_session where id = $1', [session_id]);
    const scans = await t.rows('qrvisit', 'select student_book, scanned_at, result from scan where session_id = $1 order by scanned_at, id', [session_id]);
    const data = await t.data(
      `query($id: ID!) { node(id: $id) { ... on Lesson { qrSession { id openedAt closedAt rotationSeconds locationCheck locationRadiusMeters teacherPersonnelNumber groupName
          lesson { id } teacher { personnelNumber } scans { studentNumber scannedAt result } students: scans { studentNumber student { studentNumber } } } } } }`,
      { id: toGlobalId('Lesson', zan_id) },
    );
    const qr = data.node.qrSession;
    expect(qr.id).toBe(toGlobalId('QrSession', session_id));
    expect(new Date(qr.openedAt).getTime()).toBe(new Date(session.opened_at).getTime());
    expect(qr.closedAt === null ? null : new Date(qr.closedAt).getTime()).toBe(session.closed_at === null ? null : new Date(session.closed_at).getTime());
    expect(qr.rotationSeconds).toBe(session.rotate_seconds);
    expect(qr.locationCheck).toBe(session.geo_lat !== null && session.geo_radius_m !== null);
    expect(qr.teacherPersonnelNumber).toBe(session.teacher_tabel);
    expect(qr.groupName).toBe(session.group_name);
    expect(qr.lesson.id).toBe(toGlobalId('Lesson', zan_id));
    expect(qr.scans.map((s: any) => ({ ...s, scannedAt: new Date(s.scannedAt).getTime() }))).toEqual(
      scans.map((s) => ({ studentNumber: s.student_book, scannedAt: new Date(s.scanned_at).getTime(), result: s.result.toUpperCase() })),
    );
    // Across sources: the teacher by personnel number, the students by student-book number (AVN).
    const [teacher] = await t.rows('avn', 'select tabel_nomer from sotrudnik where tabel_nomer = $1', [session.teacher_tabel]);
    expect(qr.teacher).toEqual(teacher ? { personnelNumber: teacher.tabel_nomer } : null);
    const known = new Set((await t.rows('avn', 'select zachetka from students where zachetka = any($1::text[])', [scans.map((s) => s.student_book)])).map((r) => r.zachetka));
    for (const scan of qr.students) {
      expect(scan.student, scan.studentNumber).toEqual(known.has(scan.studentNumber) ? { studentNumber: scan.studentNumber } : null);
    }
  });

  it('lists lessons by group and dates like SQL, in date order, page by page', async () => {
    const [{ grp_id, lo, hi }] = await t.rows(
      'avn',
      'select grp_id, min(data)::text as lo, max(data)::text as hi from jurnal_zanyatie group by grp_id order by count(*) desc, grp_id limit 1',
    );
    const [{ mid }] = await t.rows('avn', `select (($1::date + ($2::date - $1::date) / 2))::text as mid`, [lo, hi]);
    const expected = await t.rows('avn', 'select zan_id from jurnal_zanyatie where grp_id = $1 and data >= $2 order by data, para, zan_id', [grp_id, mid]);
    const lessons = await allPages(
      t,
      `query($g: ID!, $from: LocalDate!, $after: String) { lessons(where: { groupId: $g, dateFrom: $from }, first: 25, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`,
      { g: toGlobalId('Group', grp_id), from: mid },
      (d) => {
        expect(d.lessons.totalCount).toBe(expected.length);
        return d.lessons;
      },
    );
    const ids = lessons.map((n) => n.id);
    expect(ids).toEqual(expected.map((r) => toGlobalId('Lesson', r.zan_id)));

    const [{ emp_id, disc_id }] = await t.rows('avn', 'select emp_id, disc_id from jurnal_zanyatie group by 1, 2 order by count(*) desc limit 1');
    const [{ n }] = await t.rows('avn', 'select count(*)::int as n from jurnal_zanyatie where emp_id = $1 and disc_id = $2', [emp_id, disc_id]);
    const data = await t.data(
      `query($t: ID!, $d: ID!) { lessons(where: { teacherId: $t, disciplineId: $d }) { totalCount }
        teacher: node(id: $t) { ... on Employee { lessons(where: { disciplineId: $d }, orderBy: { direction: DESC }, first: 5) { totalCount nodes { date } } } } }`,
      { t: toGlobalId('Employee', emp_id), d: toGlobalId('Discipline', disc_id) },
    );
    expect(data.lessons.totalCount).toBe(n);
    expect(data.teacher.lessons.totalCount).toBe(n);
    const dates = data.teacher.lessons.nodes.map((l: any) => l.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('sends one statement per source per level for groups → lessons → attendance/QR scans', async () => {
    const groups = await t.rows('avn', 'select grp_id from jurnal_zanyatie group by grp_id order by count(*) desc limit 5');
    const data = await t.data(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Group { lessons(first: 10) { nodes { attendanceRate attendance { presence student { studentNumber } }
          qrSession { scans { result } } } } } } }`,
      { ids: groups.map((g) => toGlobalId('Group', g.grp_id)) },
    );
    expect(data.nodes).toHaveLength(groups.length);
    const stats = t.stats();
    // groups, lessons, marks, students
    expect(stats.avn).toBe(4);
    // sessions, scans (no scans statement when no lesson of the page has a session)
    expect(stats.qrvisit).toBeLessThanOrEqual(2);
    expect(stats.qrvisit).toBeGreaterThanOrEqual(1);
  });
});
