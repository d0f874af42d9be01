/**
 * AVN → staff: how sotrudnik (AVN 4), doljnost / shtat / sotrudnik_doljnost (AVN 7) and nagruzka
 * (AVN 6) rows become the hub's Employee, StaffingPosition, EmployeePosition and TeachingLoadItem,
 * the lists of employees and of the staffing table (by the hub's filters, within the viewer's
 * reach) and the loaders that read them in batches.
 */
import { argsKey, businessToday, type SourceContext } from '../../db/read-context';
import { byKeyLoader, manyByKeyLoader, manyByKeyWithArgs } from '../../db/loaders';
import { loadList } from '../../db/list-loaders';
import type { ConnectionShape, Page, SortColumn } from '../../db/pages';
import { likeEscape, type Params } from '../../db/sql';
import { toGlobalId } from '../../domain/global-id';
import type { Reach } from '../../domain/reach';
import {
  PositionCategory, StaffUnitKind, type ChairStaffingRecord, type ChairTeachingLoadRecord, type EmployeeFilter, type EmployeePositionRecord, type EmployeeRecord, type EmployeeSort,
  type EmployeeSortField, type LoadTerm, type StaffingPositionFilter, type StaffingPositionRecord, type StaffingPositionSort,
  type StaffingPositionSortField, type TeachingLoadItemRecord,
} from '../../domain/staff';
import { AcademicTerm, LessonKind } from '../../domain/curriculum';
import { termOfSemester } from '../../domain/academic-term';
import { GRUPPA_COLUMNS, KAFEDRA_COLUMNS, toChair, toGroup } from './avn.organisation';
import { employeeScope, staffingScope } from './avn.scopes';

const avn = (context: SourceContext) => context.db.avn;

// ---- employees (sotrudnik) ----

export interface SotrudnikRow {
  emp_id: number; tabel_nomer: string; fam: string; imya: string; otch: string | null; pin: string | null; data_rojd: string;
  tel: string | null; email: string | null; adres: string | null; passport: string | null; uch_stepen: string | null; uch_zvanie: string | null;
  is_pps: boolean; is_active: boolean; foto_url: string | null;
}

const SOTRUDNIK_COLUMNS =
  'e.emp_id, e.tabel_nomer, e.fam, e.imya, e.otch, e.pin, e.data_rojd, e.tel, e.email, e.adres, e.passport, e.uch_stepen, e.uch_zvanie, e.is_pps, e.is_active, e.foto_url';

export function toEmployee(r: SotrudnikRow): EmployeeRecord {
  const pin = r.pin?.trim() || null;
  return {
    __typename: 'Employee', id: toGlobalId('Employee', r.emp_id), key: r.emp_id, pinInternal: pin,
    personnelNumber: r.tabel_nomer, fullName: [r.fam, r.imya, r.otch].filter(Boolean).join(' '),
    surname: r.fam, givenName: r.imya, patronymic: r.otch || null,
    academicDegree: r.uch_stepen || null, academicTitle: r.uch_zvanie || null,
    isTeachingStaff: r.is_pps, isActive: r.is_active,
    pin, birthDate: r.data_rojd, phone: r.tel, email: r.email, address: r.adres, passport: r.passport, photoUrl: r.foto_url,
  };
}

/** Employees by emp_id. Other modules rely on this name. */
export const employeeById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.employeeById', avn, `select ${SOTRUDNIK_COLUMNS}, e.emp_id as _key from sotrudnik e where e.emp_id = any($1::int[])`, toEmployee);

/** Employees by personnel number (tabel_nomer), the key QR-visit stores for teachers. */
export const employeeByPersonnelNumber = (c: SourceContext) =>
  byKeyLoader(c, 'avn.employeeByPersonnelNumber', avn, `select ${SOTRUDNIK_COLUMNS}, e.tabel_nomer as _key from sotrudnik e where e.tabel_nomer = any($1::text[])`, toEmployee);

// ---- staffing table (doljnost, shtat) and assignments (sotrudnik_doljnost) ----

const KATEGORIYA: Record<string, PositionCategory> = {
  PPS: PositionCategory.TEACHING,
  AUP: PositionCategory.ADMINISTRATIVE,
  UVP: PositionCategory.SUPPORT,
};
const KATEGORIYA_CODE: Record<PositionCategory, string> = {
  [PositionCategory.TEACHING]: 'PPS',
  [PositionCategory.ADMINISTRATIVE]: 'AUP',
  [PositionCategory.SUPPORT]: 'UVP',
};

/**
 * An assignment holds on a day when it has started and not ended (sd = sotrudnik_doljnost). `today`
 * is the placeholder of the business date (a date parameter; src/common/business-time.ts).
 */
const assignmentCurrent = (today: string, sd = 'sd') =>
  `(${sd}.data_nach <= ${today}::date and (${sd}.data_kon is null or ${sd}.data_kon >= ${today}::date))`;

/** A staffing line's unit: its chair if any, else its faculty, else the central administration. */
function unitOf(r: { fak_id: number | null; kaf_id: number | null; kaf_fak_id: number | null }) {
  const unitKind = r.kaf_id !== null ? StaffUnitKind.CHAIR : r.fak_id !== null ? StaffUnitKind.FACULTY : StaffUnitKind.CENTRAL;
  return { unitKind, chairKey: r.kaf_id, facultyKey: r.fak_id ?? r.kaf_fak_id };
}

export interface ShtatRow {
  shtat_id: number; fak_id: number | null; kaf_id: number | null; kaf_fak_id: number | null;
  dolj_name: string; kategoriya: string; stavok: number; oklad: number; filled: number; vacant: number;
}

/** FROM of the staffing table with the rates filled by assignments current on `today` (a placeholder; one lateral sum per line). */
const shtatFrom = (today: string) => `shtat sh join doljnost d on d.dolj_id = sh.dolj_id left join kafedra k on k.kaf_id = sh.kaf_id
  cross join lateral (select coalesce(sum(sd.stavka), 0) as filled from sotrudnik_doljnost sd where sd.shtat_id = sh.shtat_id and ${assignmentCurrent(today)}) f`;
/** Rates of a staffing line not filled now (numeric: exact, no float subtraction in JavaScript). */
const VACANT_RATES_SQL = '(sh.stavok - f.filled)';
const SHTAT_COLUMNS = `sh.shtat_id, sh.fak_id, sh.kaf_id, k.fak_id as kaf_fak_id, d.name_ky as dolj_name, d.kategoriya, sh.stavok, sh.oklad, f.filled,
  ${VACANT_RATES_SQL} as vacant`;

export function toStaffingPosition(r: ShtatRow): StaffingPositionRecord {
  return {
    __typename: 'StaffingPosition', id: toGlobalId('StaffingPosition', r.shtat_id), key: r.shtat_id, ...unitOf(r),
    title: r.dolj_name, category: KATEGORIYA[r.kategoriya], rates: r.stavok, salary: r.oklad,
    filledRates: r.filled, vacantRates: r.vacant,
  };
}

export const staffingPositionById = (c: SourceContext) =>
  byKeyLoader(
    c, 'avn.staffingPositionById', avn, `select ${SHTAT_COLUMNS}, sh.shtat_id as _key from ${shtatFrom('$2')} where sh.shtat_id = any($1::int[])`,
    toStaffingPosition, [businessToday(c)],
  );

export interface AssignmentRow {
  sd_id: number; emp_id: number; shtat_id: number; stavka: number; data_nach: string; data_kon: string | null; is_current: boolean;
  fak_id: number | null; kaf_id: number | null; kaf_fak_id: number | null; dolj_name: string; kategoriya: string;
}

/** The assignments' columns; `is_current` on `today` (a placeholder). */
const assignmentSelect = (today: string) => `select sd.sd_id, sd.emp_id, sd.shtat_id, sd.stavka, sd.data_nach, sd.data_kon, ${assignmentCurrent(today)} as is_current,
    sh.fak_id, sh.kaf_id, k.fak_id as kaf_fak_id, d.name_ky as dolj_name, d.kategoriya`;
const ASSIGNMENT_FROM = `sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id join doljnost d on d.dolj_id = sh.dolj_id
  left join kafedra k on k.kaf_id = sh.kaf_id`;

export function toEmployeePosition(r: AssignmentRow): EmployeePositionRecord {
  return {
    employeeKey: r.emp_id, staffingKey: r.shtat_id, ...unitOf(r), title: r.dolj_name, category: KATEGORIYA[r.kategoriya],
    rate: r.stavka, startDate: r.data_nach, endDate: r.data_kon, isCurrent: r.is_current,
  };
}

/** All assignments of each employee: current first, then the latest. */
export const positionsByEmployee = (c: SourceContext) =>
  manyByKeyLoader(c, 'avn.positionsByEmployee', avn,
    `${assignmentSelect('$2')}, sd.emp_id as _key from ${ASSIGNMENT_FROM} where sd.emp_id = any($1::int[])
     order by sd.emp_id, ${assignmentCurrent('$2')} desc, sd.data_nach desc, sd.sd_id`,
    toEmployeePosition, [businessToday(c)]);

/** All assignments to each staffing line: current first, then the latest. */
export const positionsByStaffingLine = (c: SourceContext) =>
  manyByKeyLoader(c, 'avn.positionsByStaffingLine', avn,
    `${assignmentSelect('$2')}, sd.shtat_id as _key from ${ASSIGNMENT_FROM} where sd.shtat_id = any($1::int[])
     order by sd.shtat_id, ${assignmentCurrent('$2')} desc, sd.data_nach desc, sd.sd_id`,
    toEmployeePosition, [businessToday(c)]);

/**
 * The main chair of each employee: the chair of the current assignment with the largest rate, or
 * for someone without a current one, of the latest assignment in a chair.
 */
export const mainChairByEmployee = (c: SourceContext) =>
  byKeyLoader(c, 'avn.mainChairByEmployee', avn,
    `select distinct on (sd.emp_id) ${KAFEDRA_COLUMNS}, sd.emp_id as _key
       from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id join kafedra k on k.kaf_id = sh.kaf_id
      where sd.emp_id = any($1::int[])
      order by sd.emp_id, ${assignmentCurrent('$2')} desc, sd.stavka desc, sd.data_nach desc, sd.sd_id`,
    toChair, [businessToday(c)]);

/** Employees holding a current position in each chair (optionally of one category), by name. */
export const employeesByChair = (c: SourceContext, category: PositionCategory | null) =>
  manyByKeyWithArgs(c, 'avn.employeesByChair', avn,
    `select ${SOTRUDNIK_COLUMNS}, t.kaf_id as _key
       from (select distinct sh.kaf_id, sd.emp_id
               from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id join doljnost d on d.dolj_id = sh.dolj_id
              where sh.kaf_id = any($1::int[]) and ${assignmentCurrent('$3')} and ($2::text is null or d.kategoriya = $2)) t
       join sotrudnik e on e.emp_id = t.emp_id
      order by t.kaf_id, e.fam, e.imya, e.emp_id`,
    [category ? KATEGORIYA_CODE[category] : null, businessToday(c)],
    toEmployee);

/**
 * The distinct employees holding a current position (on `today`, a placeholder) in each of the
 * chairs `$1`: the set behind `employeesByChair`, so counts and sums over it agree with that list.
 */
const chairMembers = (today: string) => `select distinct sh.kaf_id, sd.emp_id
    from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id
   where sh.kaf_id = any($1::int[]) and ${assignmentCurrent(today)}`;

interface ChairStaffingRow { kaf_id: number; fak_id: number; rates: number; filled: number; vacant: number; teachers: number }

/**
 * Each chair's staffing totals, in one statement per batch of chairs: the staffing table's lines of
 * the chair summed (filled by assignments current on the business date, as `listStaffingTable`
 * computes them) and its distinct current employees. A chair without lines has zeros.
 */
export const staffingByChair = (c: SourceContext) =>
  byKeyLoader(c, 'avn.staffingByChair', avn,
    `select k.kaf_id, k.fak_id, coalesce(s.rates, 0) as rates, coalesce(s.filled, 0) as filled, coalesce(s.vacant, 0) as vacant,
            coalesce(m.teachers, 0) as teachers, k.kaf_id as _key
       from kafedra k
       left join (select sh.kaf_id, sum(sh.stavok) as rates, sum(f.filled) as filled, sum(${VACANT_RATES_SQL}) as vacant
                    from ${shtatFrom('$2')} where sh.kaf_id = any($1::int[]) group by sh.kaf_id) s on s.kaf_id = k.kaf_id
       left join (select m.kaf_id, count(*)::int as teachers from (${chairMembers('$2')}) m group by m.kaf_id) m on m.kaf_id = k.kaf_id
      where k.kaf_id = any($1::int[])`,
    (r: ChairStaffingRow): ChairStaffingRecord => ({
      chairKey: r.kaf_id, facultyKey: r.fak_id, rates: Number(r.rates), filledRates: Number(r.filled), vacantRates: Number(r.vacant), teacherCount: r.teachers,
    }),
    [businessToday(c)]);

interface ChairLoadRow { kaf_id: number; fak_id: number; teachers: number; total: number; lek: number; prak: number; lab: number }

/**
 * Each chair's teaching-load hours in an academic year, in one statement per batch of chairs:
 * the load lines of its current employees (each employee once, however many positions they
 * hold in the chair). A teacher of two chairs adds their hours to both chairs' totals.
 */
export const teachingLoadByChair = (c: SourceContext, academicYear: string) => {
  const extra = [academicYear, businessToday(c)];
  return byKeyLoader(c, argsKey('avn.teachingLoadByChair', extra), avn,
    `select k.kaf_id, k.fak_id, count(distinct m.emp_id)::int as teachers, coalesce(sum(n.chasy), 0)::int as total,
            coalesce(sum(n.chasy) filter (where n.vid = '${VID_CODE[LessonKind.LECTURE]}'), 0)::int as lek,
            coalesce(sum(n.chasy) filter (where n.vid = '${VID_CODE[LessonKind.PRACTICE]}'), 0)::int as prak,
            coalesce(sum(n.chasy) filter (where n.vid = '${VID_CODE[LessonKind.LAB]}'), 0)::int as lab, k.kaf_id as _key
       from kafedra k
       left join (${chairMembers('$3')}) m on m.kaf_id = k.kaf_id
       left join nagruzka n on n.emp_id = m.emp_id and n.uch_god = $2
      where k.kaf_id = any($1::int[])
      group by k.kaf_id, k.fak_id`,
    (r: ChairLoadRow): ChairTeachingLoadRecord => ({
      chairKey: r.kaf_id, facultyKey: r.fak_id, academicYear, teacherCount: r.teachers,
      totalHours: r.total, lectureHours: r.lek, practiceHours: r.prak, labHours: r.lab,
    }),
    extra);
};

/**
 * How many distinct employees hold a current position in each faculty (on its own lines or its
 * chairs'): someone on lines of two of its chairs counts once.
 */
export const teacherCountByFaculty = (c: SourceContext) =>
  byKeyLoader(c, 'avn.teacherCountByFaculty', avn,
    `select f.fak_id as _key, count(distinct sd.emp_id)::int as teachers
       from fakultet f
       left join (shtat sh left join kafedra k on k.kaf_id = sh.kaf_id) on coalesce(sh.fak_id, k.fak_id) = f.fak_id
       left join sotrudnik_doljnost sd on sd.shtat_id = sh.shtat_id and ${assignmentCurrent('$2')}
      where f.fak_id = any($1::int[])
      group by f.fak_id`,
    (r: { teachers: number }) => r.teachers,
    [businessToday(c)]);

// ---- teaching load (nagruzka) ----

const VID: Record<string, LessonKind> = { lek: LessonKind.LECTURE, prak: LessonKind.PRACTICE, lab: LessonKind.LAB };
/** The journal's and the load's codes of a kind of class (avn.journal filters by them). */
export const VID_CODE: Record<LessonKind, string> = { [LessonKind.LECTURE]: 'lek', [LessonKind.PRACTICE]: 'prak', [LessonKind.LAB]: 'lab' };
export const toLessonKind = (vid: string): LessonKind => VID[vid];

export interface NagruzkaRow { nagr_id: number; emp_id: number; disc_id: number; grp_id: number; uch_god: string; semestr: number; vid: string; chasy: number }

const NAGRUZKA_SELECT = `select n.nagr_id, n.emp_id, n.disc_id, n.grp_id, n.uch_god, n.semestr, n.vid, n.chasy`;
/** $2 academic year (null = any), $3 term as semester parity (1 autumn, 0 spring, null = both), $4 semester of study (null = any). */
const NAGRUZKA_TERM = `($2::text is null or n.uch_god = $2) and ($3::int is null or n.semestr % 2 = $3) and ($4::smallint is null or n.semestr = $4)`;

/** The load's term filter as its parameters (see NAGRUZKA_TERM). */
const termParams = (t: LoadTerm) => [t.academicYear, t.term === null ? null : t.term === AcademicTerm.AUTUMN ? 1 : 0, t.semester];

export function toTeachingLoadItem(r: NagruzkaRow): TeachingLoadItemRecord {
  return {
    employeeKey: r.emp_id, disciplineKey: r.disc_id, groupKey: r.grp_id,
    academicYear: r.uch_god, semester: r.semestr, term: termOfSemester(r.semestr), kind: VID[r.vid], hours: r.chasy,
  };
}

/** Each employee's load lines in a term (year, half-year, semester of study: each optional). */
export const teachingLoadByEmployee = (c: SourceContext, term: LoadTerm) =>
  manyByKeyWithArgs(c, 'avn.teachingLoadByEmployee', avn,
    `${NAGRUZKA_SELECT}, n.emp_id as _key from nagruzka n where n.emp_id = any($1::int[]) and ${NAGRUZKA_TERM}
     order by n.emp_id, n.uch_god, n.semestr, n.disc_id, n.grp_id, n.vid, n.nagr_id`,
    termParams(term),
    toTeachingLoadItem);

/** Each group's load lines (who teaches it what) in a term. */
export const teachingLoadByGroup = (c: SourceContext, term: LoadTerm) =>
  manyByKeyWithArgs(c, 'avn.teachingLoadByGroup', avn,
    `${NAGRUZKA_SELECT}, n.grp_id as _key from nagruzka n where n.grp_id = any($1::int[]) and ${NAGRUZKA_TERM}
     order by n.grp_id, n.uch_god, n.semestr, n.disc_id, n.vid, n.emp_id, n.nagr_id`,
    termParams(term),
    toTeachingLoadItem);

/** The distinct groups in each employee's load in a term, by name. */
export const groupsTaughtByEmployee = (c: SourceContext, term: LoadTerm) =>
  manyByKeyWithArgs(c, 'avn.groupsTaughtByEmployee', avn,
    `select ${GRUPPA_COLUMNS}, t.emp_id as _key
       from (select distinct n.emp_id, n.grp_id from nagruzka n where n.emp_id = any($1::int[]) and ${NAGRUZKA_TERM}) t
       join gruppa g on g.grp_id = t.grp_id
      order by t.emp_id, g.name, g.grp_id`,
    termParams(term),
    toGroup);

// ---- lists --------------------------------------------------------------------------------------

const EMPLOYEE_SORT: Record<EmployeeSortField, SortColumn[]> = {
  NAME: [{ sql: 'e.fam', key: 'fam' }, { sql: 'e.imya', key: 'imya' }],
  PERSONNEL_NUMBER: [{ sql: 'e.tabel_nomer', key: 'tabel_nomer' }],
};

/** A page of employees; a dean or chair lists only its own people (the viewer's reach). */
export function listEmployees(
  context: SourceContext, request: { filter: EmployeeFilter; sort: EmployeeSort; page: Page; reach: Reach },
): Promise<ConnectionShape<EmployeeRecord>> {
  const { filter, sort: { field, desc } } = request;
  const today = businessToday(context);
  // "Holds a current position in the unit" (on the business date): an EXISTS over the assignments, so each employee appears once.
  const holdsPosition = (p: Params, unitCondition: string) =>
    `exists (select 1 from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id left join kafedra k on k.kaf_id = sh.kaf_id
      where sd.emp_id = e.emp_id and ${assignmentCurrent(p.add(today))} and ${unitCondition})`;
  return loadList<SotrudnikRow & Record<string, unknown>, EmployeeRecord>(
    avn(context),
    {
      from: 'sotrudnik e',
      columns: SOTRUDNIK_COLUMNS,
      filters: (p) => {
        const name = filter.nameContains ? p.add(`%${likeEscape(filter.nameContains)}%`) : null;
        return [
          filter.chairKey != null && holdsPosition(p, `sh.kaf_id = ${p.add(filter.chairKey)}`),
          filter.facultyKey != null && holdsPosition(p, `coalesce(sh.fak_id, k.fak_id) = ${p.add(filter.facultyKey)}`),
          filter.isTeachingStaff != null && `e.is_pps = ${p.add(filter.isTeachingStaff)}`,
          filter.isActive != null && `e.is_active = ${p.add(filter.isActive)}`,
          name && `(e.fam ilike ${name} or e.imya ilike ${name} or e.otch ilike ${name})`,
          filter.personnelNumber && `e.tabel_nomer = ${p.add(filter.personnelNumber)}`,
          employeeScope(request.reach, p, 'e.emp_id'),
        ];
      },
      sort: [...EMPLOYEE_SORT[field], { sql: 'e.emp_id', key: 'emp_id' }].map((c) => ({ ...c, desc })),
    },
    request.page,
    toEmployee,
  );
}

const STAFFING_SORT: Record<StaffingPositionSortField, SortColumn> = {
  TITLE: { sql: 'd.name_ky', key: 'dolj_name' },
  RATES: { sql: 'sh.stavok', key: 'stavok' },
  VACANT_RATES: { sql: VACANT_RATES_SQL, key: 'vacant' },
  SALARY: { sql: 'sh.oklad', key: 'oklad' },
};

/** A page of the staffing table with filled and vacant rates on the business date; a dean's faculty, a chair's own lines. */
export function listStaffingTable(
  context: SourceContext, request: { filter: StaffingPositionFilter; sort: StaffingPositionSort; page: Page; reach: Reach },
): Promise<ConnectionShape<StaffingPositionRecord>> {
  const { filter, sort: { field, desc } } = request;
  return loadList<ShtatRow & Record<string, unknown>, StaffingPositionRecord>(
    avn(context),
    {
      from: (p) => shtatFrom(p.add(businessToday(context))),
      columns: SHTAT_COLUMNS,
      filters: (p) => [
        filter.facultyKey != null && `coalesce(sh.fak_id, k.fak_id) = ${p.add(filter.facultyKey)}`,
        filter.chairKey != null && `sh.kaf_id = ${p.add(filter.chairKey)}`,
        filter.category && `d.kategoriya = ${p.add(KATEGORIYA_CODE[filter.category])}`,
        filter.hasVacancy === true && `${VACANT_RATES_SQL} > 0`,
        filter.hasVacancy === false && `${VACANT_RATES_SQL} <= 0`,
        staffingScope(request.reach, p, { faculty: 'coalesce(sh.fak_id, k.fak_id)', chair: 'sh.kaf_id' }),
      ],
      sort: [STAFFING_SORT[field], { sql: 'sh.shtat_id', key: 'shtat_id' }].map((c) => ({ ...c, desc })),
    },
    request.page,
    toStaffingPosition,
  );
}
