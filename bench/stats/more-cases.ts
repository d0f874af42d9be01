/**
 * The cases of `npm run bench:stats` besides grade statistics: every other statistic of issue 12
 * and the achievement report, each as a grouping an analyst would ask for, with a hand-written SQL
 * floor for the same numbers (see bench/stats/cases.ts for the shape of a floor's rows).
 *
 * AVN statistics: one statement on AVN, written from the measures' definitions in the schema (plain
 * joins and sums, not the source's statement). Cross-source statistics (library, dormitory,
 * Single Window): the floor is the hand-written statement per source — AVN's students with their
 * faculty, programme, status and number; the hub's identity_link (each record's person and that
 * person's latest AVN student, as the registry defines it); the other source's figures per record —
 * run at the same time, plus the minimal join in the bench (record → person → student → cell) and
 * the grouping, distinct people counted per group and in the total. It is the least work anything
 * answering the same question across the separate databases must do.
 */
import type { DatabaseName } from '../../src/config';
import { academicTermOn } from '../../src/domain/academic-term';
import { fromGlobalId } from '../../src/domain/global-id';
import type { FloorContext, StatCase } from './cases';

const keyOfId = (node: { id: string } | null | undefined): number | null => (node ? Number(fromGlobalId(node.id).key) : null);

/** AVN's fixed student_status ids (rows 1–4 of its schema) by the hub's enum. */
const STATUS_ID: Record<string, number> = { STUDYING: 1, ACADEMIC_LEAVE: 2, EXPELLED: 3, GRADUATED: 4 };
const statusId = (status: string | null | undefined): number | null => (status == null ? null : STATUS_ID[status] ?? -1);

/** `select … group by grouping sets ((keys), ())` with `_k0…` and `_total`. */
const keyed = (keys: string[]) => keys.map((k, i) => `${k} as _k${i}`).join(', ');
const totalFlag = (keys: string[]) => `grouping(${keys.join(', ')}) > 0 as _total`;
const groupingSets = (keys: string[]) => `group by grouping sets ((${keys.join(', ')}), ())`;

// ── Attendance ─────────────────────────────────────────────────────────────────────────────────

const ATTENDANCE_MEASURES = ['lessons', 'marks', 'present', 'late', 'absent', 'excused', 'attendanceRate'] as const;

/** Marks of the journal by faculty (the lesson's group's programme) and ISO week (its Monday). */
function attendanceFloor(): string {
  const keys = ['sp.fak_id', `(z.data - (extract(isodow from z.data)::int - 1))::text`];
  return `select ${keyed(keys)}, ${totalFlag(keys)},
      count(distinct o.stud_id)::int as people, count(distinct o.zan_id)::int as lessons, count(*)::int as marks,
      count(*) filter (where o.prisutstvie = 'P')::int as present, count(*) filter (where o.prisutstvie = 'O')::int as late,
      count(*) filter (where o.prisutstvie = 'N')::int as absent, count(*) filter (where o.prisutstvie = 'U')::int as excused,
      round(count(*) filter (where o.prisutstvie in ('P', 'O'))::numeric / nullif(count(*), 0), 4) as "attendanceRate"
    from jurnal_otmetka o join jurnal_zanyatie z on z.zan_id = o.zan_id
    join gruppa g on g.grp_id = z.grp_id join specialnost sp on sp.spec_id = g.spec_id
    ${groupingSets(keys)}`;
}

// ── Staff ──────────────────────────────────────────────────────────────────────────────────────

const STAFF_MEASURES = ['rates', 'filledRates', 'vacantRates', 'loadHours', 'lectureHours', 'practiceHours', 'labHours', 'hoursPerFilledRate'] as const;

/**
 * By chair, the current academic year's load: the chair's staffing lines (shtat, rates), the
 * assignments current on the business date (filled rates, the chair's employees), the load hours
 * (nagruzka of the year) of those employees — a teacher of two chairs counted in each, once in the
 * total. Lines outside any chair form the group without a chair.
 */
function staffFloor(ctx: FloorContext): string {
  return `with cur as (
      select sd.emp_id, sd.stavka, sh.kaf_id from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id
       where sd.data_nach <= $1::date and (sd.data_kon is null or sd.data_kon >= $1::date)
    ), hrs as (
      select emp_id, sum(chasy) as h, sum(chasy) filter (where vid = 'lek') as lek, sum(chasy) filter (where vid = 'prak') as prak,
             sum(chasy) filter (where vid = 'lab') as lab
        from nagruzka where uch_god = '${academicTermOn(ctx.date).academicYear}' group by emp_id
    ), lines as (select kaf_id, sum(stavok) as rates from shtat group by kaf_id),
    filled as (select kaf_id, sum(stavka) as filled from cur group by kaf_id),
    members as (select distinct kaf_id, emp_id from cur),
    per_chair as (
      select m.kaf_id, count(*)::int as people, coalesce(sum(h.h), 0) as h, coalesce(sum(h.lek), 0) as lek,
             coalesce(sum(h.prak), 0) as prak, coalesce(sum(h.lab), 0) as lab
        from members m left join hrs h on h.emp_id = m.emp_id group by m.kaf_id
    ), everyone as (
      select count(*)::int as people, coalesce(sum(h.h), 0) as h, coalesce(sum(h.lek), 0) as lek, coalesce(sum(h.prak), 0) as prak, coalesce(sum(h.lab), 0) as lab
        from (select distinct emp_id from cur) m left join hrs h on h.emp_id = m.emp_id
    ), units as (
      select u.kaf_id, false as _total, coalesce(p.people, 0) as people, coalesce(l.rates, 0) as rates,
             coalesce(f.filled, 0) as filled, coalesce(p.h, 0) as h, coalesce(p.lek, 0) as lek, coalesce(p.prak, 0) as prak, coalesce(p.lab, 0) as lab
        from (select kaf_id from lines union select kaf_id from filled union select kaf_id from per_chair) u
        left join lines l on l.kaf_id is not distinct from u.kaf_id left join filled f on f.kaf_id is not distinct from u.kaf_id
        left join per_chair p on p.kaf_id is not distinct from u.kaf_id
      union all
      select null, true, e.people, (select coalesce(sum(stavok), 0) from shtat), (select coalesce(sum(stavka), 0) from cur), e.h, e.lek, e.prak, e.lab from everyone e
    )
    select kaf_id as _k0, _total, people, rates, filled as "filledRates", rates - filled as "vacantRates", h as "loadHours",
           lek as "lectureHours", prak as "practiceHours", lab as "labHours", round(h / nullif(filled, 0), 2) as "hoursPerFilledRate"
      from units`;
}

// ── Students by status ─────────────────────────────────────────────────────────────────────────

const STUDENT_MEASURES = ['students', 'studying', 'academicLeave', 'expelled', 'graduated'] as const;

function studentFloor(): string {
  const keys = ['sp.fak_id', 's.status_id'];
  return `select ${keyed(keys)}, ${totalFlag(keys)}, count(*)::int as people, count(*)::int as students,
      count(*) filter (where s.status_id = 1)::int as studying, count(*) filter (where s.status_id = 2)::int as "academicLeave",
      count(*) filter (where s.status_id = 3)::int as expelled, count(*) filter (where s.status_id = 4)::int as graduated
    from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id
    ${groupingSets(keys)}`;
}

// ── Tuition ────────────────────────────────────────────────────────────────────────────────────

const TUITION_MEASURES = ['contracts', 'charged', 'paid', 'debt', 'debtors', 'debtorsDebt'] as const;
const TUITION_AS_OF = '2026-06-30';

/**
 * By faculty (the student's group's programme) and contract year, as of a day: the contracts dated
 * by then (charged = sum − discount), their payments dated by then (refunds negative), a debtor a
 * student whose contracts of the cell leave a debt; in the total, a student's debt over all years.
 */
function tuitionFloor(): string {
  return `with moves as (
      select o.kontr_id, sum(case when o.vid = 'vozvrat' then -abs(o.summa) else o.summa end) as paid
        from oplata o where o.data <= $1::date group by o.kontr_id
    ), c as (
      select k.stud_id, k.uch_god, sp.fak_id, k.summa - k.skidka as due, coalesce(m.paid, 0) as paid
        from kontrakt k left join moves m on m.kontr_id = k.kontr_id
        join students s on s.stud_id = k.stud_id join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id
       where k.data <= $1::date
    ), per_student as materialized (
      select fak_id, uch_god, stud_id, count(*) as n, sum(due) as due, sum(paid) as paid, grouping(fak_id, uch_god) > 0 as _total
        from c group by grouping sets ((fak_id, uch_god, stud_id), (stud_id))
    )
    select fak_id as _k0, uch_god as _k1, _total, count(*)::int as people, sum(n)::int as contracts, sum(due) as charged, sum(paid) as paid,
           sum(due) - sum(paid) as debt, count(*) filter (where due - paid > 0)::int as debtors,
           coalesce(sum(due - paid) filter (where due - paid > 0), 0) as "debtorsDebt"
      from per_student group by fak_id, uch_god, _total`;
}

// ── Admissions ─────────────────────────────────────────────────────────────────────────────────

const ADMISSION_MEASURES = ['applicants', 'enrolled', 'enrolmentRate', 'scored', 'averageScore'] as const;

function admissionFloor(): string {
  const keys = ['a.spec_id', 'extract(year from a.data_podachi)::int'];
  return `select ${keyed(keys)}, ${totalFlag(keys)},
      count(distinct coalesce(nullif(trim(a.pin), ''), a.abit_id::text))::int as people, count(*)::int as applicants,
      count(*) filter (where a.status = 'zachislen')::int as enrolled,
      round(count(*) filter (where a.status = 'zachislen')::numeric / count(*), 4) as "enrolmentRate",
      count(a.ort_ball)::int as scored, round(avg(a.ort_ball), 2) as "averageScore"
    from abiturient a ${groupingSets(keys)}`;
}

// ── Achievement report ─────────────────────────────────────────────────────────────────────────

const REPORT_MEASURES = [
  'students', 'studying', 'academicLeave', 'expelled', 'graduated', 'graded', 'results', 'averageTotal', 'averagePoints',
  'excellent', 'good', 'satisfactory', 'failing', 'passRate', 'academicDebtors', 'tuitionDebtors', 'attendanceMarks', 'attendanceRate',
] as const;
const REPORT_TERM = { academicYear: '2025-2026', term: 'AUTUMN', from: '2025-09-01', to: '2026-01-31' };

/**
 * The term report per faculty: the faculty's students (their own group) by status; per student the
 * counted results of the term (the latest sheet of a curriculum item and term with a total), the
 * points by the highest lower bound of shkala; the journal's marks in the term's days; tuition debt
 * on the term's last day.
 */
function reportFloor(): string {
  return `with attempts as (
      select stud_id, total from (
        select vs.stud_id, vs.total,
               row_number() over (partition by vs.stud_id, v.str_id, v.semestr order by v.data_otkr desc, v.ved_id desc) as latest
          from vedomost_str vs join vedomost v on v.ved_id = vs.ved_id
         where vs.total is not null and v.uch_god = $1 and mod(v.semestr, 2) = 1) r
       where latest = 1
    ), sc as (select min_ball, ball, lead(min_ball) over (order by min_ball) as next from shkala),
    per_student as (
      select a.stud_id, count(*) as n, sum(a.total) as total_sum, sum(sc.ball) as ball_sum, avg(sc.ball) as avg_ball, bool_or(sc.ball = 0) as failed
        from attempts a left join sc on a.total >= sc.min_ball and (sc.next is null or a.total < sc.next) group by a.stud_id
    ), marks as (
      select o.stud_id, count(*) as n, count(*) filter (where o.prisutstvie in ('P', 'O')) as attended
        from jurnal_otmetka o join jurnal_zanyatie z on z.zan_id = o.zan_id where z.data between $2::date and $3::date group by o.stud_id
    ), paid as (
      select o.kontr_id, sum(case when o.vid = 'vozvrat' then -abs(o.summa) else o.summa end) as paid from oplata o where o.data <= $3::date group by o.kontr_id
    ), debts as (
      select k.stud_id, sum(k.summa - k.skidka - coalesce(p.paid, 0)) as debt from kontrakt k left join paid p on p.kontr_id = k.kontr_id
       where k.data <= $3::date group by k.stud_id
    )
    select sp.fak_id as _k0, grouping(sp.fak_id) > 0 as _total, count(*)::int as people, count(*)::int as students,
           count(*) filter (where s.status_id = 1)::int as studying, count(*) filter (where s.status_id = 2)::int as "academicLeave",
           count(*) filter (where s.status_id = 3)::int as expelled, count(*) filter (where s.status_id = 4)::int as graduated,
           count(ps.stud_id)::int as graded, coalesce(sum(ps.n), 0)::int as results,
           round(sum(ps.total_sum) / nullif(sum(ps.n), 0), 2) as "averageTotal", round(sum(ps.ball_sum) / nullif(sum(ps.n), 0), 2) as "averagePoints",
           count(*) filter (where not ps.failed and ps.avg_ball = 4)::int as excellent,
           count(*) filter (where not ps.failed and ps.avg_ball >= 3 and ps.avg_ball < 4)::int as good,
           count(*) filter (where not ps.failed and ps.avg_ball < 3)::int as satisfactory,
           count(*) filter (where ps.failed)::int as failing,
           round(count(*) filter (where not ps.failed)::numeric / nullif(count(ps.stud_id), 0), 4) as "passRate",
           count(*) filter (where ps.failed)::int as "academicDebtors",
           count(*) filter (where d.debt > 0)::int as "tuitionDebtors",
           coalesce(sum(m.n), 0)::int as "attendanceMarks", round(sum(m.attended)::numeric / nullif(sum(m.n), 0), 4) as "attendanceRate"
      from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id
      left join per_student ps on ps.stud_id = s.stud_id left join marks m on m.stud_id = s.stud_id left join debts d on d.stud_id = s.stud_id
     group by grouping sets ((sp.fak_id), ())`;
}

// ── Cross-source: AVN's students, the registry's links, the join in the bench ────────────────

interface AvnStudent { stud_id: number; zachetka: string | null; fak: number; spec: number; status_id: number }

const AVN_STUDENTS = `select s.stud_id, s.zachetka, sp.fak_id as fak, g.spec_id as spec, s.status_id
  from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id`;

/** A source's records with their person and that person's latest AVN student (only records of a person with a student). */
const RECORD_LINKS = `with latest as (select person_id, max(local_key::bigint) as stud from identity_link
                      where source = 'avn.student' and local_key ~ '^[0-9]+$' group by person_id)
  select r.local_key as k, r.person_id::text as person, latest.stud::int as stud
    from identity_link r join latest on latest.person_id = r.person_id where r.source = $1`;

interface Group { key: unknown[]; people: Set<string>; sums: Record<string, number>; extra: Record<string, Set<string>> }

/** Groups rows by key (and the total), people counted distinct, sums added, `distinct` measures counted as distinct values. */
function grouped<R>(
  rows: Iterable<R>,
  keyOf: (r: R) => unknown[] | null,
  personOf: (r: R) => string,
  sums: Record<string, (r: R) => number>,
  distinct: Record<string, (r: R) => string | null> = {},
): { groups: Map<string, Group & { rows: R[] }>; total: Group & { rows: R[] } } {
  const fresh = (key: unknown[]) => ({
    key, people: new Set<string>(), rows: [] as R[],
    sums: Object.fromEntries(Object.keys(sums).map((m) => [m, 0])), extra: Object.fromEntries(Object.keys(distinct).map((m) => [m, new Set<string>()])),
  });
  const groups = new Map<string, Group & { rows: R[] }>();
  const total = fresh([]);
  const add = (g: Group & { rows: R[] }, r: R, person: string) => {
    g.people.add(person);
    g.rows.push(r);
    for (const [m, f] of Object.entries(sums)) g.sums[m] += f(r);
    for (const [m, f] of Object.entries(distinct)) {
      const v = f(r);
      if (v !== null) g.extra[m].add(v);
    }
  };
  for (const r of rows) {
    const key = keyOf(r);
    if (key === null) continue;
    const person = personOf(r);
    const id = JSON.stringify(key);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = fresh(key)));
    add(g, r, person);
    add(total, r, person);
  }
  return { groups, total };
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));
const keyColumns = (key: unknown[]) => Object.fromEntries(key.map((k, i) => [`_k${i}`, k]));

async function crossSourceBase(ctx: FloorContext, recordSource: string | null) {
  const [avn, links] = await Promise.all([
    ctx.query<AvnStudent>('avn', AVN_STUDENTS),
    recordSource ? ctx.query<{ k: string; person: string; stud: number }>('hub', RECORD_LINKS, [recordSource])
      : ctx.query<{ k: string; person: string; stud: number }>('hub', `select local_key as k, person_id::text as person, local_key::int as stud from identity_link where source = 'avn.student' and local_key ~ '^[0-9]+$'`),
  ]);
  const students = new Map(avn.map((s) => [s.stud_id, s]));
  return { students, links: new Map(links.map((l) => [l.k, l])) };
}

// Library: per card, its loans (issues + old_issues), open, overdue (due before the business instant in the library's local time), debt (fines).
const LIBRARY_CARDS = `with i as (select borrowernumber, count(*)::int as open, count(*) filter (where date_due < ($1::timestamptz at time zone $2))::int as overdue
               from issues group by borrowernumber),
  o as (select borrowernumber, count(*)::int as n from old_issues group by borrowernumber),
  a as (select borrowernumber, sum(amountoutstanding) as debt from accountlines where debit_type_code is not null group by borrowernumber)
  select b.borrowernumber::text as card, coalesce(i.open, 0) + coalesce(o.n, 0) as loans, coalesce(i.open, 0) as open, coalesce(i.overdue, 0) as overdue,
         coalesce(a.debt, 0)::float8 as debt
    from borrowers b left join i using (borrowernumber) left join o using (borrowernumber) left join a using (borrowernumber)`;

async function libraryFloor(ctx: FloorContext): Promise<Record<string, any>[]> {
  const [{ students, links }, cards] = await Promise.all([
    crossSourceBase(ctx, 'library.borrower'),
    ctx.query<{ card: string; loans: number; open: number; overdue: number; debt: number }>('library', LIBRARY_CARDS, [ctx.now, ctx.timeZone]),
  ]);
  const { groups, total } = grouped(
    cards,
    (c) => {
      const s = students.get(links.get(c.card)?.stud ?? -1);
      return [s?.fak ?? null, s?.status_id ?? null];
    },
    (c) => links.get(c.card)?.person ?? `card:${c.card}`,
    { loans: (c) => c.loans, openLoans: (c) => c.open, overdueLoans: (c) => c.overdue, debt: (c) => c.debt },
    { debtors: (c) => (c.debt > 0 ? links.get(c.card)?.person ?? `card:${c.card}` : null) },
  );
  const row = (g: Group, isTotal: boolean) => ({
    ...keyColumns(isTotal ? [null, null] : g.key), _total: isTotal, people: g.people.size,
    loans: g.sums.loans, openLoans: g.sums.openLoans, overdueLoans: g.sums.overdueLoans, debt: round(g.sums.debt, 2), debtors: g.extra.debtors.size,
  });
  return [...[...groups.values()].map((g) => row(g, false)), row(total, true)];
}

// Dormitory: per placement, its bed, building, whether active, debt (months charged up to the business date, July and August free for students, minus payments; not below 0).
const DORMITORY_PLACEMENTS = `with paid as (select placement_id, sum(amount) as paid from payments group by placement_id)
  select p.resident_id::text as resident, p.bed_id, p.status = 'active' as active, r.building_id,
         greatest((select count(*) from generate_series(date_trunc('month', p.start_date), date_trunc('month', least(coalesce(p.end_date, $1::date), $1::date)), interval '1 month') m
                    where not (rs.resident_type = 'student' and extract(month from m) in (7, 8))) * p.monthly_fee - coalesce(y.paid, 0), 0)::float8 as debt
    from placements p join residents rs on rs.resident_id = p.resident_id join beds b on b.bed_id = p.bed_id join rooms r on r.room_id = b.room_id
    left join paid y on y.placement_id = p.placement_id`;

async function dormitoryFloor(ctx: FloorContext): Promise<Record<string, any>[]> {
  const [{ links }, placements, beds] = await Promise.all([
    crossSourceBase(ctx, 'dormitory.resident'),
    ctx.query<{ resident: string; bed_id: number; active: boolean; building_id: number; debt: number }>('dormitory', DORMITORY_PLACEMENTS, [ctx.date]),
    ctx.query<{ building_id: number; n: number }>('dormitory', 'select r.building_id, count(*)::int as n from beds b join rooms r on r.room_id = b.room_id group by 1'),
  ]);
  const bedsOf = new Map(beds.map((b) => [b.building_id, b.n]));
  const allBeds = beds.reduce((n, b) => n + b.n, 0);
  const personOf = (p: { resident: string }) => links.get(p.resident)?.person ?? `resident:${p.resident}`;
  const { groups, total } = grouped(placements, (p) => [p.building_id], personOf, { debt: (p) => p.debt }, {
    residents: (p) => (p.active ? personOf(p) : null),
    occupiedBeds: (p) => (p.active ? String(p.bed_id) : null),
    debtors: (p) => (p.debt > 0 ? personOf(p) : null),
  });
  const row = (g: Group, isTotal: boolean) => {
    const n = isTotal ? allBeds : bedsOf.get(g.key[0] as number) ?? 0;
    const occupied = g.extra.occupiedBeds.size;
    return {
      ...keyColumns(isTotal ? [null] : g.key), _total: isTotal, people: g.people.size, residents: g.extra.residents.size, occupiedBeds: occupied,
      beds: n, occupancy: n ? round(occupied / n, 4) : null, debt: round(g.sums.debt, 2), debtors: g.extra.debtors.size,
    };
  };
  return [...[...groups.values()].map((g) => row(g, false)), row(total, true)];
}

// Single Window: per request, its type, applicant's student number and PIN, days to the first READY or ISSUED, overdue at the business instant.
const REGISTRAR_REQUESTS = `with done as (select request_id, min(changed_at) as at from request_status_history where status in ('ready', 'issued') group by request_id)
  select sr.request_id, sr.type_code, sr.applicant_student_no as number, nullif(trim(sr.applicant_pin), '') as pin,
         (extract(epoch from d.at - sr.submitted_at) / 86400)::float8 as days,
         sr.status in ('submitted', 'in_progress') and sr.submitted_at + rt.sla_days * interval '1 day' < $1::timestamptz as overdue
    from service_requests sr join request_types rt on rt.code = sr.type_code left join done d on d.request_id = sr.request_id`;

function median(values: number[]): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = (v.length - 1) / 2;
  return (v[Math.floor(mid)] + v[Math.ceil(mid)]) / 2;
}

async function requestFloor(ctx: FloorContext): Promise<Record<string, any>[]> {
  const [{ students, links }, requests] = await Promise.all([
    crossSourceBase(ctx, null),
    ctx.query<{ request_id: number; type_code: string; number: string | null; pin: string | null; days: number | null; overdue: boolean }>('registrar', REGISTRAR_REQUESTS, [ctx.now]),
  ]);
  // The applicant's student by the number typed in (AVN's zachetka), its person from the registry.
  const byNumber = new Map<string, AvnStudent>();
  for (const s of students.values()) if (s.zachetka != null) byNumber.set(s.zachetka, s);
  const studentOf = (r: { number: string | null }) => (r.number != null ? byNumber.get(r.number) : undefined);
  const { groups, total } = grouped(
    requests,
    (r) => [studentOf(r)?.fak ?? null, r.type_code],
    (r) => {
      const s = studentOf(r);
      if (s) return links.get(String(s.stud_id))?.person ?? `student:${s.stud_id}`;
      return r.pin ? `pin:${r.pin}` : r.number?.trim() ? `number:${r.number.trim()}` : `request:${r.request_id}`;
    },
    { requests: () => 1, completed: (r) => (r.days !== null ? 1 : 0), overdue: (r) => (r.overdue ? 1 : 0) },
  );
  const row = (g: Group & { rows: { days: number | null }[] }, isTotal: boolean) => {
    const m = median(g.rows.filter((r) => r.days !== null).map((r) => r.days!));
    return {
      ...keyColumns(isTotal ? [null, null] : g.key), _total: isTotal, people: g.people.size, requests: g.sums.requests, completed: g.sums.completed,
      medianDaysToComplete: m === null ? null : round(m, 2), overdue: g.sums.overdue,
    };
  };
  return [...[...groups.values()].map((g) => row(g, false)), row(total, true)];
}

const cross = (databases: DatabaseName[], run: (ctx: FloorContext) => Promise<Record<string, any>[]>) => ({ databases, run });

export function moreCases(): StatCase[] {
  return [
    {
      name: 'attendance-faculty-week-analyst',
      viewer: 'analyst',
      statistic: 'attendanceStatistics',
      args: 'groupBy: [FACULTY, WEEK]',
      groupSelection: 'faculty { id } week',
      measures: ATTENDANCE_MEASURES,
      keyOf: (g) => [keyOfId(g.faculty), g.week ?? null],
      floor: { database: 'avn', sql: attendanceFloor() },
    },
    {
      name: 'staff-chair-admin',
      viewer: 'admin',
      statistic: 'staffStatistics',
      args: 'groupBy: [CHAIR]',
      groupSelection: 'chair { id }',
      measures: STAFF_MEASURES,
      keyOf: (g) => [keyOfId(g.chair)],
      floor: { database: 'avn', sql: staffFloor, params: (ctx) => [ctx.date] },
    },
    {
      name: 'students-faculty-status-analyst',
      viewer: 'analyst',
      statistic: 'studentStatistics',
      args: 'groupBy: [FACULTY, STUDENT_STATUS]',
      groupSelection: 'faculty { id } studentStatus',
      measures: STUDENT_MEASURES,
      keyOf: (g) => [keyOfId(g.faculty), statusId(g.studentStatus)],
      floor: { database: 'avn', sql: studentFloor() },
    },
    {
      name: 'tuition-faculty-year-asof-analyst',
      viewer: 'analyst',
      statistic: 'tuitionStatistics',
      args: `groupBy: [FACULTY, ACADEMIC_YEAR], asOf: "${TUITION_AS_OF}"`,
      groupSelection: 'faculty { id } academicYear',
      measures: TUITION_MEASURES,
      keyOf: (g) => [keyOfId(g.faculty), g.academicYear ?? null],
      floor: { database: 'avn', sql: tuitionFloor(), params: [TUITION_AS_OF] },
    },
    {
      name: 'admissions-programme-year-analyst',
      viewer: 'analyst',
      statistic: 'admissionStatistics',
      args: 'groupBy: [PROGRAMME, INTAKE_YEAR]',
      groupSelection: 'programme { id } intakeYear',
      measures: ADMISSION_MEASURES,
      keyOf: (g) => [keyOfId(g.programme), g.intakeYear ?? null],
      floor: { database: 'avn', sql: admissionFloor() },
    },
    {
      name: 'library-faculty-status-analyst',
      viewer: 'analyst',
      statistic: 'libraryStatistics',
      args: 'groupBy: [FACULTY, STUDENT_STATUS]',
      groupSelection: 'faculty { id } studentStatus',
      measures: ['loans', 'openLoans', 'overdueLoans', 'debt', 'debtors'],
      keyOf: (g) => [keyOfId(g.faculty), statusId(g.studentStatus)],
      floor: cross(['avn', 'hub', 'library'], libraryFloor),
      tolerance: { debt: 0.005 },
    },
    {
      name: 'dormitory-building-analyst',
      viewer: 'analyst',
      statistic: 'dormitoryStatistics',
      args: 'groupBy: [BUILDING]',
      groupSelection: 'building { id }',
      measures: ['residents', 'occupiedBeds', 'beds', 'occupancy', 'debt', 'debtors'],
      keyOf: (g) => [keyOfId(g.building)],
      floor: cross(['avn', 'hub', 'dormitory'], dormitoryFloor),
      tolerance: { debt: 0.005 },
    },
    {
      name: 'requests-faculty-type-analyst',
      viewer: 'analyst',
      statistic: 'serviceRequestStatistics',
      args: 'groupBy: [FACULTY, REQUEST_TYPE]',
      groupSelection: 'faculty { id } requestType',
      measures: ['requests', 'completed', 'medianDaysToComplete', 'overdue'],
      keyOf: (g) => [keyOfId(g.faculty), g.requestType ?? null],
      floor: cross(['avn', 'hub', 'registrar'], requestFloor),
      // The hub rounds percentile_cont in numeric, the floor the float median: they may differ in the last digit.
      tolerance: { medianDaysToComplete: 0.011 },
    },
    {
      name: 'report-faculty-analyst',
      viewer: 'analyst',
      statistic: 'achievementReport',
      args: `level: FACULTY, academicYear: "${REPORT_TERM.academicYear}", term: ${REPORT_TERM.term}, asOf: "${REPORT_TERM.to}"`,
      groupSelection: 'faculty { id }',
      measures: REPORT_MEASURES,
      keyOf: (g) => [keyOfId(g.faculty)],
      floor: { database: 'avn', sql: reportFloor(), params: [REPORT_TERM.academicYear, REPORT_TERM.from, REPORT_TERM.to] },
    },
  ];
}
