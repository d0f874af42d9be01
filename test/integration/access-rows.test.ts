/**
 * Row rules through GraphQL with real credentials (accounts and partner keys over HTTP), checked
 * against SQL on the seeded sources: a student sees only itself, a dean only its faculty, a
 * teacher only its own sheets and lessons, a library key no grades — and a forbidden object looks
 * exactly like a missing one (null or absent, no error), with list counts that count only what
 * the viewer may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id';
import { Domain, Role } from '../../src/auth/viewer';
import { allPages, startTestHub, type Executor, type TestHub } from '../helpers/test-hub';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  await t?.close();
});

interface StudentRow {
  stud_id: number;
  zachetka: string;
  grp_id: number;
  fak_id: number;
}

const STUDENT_SQL = `select s.stud_id, s.zachetka, s.grp_id, sp.fak_id from students s
  join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id`;

/** A studying student in a group of several, a classmate, and a student of another faculty. */
async function threeStudents(): Promise<{ me: StudentRow; classmate: StudentRow; stranger: StudentRow }> {
  const [me] = await t.rows<StudentRow>(
    'avn',
    `${STUDENT_SQL} where s.status_id = 1 and (select count(*) from students o where o.grp_id = s.grp_id) >= 3 order by s.stud_id limit 1`,
  );
  const [classmate] = await t.rows<StudentRow>('avn', `${STUDENT_SQL} where s.grp_id = $1 and s.stud_id <> $2 order by s.stud_id limit 1`, [me.grp_id, me.stud_id]);
  const [stranger] = await t.rows<StudentRow>('avn', `${STUDENT_SQL} where sp.fak_id <> $1 order by s.stud_id limit 1`, [me.fak_id]);
  return { me, classmate, stranger };
}

const sid = (s: { stud_id: number }) => toGlobalId('Student', s.stud_id);

describe('a student', () => {
  let student: Executor;
  let me: StudentRow;
  let classmate: StudentRow;
  let stranger: StudentRow;

  beforeAll(async () => {
    ({ me, classmate, stranger } = await threeStudents());
    student = await t.as({ role: Role.STUDENT, studentKey: me.stud_id });
  });

  it('reads its own record, by node(id:) and by student number', async () => {
    const data = await student.data(
      'query($id: ID!, $n: String!) { node(id: $id) { id ... on Student { studentNumber } } student(studentNumber: $n) { id pin } }',
      { id: sid(me), n: me.zachetka },
    );
    expect(data.node).toEqual({ id: sid(me), studentNumber: me.zachetka });
    expect(data.student.id).toBe(sid(me));
  });

  it('gets another student as if it did not exist: node(id:), nodes(ids:), student(studentNumber:)', async () => {
    for (const other of [classmate, stranger]) {
      const forbidden = await student.execute(
        'query($id: ID!, $n: String!) { node(id: $id) { id } student(studentNumber: $n) { id } }',
        { id: sid(other), n: other.zachetka },
      );
      // Same shape as a student number nobody has: null, and no error that would tell it exists.
      const missing = await student.execute('query($id: ID!, $n: String!) { node(id: $id) { id } student(studentNumber: $n) { id } }', {
        id: toGlobalId('Student', 987654321),
        n: 'NO-SUCH-NUMBER',
      });
      expect(forbidden).toEqual({ data: { node: null, student: null } });
      expect(missing).toEqual(forbidden);
    }
    const both = await student.data('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [sid(me), sid(classmate), sid(stranger)] });
    expect(both.nodes).toEqual([{ id: sid(me) }, null, null]);
  });

  it('lists only itself: totalCount 1 in the students list, in its group and filtered by its group', async () => {
    const data = await student.data(
      `query($g: ID!) {
        all: students(first: 50) { totalCount nodes { id } }
        inGroup: students(first: 50, where: { groupId: $g }) { totalCount nodes { id } }
        group: node(id: $g) { ... on Group { students(first: 50) { totalCount nodes { id } } studentCount } }
      }`,
      { g: toGlobalId('Group', me.grp_id) },
    );
    expect(data.all).toEqual({ totalCount: 1, nodes: [{ id: sid(me) }] });
    expect(data.inGroup).toEqual({ totalCount: 1, nodes: [{ id: sid(me) }] });
    expect(data.group.students).toEqual({ totalCount: 1, nodes: [{ id: sid(me) }] });
  });

  it('sees its own grades and contracts, not another student\'s grade-sheet rows', async () => {
    const [sheet] = await t.rows<{ ved_id: number; n: number }>(
      'avn',
      'select vs.ved_id, (select count(*)::int from vedomost_str x where x.ved_id = vs.ved_id) as n from vedomost_str vs where vs.stud_id = $1 order by vs.ved_id limit 1',
      [me.stud_id],
    );
    const data = await student.data(
      `query($id: ID!, $sheet: ID!) {
        node(id: $id) { ... on Student { semesters { grades { gradeSheet { id } } } } }
        sheet: node(id: $sheet) { ... on GradeSheet { rows { student { id } } } }
      }`,
      { id: sid(me), sheet: toGlobalId('GradeSheet', sheet.ved_id) },
    );
    const [{ n: rowsOfMine }] = await t.rows<{ n: number }>('avn', 'select count(*)::int as n from vedomost_str where stud_id = $1', [me.stud_id]);
    expect(data.node.semesters.flatMap((s: { grades: unknown[] }) => s.grades)).toHaveLength(rowsOfMine);
    expect(sheet.n).toBeGreaterThan(1);
    // Its own sheet, but only its own row of it.
    expect(data.sheet.rows).toEqual([{ student: { id: sid(me) } }]);
  });

  it('finds only its own person in the identity registry', async () => {
    const [{ person_id }] = await t.rows<{ person_id: number }>('hub', "select person_id from identity_link where source = 'avn.student' and local_key = $1", [String(me.stud_id)]);
    const [other] = await t.rows<{ person_id: number }>('hub', "select person_id from identity_link where source = 'avn.student' and local_key = $1", [String(classmate.stud_id)]);
    const data = await student.data('query($o: ID!) { people(first: 10) { totalCount nodes { id } } other: node(id: $o) { id } }', { o: toGlobalId('Person', other.person_id) });
    expect(data.people).toEqual({ totalCount: 1, nodes: [{ id: toGlobalId('Person', person_id) }] });
    expect(data.other).toBeNull();
  });

  it('lists only the orders naming it', async () => {
    const [{ n }] = await t.rows<{ n: number }>('avn', 'select count(distinct prikaz_id)::int as n from prikaz_student where stud_id = $1', [me.stud_id]);
    const data = await student.data('{ orders(first: 100) { totalCount } }');
    expect(data.orders.totalCount).toBe(n);
  });
});

describe('a dean', () => {
  let dean: Executor;
  let facultyKey: number;

  beforeAll(async () => {
    const [row] = await t.rows<{ fak_id: number }>(
      'avn',
      `select sp.fak_id from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id
        group by sp.fak_id order by count(*) desc limit 1`,
    );
    facultyKey = row.fak_id;
    dean = await t.as({ role: Role.DEAN, facultyKey });
  });

  it('lists exactly its faculty\'s students, groups and orders (totalCount = SQL count)', async () => {
    const [{ students }] = await t.rows<{ students: number }>(
      'avn',
      'select count(*)::int as students from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id where sp.fak_id = $1',
      [facultyKey],
    );
    const [{ groups }] = await t.rows<{ groups: number }>(
      'avn',
      'select count(*)::int as groups from gruppa g join specialnost sp on sp.spec_id = g.spec_id where sp.fak_id = $1',
      [facultyKey],
    );
    const [{ orders }] = await t.rows<{ orders: number }>('avn', 'select count(*)::int as orders from prikaz where fak_id = $1', [facultyKey]);
    const [{ all }] = await t.rows<{ all: number }>('avn', 'select count(*)::int as all from students');
    const data = await dean.data('{ students(first: 100) { totalCount nodes { faculty { id } } } groups(first: 1) { totalCount } orders(first: 1) { totalCount } }');
    expect(students).toBeLessThan(all);
    expect(data.students.totalCount).toBe(students);
    expect(new Set(data.students.nodes.map((n: { faculty: { id: string } }) => n.faculty.id))).toEqual(new Set([toGlobalId('Faculty', facultyKey)]));
    expect(data.groups.totalCount).toBe(groups);
    expect(data.orders.totalCount).toBe(orders);
  });

  it('gets another faculty\'s student, orders and grade sheets as missing', async () => {
    const [other] = await t.rows<StudentRow>('avn', `${STUDENT_SQL} where sp.fak_id <> $1 order by s.stud_id limit 1`, [facultyKey]);
    const data = await dean.execute(
      'query($id: ID!, $f: ID!) { node(id: $id) { id } faculty: node(id: $f) { ... on Faculty { orders(first: 5) { totalCount nodes { id } } } } }',
      { id: sid(other), f: toGlobalId('Faculty', other.fak_id) },
    );
    expect(data.errors).toBeUndefined();
    expect(data.data.node).toBeNull();
    expect(data.data.faculty.orders).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe('a teacher', () => {
  let teacher: Executor;
  let employeeKey: number;

  beforeAll(async () => {
    const [row] = await t.rows<{ emp_id: number }>('avn', 'select emp_id from vedomost group by emp_id order by count(*) desc, emp_id limit 1');
    employeeKey = row.emp_id;
    teacher = await t.as({ role: Role.TEACHER, employeeKey });
  });

  it('sees only its own grade sheets and lessons', async () => {
    const [{ sheets }] = await t.rows<{ sheets: number }>('avn', 'select count(*)::int as sheets from vedomost where emp_id = $1', [employeeKey]);
    const [{ lessons }] = await t.rows<{ lessons: number }>('avn', 'select count(*)::int as lessons from jurnal_zanyatie where emp_id = $1', [employeeKey]);
    const sheetNodes = await allPages(
      teacher as TestHub,
      'query($after: String) { gradeSheets(first: 100, after: $after) { totalCount nodes { teacher { id } } pageInfo { hasNextPage endCursor } } }',
      {},
      (d) => d.gradeSheets,
    );
    expect(sheets).toBeGreaterThan(0);
    expect(sheetNodes).toHaveLength(sheets);
    expect(new Set(sheetNodes.map((n) => n.teacher.id))).toEqual(new Set([toGlobalId('Employee', employeeKey)]));
    const data = await teacher.data('{ gradeSheets(first: 1) { totalCount } lessons(first: 1) { totalCount } }');
    expect(data.gradeSheets.totalCount).toBe(sheets);
    expect(data.lessons.totalCount).toBe(lessons);
  });

  it('gets another teacher\'s sheet and lesson as missing, and the students of its own groups only', async () => {
    const [sheet] = await t.rows<{ ved_id: number }>('avn', 'select ved_id from vedomost where emp_id <> $1 order by ved_id limit 1', [employeeKey]);
    const [lesson] = await t.rows<{ zan_id: number }>('avn', 'select zan_id from jurnal_zanyatie where emp_id <> $1 order by zan_id limit 1', [employeeKey]);
    const data = await teacher.execute('query($a: ID!, $b: ID!) { sheet: node(id: $a) { id } lesson: node(id: $b) { id } }', {
      a: toGlobalId('GradeSheet', sheet.ved_id),
      b: toGlobalId('Lesson', lesson.zan_id),
    });
    expect(data).toEqual({ data: { sheet: null, lesson: null } });

    const [{ n }] = await t.rows<{ n: number }>(
      'avn',
      `select count(*)::int as n from students s where s.grp_id in (
         select grp_id from nagruzka where emp_id = $1 union select grp_id from vedomost where emp_id = $1
         union select grp_id from jurnal_zanyatie where emp_id = $1)`,
      [employeeKey],
    );
    expect((await teacher.data('{ students(first: 1) { totalCount } }')).students.totalCount).toBe(n);
  });

  it('does not reach tuition or library data outside its domains', async () => {
    const data = await teacher.execute('{ tuitionDebtors(first: 5) { totalCount nodes { debt } } loans(first: 5) { totalCount } }');
    expect(data).toEqual({ data: { tuitionDebtors: { totalCount: 0, nodes: [] }, loans: { totalCount: 0 } } });
  });
});

describe('records in the other sources (library, dormitory, registrar)', () => {
  /** A student linked to library cards and a dormitory resident, with its keys there. */
  async function linkedStudent() {
    const [row] = await t.rows<{ stud_id: number; person_id: number }>(
      'hub',
      `select s.local_key::int as stud_id, s.person_id from identity_link s
        where s.source = 'avn.student'
          and exists (select 1 from identity_link b where b.person_id = s.person_id and b.source = 'library.borrower')
          and exists (select 1 from identity_link r where r.person_id = s.person_id and r.source = 'dormitory.resident')
        order by s.person_id limit 1`,
    );
    const keys = async (source: string) =>
      (await t.rows<{ k: number }>('hub', 'select local_key::int as k from identity_link where person_id = $1 and source = $2', [row.person_id, source])).map((r) => r.k);
    const [avn] = await t.rows<{ zachetka: string; pin: string | null; fak_id: number }>(
      'avn',
      'select s.zachetka, s.pin, sp.fak_id from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id where s.stud_id = $1',
      [row.stud_id],
    );
    return { ...row, ...avn, readers: await keys('library.borrower'), residents: await keys('dormitory.resident') };
  }

  const LISTS = '{ loans(first: 1) { totalCount } libraryReaders(first: 1) { totalCount } placements(first: 1) { totalCount } serviceRequests(first: 1) { totalCount } documentFlow(first: 1) { totalCount } }';

  it('a student lists only its own cards, loans, placements and requests', async () => {
    const me = await linkedStudent();
    const [{ loans }] = await t.rows<{ loans: number }>(
      'library',
      'select (select count(*) from issues where borrowernumber = any($1::int[])) + (select count(*) from old_issues where borrowernumber = any($1::int[])) as loans',
      [me.readers],
    );
    const [{ placements }] = await t.rows<{ placements: number }>('dormitory', 'select count(*)::int as placements from placements where resident_id = any($1::int[])', [me.residents]);
    const [{ requests }] = await t.rows<{ requests: number }>(
      'registrar',
      'select count(*)::int as requests from service_requests where applicant_student_no = $1 or applicant_pin = $2',
      [me.zachetka, me.pin],
    );
    const student = await t.as({ role: Role.STUDENT, studentKey: me.stud_id });
    const data = await student.data(LISTS);
    expect(data).toEqual({
      loans: { totalCount: Number(loans) },
      libraryReaders: { totalCount: me.readers.length },
      placements: { totalCount: placements },
      serviceRequests: { totalCount: requests },
      documentFlow: { totalCount: 0 },
    });
    expect(me.readers.length).toBeGreaterThan(0);
  });

  it('a dean lists the cards, placements and requests of its faculty\'s students only', async () => {
    const me = await linkedStudent();
    const students = (await t.rows<{ k: string; n: string }>(
      'avn',
      'select s.stud_id::text as k, s.zachetka as n from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id where sp.fak_id = $1',
      [me.fak_id],
    ));
    const linked = async (source: string) =>
      (await t.rows<{ k: number }>(
        'hub',
        `select distinct l2.local_key::int as k from identity_link l1 join identity_link l2 on l2.person_id = l1.person_id and l2.source = $2
          where l1.source = 'avn.student' and l1.local_key = any($1::text[])`,
        [students.map((s) => s.k), source],
      )).map((r) => r.k);
    const readers = await linked('library.borrower');
    const residents = await linked('dormitory.resident');
    const [{ placements }] = await t.rows<{ placements: number }>('dormitory', 'select count(*)::int as placements from placements where resident_id = any($1::int[])', [residents]);
    const [{ requests }] = await t.rows<{ requests: number }>('registrar', 'select count(*)::int as requests from service_requests where applicant_student_no = any($1::text[])', [students.map((s) => s.n)]);
    const [{ all }] = await t.rows<{ all: number }>('library', 'select count(*)::int as all from borrowers');
    const dean = await t.as({ role: Role.DEAN, facultyKey: me.fak_id });
    const data = await dean.data(LISTS);
    expect(readers.length).toBeLessThan(all);
    expect(data.libraryReaders.totalCount).toBe(readers.length);
    expect(data.placements.totalCount).toBe(placements);
    expect(data.serviceRequests.totalCount).toBe(requests);
    expect(data.documentFlow.totalCount).toBe(0);
  });
});

describe('a chair', () => {
  it('lists its own teachers and the groups they teach, and no students (not its domain)', async () => {
    const [{ kaf_id }] = await t.rows<{ kaf_id: number }>('avn', 'select sh.kaf_id from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id where sh.kaf_id is not null group by sh.kaf_id order by count(*) desc limit 1');
    const chairEmployees = `select sd.emp_id from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id
       where sh.kaf_id = $1 and sd.data_nach <= $2::date and (sd.data_kon is null or sd.data_kon >= $2::date)
      union select zav_emp_id from kafedra where kaf_id = $1 and zav_emp_id is not null`;
    // Current on the hub's business date (the demo's: src/common/business-time.ts).
    const today = t.hub.runtime.businessClock.today();
    const [{ employees }] = await t.rows<{ employees: number }>('avn', `select count(*)::int as employees from (${chairEmployees}) e`, [kaf_id, today]);
    const [{ groups }] = await t.rows<{ groups: number }>(
      'avn',
      `select count(*)::int as groups from (select grp_id from nagruzka where emp_id in (${chairEmployees})
         union select grp_id from vedomost where emp_id in (${chairEmployees}) union select grp_id from jurnal_zanyatie where emp_id in (${chairEmployees})) g`,
      [kaf_id, today],
    );
    const chair = await t.as({ role: Role.CHAIR, chairKey: kaf_id });
    const data = await chair.execute('{ employees(first: 1) { totalCount } groups(first: 1) { totalCount } students(first: 1) { totalCount } staffingTable(first: 1) { totalCount } }');
    const [{ lines }] = await t.rows<{ lines: number }>('avn', 'select count(*)::int as lines from shtat where kaf_id = $1', [kaf_id]);
    expect(data.errors).toBeUndefined();
    expect(employees).toBeGreaterThan(0);
    expect(data.data).toEqual({ employees: { totalCount: employees }, groups: { totalCount: groups }, students: { totalCount: 0 }, staffingTable: { totalCount: lines } });
  });
});

describe('a library key', () => {
  it('asks for grades and gets none (the GPA fields refused out loud, no leak), while loans work', async () => {
    const [reader] = await t.rows<{ stud_id: number; zachetka: string }>(
      'hub',
      `select l.local_key::int as stud_id, '' as zachetka from identity_link l
        where l.source = 'avn.student' and exists (select 1 from identity_link b where b.person_id = l.person_id and b.source = 'library.borrower')
        order by l.person_id limit 1`,
    );
    const [{ zachetka }] = await t.rows<{ zachetka: string }>('avn', 'select zachetka from students where stud_id = $1', [reader.stud_id]);
    const [{ grades }] = await t.rows<{ grades: number }>('avn', 'select count(*)::int as grades from vedomost_str where stud_id = $1', [reader.stud_id]);
    const library = await t.as({ role: Role.LIBRARY, apiKey: true, purpose: 'library circulation' });
    const asked = `query($n: String!) { student(studentNumber: $n) { fullName gpa earnedCredits semesters { gpa grades { total } } loans(first: 100) { totalCount } libraryReader { cardNumber } } gradeSheets(first: 5) { totalCount nodes { id } } }`;
    const answer = await library.execute(asked, { n: zachetka });
    const admin = await t.data(asked, { n: zachetka });
    // The GPA fields carry GRADES data the key does not read: null with FORBIDDEN_FIELD on their
    // paths (not a silent null); lists of that domain are empty, as if there were none.
    expect(answer.errors!.map((e) => [e.extensions?.code, e.path?.join('.'), e.extensions?.field, e.extensions?.domain]).sort()).toEqual([
      ['FORBIDDEN_FIELD', 'student.earnedCredits', 'Student.earnedCredits', 'GRADES'],
      ['FORBIDDEN_FIELD', 'student.gpa', 'Student.gpa', 'GRADES'],
    ]);
    expect(grades).toBeGreaterThan(0);
    expect(admin.student.semesters.length).toBeGreaterThan(0);
    expect(answer.data.student.semesters).toEqual([]);
    expect(answer.data.student.gpa).toBeNull();
    expect(answer.data.student.earnedCredits).toBeNull();
    expect(answer.data.gradeSheets).toEqual({ totalCount: 0, nodes: [] });
    // Loans are the library's own domain: the same as an administrator sees.
    expect(answer.data.student.loans).toEqual(admin.student.loans);
    expect(answer.data.student.libraryReader).toEqual(admin.student.libraryReader);
    expect(answer.data.student.fullName).toBe(admin.student.fullName);
  });

  it('with narrowed scopes (read: LIBRARY only) gets no student at all', async () => {
    const narrow = await t.as({ role: Role.LIBRARY, apiKey: true, read: [Domain.LIBRARY, Domain.ORGANISATION] });
    const data = await narrow.execute('{ students(first: 3) { totalCount nodes { id } } libraryItems(first: 1) { totalCount } }');
    expect(data.errors).toBeUndefined();
    expect(data.data.students).toEqual({ totalCount: 0, nodes: [] });
    expect(data.data.libraryItems.totalCount).toBeGreaterThan(0);
  });
});
