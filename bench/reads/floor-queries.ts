/**
 * The floor: the read benchmark's operations answered with the best hand-written SQL we could
 * write — one statement per source, each building its JSON in PostgreSQL (json_build_object /
 * json_agg), so Node only forwards text or stitches a few parts together. Sources that depend on
 * each other's keys run in waves (AVN → identity registry → library ∥ dormitory); independent ones
 * run in parallel. Personal data (PIN) is used as a lookup key for the registrar, never returned.
 */
import type { OperationName } from './operations';

/** Runs one statement on one database and returns its rows (the floor server counts each call). */
export type FloorQuery = <T = Record<string, unknown>>(database: FloorDatabase, sql: string, params: unknown[]) => Promise<T[]>;
export type FloorDatabase = 'avn' | 'hub' | 'qrvisit' | 'library' | 'dormitory' | 'registrar';

/** An answer is JSON text (sent as `{"data": …}`). */
export type FloorHandler = (query: FloorQuery, variables: Record<string, unknown>) => Promise<string>;

/**
 * Grade-sheet rows with the grading-scale points of their total, the attempt that counts per
 * curriculum item and semester (the latest with a total), and GPA per semester and overall —
 * the same rule as src/modules/students/academic-record.ts, in SQL, and as exact: numeric throughout
 * (float8 sums rounded 3.165 down to 3.16). `$students` is a CTE with stud_id.
 */
const ACADEMIC_RECORD_CTES = `
  grade_rows as (
    select vs.stud_id, v.uch_god, v.semestr, v.str_id, v.data_otkr, v.ved_id, vs.total, ups.kredity as credits,
           (select k.ball from shkala k where vs.total is not null and k.min_ball <= vs.total order by k.min_ball desc limit 1) as points
      from st join vedomost_str vs on vs.stud_id = st.stud_id
      join vedomost v on v.ved_id = vs.ved_id
      join uch_plan_str ups on ups.str_id = v.str_id),
  counted as (
    select distinct on (stud_id, uch_god, semestr, str_id) * from grade_rows
     where total is not null order by stud_id, uch_god, semestr, str_id, data_otkr desc, ved_id desc),
  semesters as (
    select r.stud_id, r.uch_god, r.semestr,
           round(sum(c.credits * c.points) / nullif(sum(c.credits), 0), 2)::float8 as gpa,
           coalesce(sum(c.credits), 0)::float8 as credits
      from (select distinct stud_id, uch_god, semestr from grade_rows) r
      left join counted c on c.stud_id = r.stud_id and c.uch_god = r.uch_god and c.semestr = r.semestr and c.points is not null
     group by r.stud_id, r.uch_god, r.semestr),
  overall as (
    select stud_id, round(sum(credits * points) / nullif(sum(credits), 0), 2)::float8 as gpa
      from counted where points is not null group by stud_id)`;

const FULL_NAME = (alias: string) => `concat_ws(' ', ${alias}.fam, ${alias}.imya, nullif(btrim(${alias}.otch), ''))`;

/** Attendance rate = (present + late) / lessons, as the hub defines it. */
const ATTENDANCE_CTE = `
  attendance as (
    select o.stud_id, count(*)::int as lessons,
           count(*) filter (where o.prisutstvie = 'P')::int as present,
           count(*) filter (where o.prisutstvie = 'O')::int as late,
           count(*) filter (where o.prisutstvie = 'N')::int as absent
      from st join jurnal_otmetka o on o.stud_id = st.stud_id group by o.stud_id)`;

const attendanceRate = `case when a.lessons > 0 then (a.present + a.late)::float8 / a.lessons end`;

/** Registry links from AVN student records to the library's and the dormitory's records. */
async function linkedRecords(query: FloorQuery, studentKeys: number[]): Promise<{ borrowers: [number, number][]; residents: [number, number][] }> {
  const rows = await query<{ student: string; source: string; local_key: string }>(
    'hub',
    `select a.local_key as student, o.source, o.local_key
       from identity_link a join identity_link o on o.person_id = a.person_id
      where a.source = 'avn.student' and a.local_key = any($1::text[]) and o.source in ('library.borrower', 'dormitory.resident')`,
    [studentKeys.map(String)],
  );
  const pairs = (source: string) => rows.filter((r) => r.source === source).map((r) => [Number(r.student), Number(r.local_key)] as [number, number]);
  return { borrowers: pairs('library.borrower'), residents: pairs('dormitory.resident') };
}

/** Current loans (newest first, `limit` per student) over each student's borrower records. */
async function currentLoans(query: FloorQuery, borrowers: [number, number][], limit: number): Promise<Map<number, unknown>> {
  if (borrowers.length === 0) return new Map();
  const rows = await query<{ student: number; loans: unknown; debt: number }>(
    'library',
    `with p as (select * from unnest($1::int[], $2::int[]) as p(student, borrower)),
     loans as (
       select p.student, i.issue_id, i.issuedate, b.title, (i.date_due at time zone 'Asia/Bishkek') as due_at,
              i.date_due < (now() at time zone 'Asia/Bishkek') as overdue,
              row_number() over (partition by p.student order by i.issuedate desc, i.issue_id desc) as n
         from p join issues i on i.borrowernumber = p.borrower
         left join items it on it.itemnumber = i.itemnumber
         left join biblio b on b.biblionumber = it.biblionumber)
     select s.student,
            coalesce((select json_agg(json_build_object('title', l.title, 'dueAt', l.due_at, 'overdue', l.overdue) order by l.issuedate desc, l.issue_id desc)
                        from loans l where l.student = s.student and l.n <= $3), '[]') as loans,
            (select coalesce(sum(a.amountoutstanding), 0)::float8 from p p2 join accountlines a on a.borrowernumber = p2.borrower where p2.student = s.student) as debt
       from (select distinct student from p) s`,
    [borrowers.map((b) => b[0]), borrowers.map((b) => b[1]), limit],
  );
  return new Map(rows.map((r) => [r.student, { loans: r.loans, debt: r.debt }]));
}

/** The latest active placement of each student's resident records, with building and room. */
async function placements(query: FloorQuery, residents: [number, number][]): Promise<Map<number, unknown>> {
  if (residents.length === 0) return new Map();
  const rows = await query<{ student: number; placement: unknown }>(
    'dormitory',
    `select distinct on (p.student) p.student,
            json_build_object('status', pl.status, 'building', json_build_object('name', bu.name), 'room', json_build_object('number', r.number)) as placement
       from unnest($1::int[], $2::int[]) as p(student, resident)
       join placements pl on pl.resident_id = p.resident and pl.status = 'active'
       join beds b on b.bed_id = pl.bed_id
       join rooms r on r.room_id = b.room_id
       join buildings bu on bu.building_id = r.building_id
      order by p.student, pl.start_date desc, pl.placement_id desc`,
    [residents.map((r) => r[0]), residents.map((r) => r[1])],
  );
  return new Map(rows.map((r) => [r.student, r.placement]));
}

const avnGroupGrades: FloorHandler = async (query, { groupKey }) => {
  const [row] = await query<{ body: string }>(
    'avn',
    `select json_build_object('name', g.name, 'students', coalesce((
       select json_agg(json_build_object(
                'studentNumber', s.zachetka, 'surname', s.fam, 'givenName', s.imya, 'patronymic', nullif(btrim(s.otch), ''),
                'grades', coalesce((
                  select json_agg(json_build_object('academicYear', v.uch_god, 'semester', v.semestr, 'disciplineCode', d.kod,
                                    'module1', vs.m1::float8, 'module2', vs.m2::float8, 'final', vs.itog::float8, 'total', vs.total::float8)
                                  order by v.uch_god, v.semestr, d.name_ky, v.data_otkr, v.ved_id)
                    from vedomost_str vs
                    join vedomost v on v.ved_id = vs.ved_id
                    join uch_plan_str ups on ups.str_id = v.str_id
                    join disciplina d on d.disc_id = ups.disc_id
                   where vs.stud_id = s.stud_id), '[]'))
              order by s.fam, s.imya, s.stud_id)
         from students s where s.grp_id = g.grp_id), '[]'))::text as body
       from gruppa g where g.grp_id = $1`,
    [groupKey],
  );
  return row?.body ?? 'null';
};

const groupPage: FloorHandler = async (query, { groupKey }) => {
  const [row] = await query<{ name: string; students: { key: number; [field: string]: unknown }[] }>(
    'avn',
    `with st as (select s.stud_id from students s where s.grp_id = $1),
     ${ACADEMIC_RECORD_CTES},
     ${ATTENDANCE_CTE}
     select g.name, coalesce((
       select json_agg(json_build_object(
                'key', s.stud_id, 'studentNumber', s.zachetka, 'fullName', ${FULL_NAME('s')}, 'status', ss.kod,
                'gpa', ov.gpa,
                'semesters', coalesce((select json_agg(json_build_object('academicYear', x.uch_god, 'semester', x.semestr, 'gpa', x.gpa) order by x.uch_god, x.semestr)
                                         from semesters x where x.stud_id = s.stud_id), '[]'),
                'attendanceRate', (select ${attendanceRate} from attendance a where a.stud_id = s.stud_id))
              order by s.fam, s.imya, s.stud_id)
         from students s join student_status ss on ss.status_id = s.status_id
         left join overall ov on ov.stud_id = s.stud_id
        where s.grp_id = g.grp_id), '[]') as students
       from gruppa g where g.grp_id = $1`,
    [groupKey],
  );
  if (!row) return 'null';
  const links = await linkedRecords(query, row.students.map((s) => s.key));
  const [loans, placed] = await Promise.all([currentLoans(query, links.borrowers, 5), placements(query, links.residents)]);
  const students = row.students.map(({ key, ...student }) => ({
    ...student,
    loans: (loans.get(key) as { loans: unknown } | undefined)?.loans ?? [],
    dormitoryPlacement: placed.get(key) ?? null,
  }));
  return JSON.stringify({ name: row.name, students });
};

const studyCard: FloorHandler = async (query, { studentNumber }) => {
  const [card] = await query<{ stud_id: number; pin: string | null; body: Record<string, unknown> }>(
    'avn',
    `with st as (select s.stud_id from students s where s.zachetka = $1),
     ${ACADEMIC_RECORD_CTES},
     ${ATTENDANCE_CTE}
     select s.stud_id, s.pin, json_build_object(
              'fullName', ${FULL_NAME('s')}, 'status', ss.kod, 'fundingType', s.forma_oplaty,
              'group', json_build_object('name', g.name, 'programme', json_build_object('code', sp.shifr, 'name', sp.name_ky, 'faculty', json_build_object('name', f.name_ky))),
              'gpa', (select gpa from overall),
              'semesters', coalesce((select json_agg(json_build_object('academicYear', x.uch_god, 'semester', x.semestr, 'gpa', x.gpa, 'credits', x.credits) order by x.uch_god, x.semestr) from semesters x), '[]'),
              'attendanceSummary', (select json_build_object('lessons', a.lessons, 'present', a.present, 'absent', a.absent, 'attendanceRate', ${attendanceRate}) from attendance a),
              'orders', coalesce((select json_agg(json_build_object('number', p.nomer, 'date', p.data, 'type', t.kod, 'status', p.status) order by p.data desc, p.prikaz_id desc)
                                    from prikaz_student ps join prikaz p on p.prikaz_id = ps.prikaz_id join prikaz_tip t on t.tip_id = p.tip_id
                                   where ps.stud_id = s.stud_id), '[]'),
              'tuitionBalance', coalesce((select sum(x.paid - (k.summa - k.skidka))::float8 from kontrakt k
                                            cross join lateral (select coalesce(sum(case when o.vid = 'vozvrat' then -abs(o.summa) else o.summa end), 0) as paid
                                                                  from oplata o where o.kontr_id = k.kontr_id) x
                                           where k.stud_id = s.stud_id), 0)) as body
       from st join students s on s.stud_id = st.stud_id
       join student_status ss on ss.status_id = s.status_id
       join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id join fakultet f on f.fak_id = sp.fak_id`,
    [studentNumber],
  );
  if (!card) return 'null';
  const [records, scans, requests] = await Promise.all([
    query<{ records: unknown }>(
      'hub',
      `select coalesce(json_agg(json_build_object('source', o.source, 'localKey', o.local_key, 'method', o.method) order by o.source, o.local_key), '[]') as records
         from identity_link a join identity_link o on o.person_id = a.person_id
        where a.source = 'avn.student' and a.local_key = $1`,
      [String(card.stud_id)],
    ),
    query<{ scans: unknown }>(
      'qrvisit',
      `select coalesce(json_agg(json_build_object('scannedAt', x.scanned_at, 'result', x.result) order by x.scanned_at desc, x.id desc), '[]') as scans
         from (select id, scanned_at, result from scan where student_book = $1 order by scanned_at desc, id desc limit 3) x`,
      [studentNumber],
    ),
    query<{ requests: unknown }>(
      'registrar',
      `select coalesce(json_agg(json_build_object('number', x.request_no, 'status', x.status, 'type', json_build_object('name', x.type_name))
                                order by x.submitted_at desc, x.request_id desc), '[]') as requests
         from (select r.request_id, r.request_no, r.status, r.submitted_at, t.name_ky as type_name
                 from service_requests r join request_types t on t.code = r.type_code
                where r.applicant_student_no = $1 or r.applicant_pin = $2
                order by r.submitted_at desc, r.request_id desc limit 3) x`,
      [studentNumber, card.pin],
    ),
  ]);
  const linked = (records[0]?.records ?? []) as { source: string; localKey: string }[];
  const pairs = (source: string) => linked.filter((r) => r.source === source).map((r) => [card.stud_id, Number(r.localKey)] as [number, number]);
  const [library, placed] = await Promise.all([currentLoans(query, pairs('library.borrower'), 3), placements(query, pairs('dormitory.resident'))]);
  const reader = library.get(card.stud_id) as { loans: unknown; debt: number } | undefined;
  return JSON.stringify({
    ...card.body,
    qrScans: scans[0]?.scans ?? [],
    libraryDebt: reader?.debt ?? 0,
    loans: reader?.loans ?? [],
    dormitoryPlacement: placed.get(card.stud_id) ?? null,
    serviceRequests: requests[0]?.requests ?? [],
    person: { records: linked },
  });
};

const facultyDashboard: FloorHandler = async (query, { facultyKey }) => {
  const [row] = await query<{ body: string }>(
    'avn',
    `with fs as (
       select s.stud_id, s.fam, s.imya, s.otch, s.zachetka, s.status_id, s.forma_oplaty, g.name as group_name
         from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id
        where sp.fak_id = $1),
     debts as (
       select k.stud_id, sum(k.summa - k.skidka) - sum(x.paid) as debt
         from kontrakt k join fs on fs.stud_id = k.stud_id
        cross join lateral (select coalesce(sum(case when o.vid = 'vozvrat' then -abs(o.summa) else o.summa end), 0) as paid
                              from oplata o where o.kontr_id = k.kontr_id) x
        group by k.stud_id)
     select json_build_object(
       'faculty', json_build_object(
         'name', f.name_ky,
         'dean', (select json_build_object('fullName', ${FULL_NAME('e')}) from sotrudnik e where e.emp_id = f.dekan_emp_id),
         'chairs', coalesce((select json_agg(json_build_object('name', k.name_ky) order by k.name_ky) from kafedra k where k.fak_id = f.fak_id), '[]'),
         'programmes', coalesce((
           select json_agg(json_build_object('code', sp.shifr, 'name', sp.name_ky, 'groups', coalesce((
                    select json_agg(json_build_object('name', g.name, 'yearOfStudy', g.kurs,
                                      'studying', (select count(*) from students s where s.grp_id = g.grp_id and s.status_id = 1)) order by g.kurs, g.name)
                      from gruppa g where g.spec_id = sp.spec_id), '[]')) order by sp.shifr)
             from specialnost sp where sp.fak_id = f.fak_id), '[]')),
       'studying', (select count(*) from fs where status_id = 1),
       'onLeave', (select count(*) from fs where status_id = 2),
       'contract', (select count(*) from fs where status_id = 1 and forma_oplaty = 'K'),
       'debtors', json_build_object(
         'totalCount', (select count(*) from debts where debt > 0),
         'nodes', coalesce((select json_agg(json_build_object('debt', d.debt::float8, 'student', json_build_object(
                                               'studentNumber', fs.zachetka, 'fullName', ${FULL_NAME('fs')}, 'group', json_build_object('name', fs.group_name)))
                                             order by d.debt desc, d.stud_id)
                              from (select * from debts where debt > 0 order by debt desc, stud_id limit 10) d join fs on fs.stud_id = d.stud_id), '[]')),
       'orders', json_build_object(
         'totalCount', (select count(*) from prikaz p where p.fak_id = f.fak_id),
         'nodes', coalesce((select json_agg(json_build_object('number', x.nomer, 'date', x.data, 'type', x.kod, 'status', x.status) order by x.data desc, x.prikaz_id desc)
                              from (select p.prikaz_id, p.nomer, p.data, t.kod, p.status from prikaz p join prikaz_tip t on t.tip_id = p.tip_id
                                     where p.fak_id = f.fak_id order by p.data desc, p.prikaz_id desc limit 5) x), '[]'))
     )::text as body
       from fakultet f where f.fak_id = $1`,
    [facultyKey],
  );
  return row?.body ?? 'null';
};

export const FLOOR_HANDLERS: Readonly<Record<OperationName, FloorHandler>> = { studyCard, groupPage, facultyDashboard, avnGroupGrades };
