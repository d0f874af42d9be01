/**
 * AVN → students: how AVN's `students` rows become the hub's student records (and a person's
 * personal card), the student lists (root and per group) with their filters, orders and the
 * viewer's row limit, and the loaders that read students in batches.
 */
import { argsKey, type SourceContext } from '../../db/read-context';
import DataLoader from 'dataloader';
import { byKeyLoader } from '../../db/loaders';
import { loadList, nestedListLoader, type ListQuery } from '../../db/list-loaders';
import type { ConnectionShape, SortColumn } from '../../db/pages';
import type { ListRequest } from '../../db/list-request';
import { scoped } from '../../db/scope';
import { toGlobalId } from '../../domain/global-id';
import type { Reach } from '../../domain/reach';
import { everyWordIn, type Params } from '../../db/sql';
import {
  FundingType, Gender, StudentStatus, type PersonalCard, type StudentFilter, type StudentRecord, type StudentSort,
} from '../../domain/students';
import { studentScope } from './avn.scopes';

const avn = (context: SourceContext) => context.db.avn;

interface StudentRow {
  stud_id: number;
  zachetka: string;
  grp_id: number;
  fam: string;
  imya: string;
  otch: string | null;
  pin: string | null;
  data_rojd: string;
  pol: string;
  grajdanstvo: string;
  tel: string | null;
  email: string | null;
  adres: string | null;
  passport: string | null;
  forma_oplaty: string;
  status_id: number;
  data_postupleniya: string;
  foto_url: string | null;
  spec_id: number;
  fak_id: number;
}

/** Every student read joins its group and programme, so faculty and programme need no extra hop. */
const STUDENT_FROM = 'students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id';
const STUDENT_COLUMNS =
  's.stud_id, s.zachetka, s.grp_id, s.fam, s.imya, s.otch, s.pin, s.data_rojd, s.pol, s.grajdanstvo, s.tel, s.email, s.adres, ' +
  's.passport, s.forma_oplaty, s.status_id, s.data_postupleniya, s.foto_url, g.spec_id, sp.fak_id';

// student_status rows are fixed by AVN's schema (ids 1-4); the ids are what students.status_id holds.
export const STATUS_BY_ID: Record<number, StudentStatus> = {
  1: StudentStatus.STUDYING,
  2: StudentStatus.ACADEMIC_LEAVE,
  3: StudentStatus.EXPELLED,
  4: StudentStatus.GRADUATED,
};

const STATUS_ID: Record<StudentStatus, number> = {
  [StudentStatus.STUDYING]: 1,
  [StudentStatus.ACADEMIC_LEAVE]: 2,
  [StudentStatus.EXPELLED]: 3,
  [StudentStatus.GRADUATED]: 4,
};

/** The students.status_id values of a list of statuses (for `status_id = any(…)`; empty matches nothing). */
export function statusIds(statuses: readonly StudentStatus[]): number[] {
  return statuses.map((s) => STATUS_ID[s]);
}

export const FUNDING: Record<string, FundingType> = { B: FundingType.BUDGET, K: FundingType.CONTRACT };
export const FUNDING_CODE: Record<FundingType, string> = { [FundingType.BUDGET]: 'B', [FundingType.CONTRACT]: 'K' };
/** AVN `pol`: M = эркек, J = аял (жен.). Shared with the other AVN person tables. */
export const GENDER: Record<string, Gender> = { M: Gender.MALE, J: Gender.FEMALE };

/** Blank text and char(n) padding become null / trimmed. */
export function clean(value: string | null | undefined): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function joinName(surname: string, givenName: string, patronymic: string | null): string {
  return [surname, givenName, patronymic].filter((part) => part && part.trim()).join(' ');
}

function toStudent(r: StudentRow): StudentRecord {
  const patronymic = clean(r.otch);
  const pin = clean(r.pin);
  return {
    __typename: 'Student',
    id: toGlobalId('Student', r.stud_id),
    key: r.stud_id,
    groupKey: r.grp_id,
    programmeKey: r.spec_id,
    facultyKey: r.fak_id,
    pinInternal: pin,
    studentNumber: r.zachetka,
    fullName: joinName(r.fam, r.imya, patronymic),
    surname: r.fam,
    givenName: r.imya,
    patronymic,
    status: STATUS_BY_ID[r.status_id],
    fundingType: FUNDING[r.forma_oplaty],
    admissionDate: r.data_postupleniya,
    pin,
    birthDate: r.data_rojd,
    gender: GENDER[r.pol],
    citizenship: r.grajdanstvo,
    phone: clean(r.tel),
    email: clean(r.email),
    address: clean(r.adres),
    passport: clean(r.passport),
    photoUrl: clean(r.foto_url),
  };
}

/** A student record as a person's personal card (the Person fields). */
export function studentCard(s: StudentRecord): PersonalCard {
  return {
    fullName: s.fullName, surname: s.surname, givenName: s.givenName, patronymic: s.patronymic, pin: s.pin,
    birthDate: s.birthDate, gender: s.gender, citizenship: s.citizenship, phone: s.phone, email: s.email,
    address: s.address, passport: s.passport, photoUrl: s.photoUrl,
  };
}

/**
 * Name search: every word of the text must occur (case-insensitively) in the surname, the given
 * name or the patronymic — so "Асанов" and "асанов бакыт" both work, in any order.
 */
export function nameConditions(text: string | null | undefined, params: Params, alias = 's'): string[] {
  return everyWordIn([`${alias}.fam`, `${alias}.imya`, `${alias}.otch`], text, params);
}

function studentFilters(filter: StudentFilter, p: Params): (string | false | null | undefined)[] {
  return [
    filter.groupKey != null && `s.grp_id = ${p.add(filter.groupKey)}`,
    filter.facultyKey != null && `sp.fak_id = ${p.add(filter.facultyKey)}`,
    filter.programmeKey != null && `g.spec_id = ${p.add(filter.programmeKey)}`,
    filter.status && `s.status_id = ${p.add(STATUS_ID[filter.status])}`,
    filter.statusIn && `s.status_id = any(${p.add(statusIds(filter.statusIn))}::int[])`,
    filter.fundingType && `s.forma_oplaty = ${p.add(FUNDING_CODE[filter.fundingType])}`,
    filter.pin && `s.pin = ${p.add(filter.pin)}`,
    filter.studentNumber && `s.zachetka = ${p.add(filter.studentNumber)}`,
    // A range on the date rather than extract(year …), so an index on the column could serve it.
    filter.intakeYear != null && `s.data_postupleniya >= make_date(${p.add(filter.intakeYear)}::int, 1, 1) and s.data_postupleniya < make_date(${p.add(filter.intakeYear + 1)}::int, 1, 1)`,
    ...nameConditions(filter.nameContains, p),
  ];
}

/** Sort columns; the last is always the unique stud_id so keyset cursors are exact. */
function studentSort(sort: StudentSort, desc: boolean): SortColumn[] {
  const id = { sql: 's.stud_id', key: 'stud_id', desc };
  switch (sort) {
    case 'name':
      return [{ sql: 's.fam', key: 'fam', desc }, { sql: 's.imya', key: 'imya', desc }, id];
    case 'studentNumber':
      return [{ sql: 's.zachetka', key: 'zachetka', desc }, id];
    case 'admissionDate':
      return [{ sql: 's.data_postupleniya', key: 'data_postupleniya', desc }, id];
  }
}

/** Access (avn.scopes.ts): the viewer's limit on student lists, over STUDENT_FROM's aliases. */
const STUDENT_SCOPE = { student: 's.stud_id', group: 's.grp_id' };

/** A student list's query: its filter, its order and the viewer's row limit (so pages and totalCount count nothing else). */
function studentListQuery(filter: StudentFilter, sort: SortColumn[], reach: Reach): ListQuery {
  return scoped(
    { from: STUDENT_FROM, columns: STUDENT_COLUMNS, filters: (p) => studentFilters(filter, p), sort },
    (p) => studentScope(reach, p, STUDENT_SCOPE),
  );
}

/**
 * Maps a listed row and primes the by-id loader with it, so that a later hop back to the same
 * student (Person.students, node(id:)) in this request costs no statement.
 */
function remembered(c: SourceContext): (row: StudentRow) => StudentRecord {
  const byId = studentById(c);
  return (row) => {
    const student = toStudent(row);
    byId.prime(student.key, student);
    return student;
  };
}

/** One page of the students the viewer may see. */
export function listStudents(c: SourceContext, request: ListRequest<StudentFilter, StudentSort>): Promise<ConnectionShape<StudentRecord>> {
  const query = studentListQuery(request.filter, studentSort(request.sort, request.desc), request.reach);
  return loadList<StudentRow & Record<string, unknown>, StudentRecord>(avn(c), query, request.page, remembered(c));
}

/**
 * The students of many groups, one page each, in one statement for the whole batch of groups.
 * One loader per distinct request (groups listed with the same arguments share it).
 */
export function studentsByGroup(c: SourceContext, request: ListRequest<StudentFilter, StudentSort>): DataLoader<number, ConnectionShape<StudentRecord>> {
  const { reach, ...asked } = request;
  return c.loader(argsKey('avn.studentsByGroup', asked), () =>
    nestedListLoader<number, StudentRow & Record<string, unknown>, StudentRecord>(
      avn(c),
      { ...studentListQuery(request.filter, studentSort(request.sort, request.desc), reach), parentColumn: 's.grp_id', parentArrayType: 'int[]' },
      request.page,
      remembered(c),
    ),
  );
}

export const studentById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.studentById', avn, `select ${STUDENT_COLUMNS}, s.stud_id as _key from ${STUDENT_FROM} where s.stud_id = any($1::int[])`, toStudent);

export const studentByNumber = (c: SourceContext) =>
  byKeyLoader(c, 'avn.studentByNumber', avn, `select ${STUDENT_COLUMNS}, s.zachetka as _key from ${STUDENT_FROM} where s.zachetka = any($1::text[])`, toStudent);

/** Students per group (all statuses, or one), one statement per batch of groups. */
export function studentCountByGroup(c: SourceContext, status: StudentStatus | null): DataLoader<number, number> {
  return c.loader(`avn.studentCountByGroup:${status ?? 'all'}`, () =>
    new DataLoader<number, number>(async (groupKeys) => {
      const params: unknown[] = [groupKeys];
      if (status) params.push(STATUS_ID[status]);
      const rows = await avn(c).query<{ grp_id: number; n: number }>(
        `select s.grp_id, count(*)::int as n from students s
          where s.grp_id = any($1::int[]) ${status ? 'and s.status_id = $2' : ''} group by s.grp_id`,
        params,
      );
      const byGroup = new Map(rows.map((r) => [r.grp_id, r.n]));
      return groupKeys.map((key) => byGroup.get(key) ?? 0);
    }),
  );
}
