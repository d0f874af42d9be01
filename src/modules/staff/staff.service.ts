/** Root lists of the staff module and the teaching-load totals (reads AVN through its mapping layer). */
import { businessToday } from '../../db/read-context';
import { type HubContext } from '../../graphql/context';
import { loadList } from '../../db/list-loaders';
import { readPage } from '../../graphql/connection';
import { type SortColumn } from '../../db/pages';
import { intKeyOf } from '../../domain/global-id';
import { OrderDirection, sortBy } from '../../graphql/ordering';
import { likeEscape, type Params } from '../../db/sql';
import {
  KATEGORIYA_CODE, SHTAT_COLUMNS, SOTRUDNIK_COLUMNS, VACANT_RATES_SQL, assignmentCurrent, shtatFrom,
  toEmployee, toStaffingPosition, type LoadTerm, type ShtatRow, type SotrudnikRow,
} from '../../sources/avn/avn.staff';
import { LessonKind } from '../../domain/curriculum';
import { academicTermOn, checkAcademicYear, checkSemester } from './academic-term';
import type { AcademicTerm } from '../../domain/curriculum';
import { EmployeeOrderField, StaffingPositionOrderField, type EmployeesArgs, type StaffingTableArgs } from './staff.inputs';
import type { TeachingLoad, TeachingLoadItem } from './teaching-load.types';
import { employeeScope, staffingScope } from '../../sources/avn/avn.scopes';
import { viewerReach } from '../../auth/policies';

const EMPLOYEE_SORT = {
  [EmployeeOrderField.NAME]: [{ sql: 'e.fam', key: 'fam' }, { sql: 'e.imya', key: 'imya' }],
  [EmployeeOrderField.PERSONNEL_NUMBER]: [{ sql: 'e.tabel_nomer', key: 'tabel_nomer' }],
};

export function listEmployees(context: HubContext, args: EmployeesArgs) {
  const field = args.orderBy?.field ?? EmployeeOrderField.NAME;
  const desc = args.orderBy?.direction === OrderDirection.DESC;
  const sort: SortColumn[] = [...EMPLOYEE_SORT[field], { sql: 'e.emp_id', key: 'emp_id' }].map((c) => ({ ...c, desc }));
  const where = args.where ?? {};
  const chairKey = where.chairId ? intKeyOf(where.chairId, 'Chair') : null;
  const facultyKey = where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null;
  const today = businessToday(context);
  // "Holds a current position in the unit" (on the business date): an EXISTS over the assignments, so each employee appears once.
  const holdsPosition = (p: Params, unitCondition: string) =>
    `exists (select 1 from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id left join kafedra k on k.kaf_id = sh.kaf_id
      where sd.emp_id = e.emp_id and ${assignmentCurrent(p.add(today))} and ${unitCondition})`;
  return loadList<SotrudnikRow & Record<string, unknown>, ReturnType<typeof toEmployee>>(
    context.db.avn,
    {
      from: 'sotrudnik e',
      columns: SOTRUDNIK_COLUMNS,
      filters: (p) => {
        const name = where.nameContains ? p.add(`%${likeEscape(where.nameContains)}%`) : null;
        return [
          chairKey !== null && holdsPosition(p, `sh.kaf_id = ${p.add(chairKey)}`),
          facultyKey !== null && holdsPosition(p, `coalesce(sh.fak_id, k.fak_id) = ${p.add(facultyKey)}`),
          where.isTeachingStaff != null && `e.is_pps = ${p.add(where.isTeachingStaff)}`,
          where.isActive != null && `e.is_active = ${p.add(where.isActive)}`,
          name && `(e.fam ilike ${name} or e.imya ilike ${name} or e.otch ilike ${name})`,
          where.personnelNumber && `e.tabel_nomer = ${p.add(where.personnelNumber)}`,
          // Access: a dean or chair lists only its own people (src/sources/avn/avn.scopes.ts).
          employeeScope(viewerReach(context), p, 'e.emp_id'),
        ];
      },
      sort,
    },
    readPage(args, `employees:${field}:${desc ? 'DESC' : 'ASC'}`),
    toEmployee,
  );
}

const STAFFING_SORT = {
  [StaffingPositionOrderField.TITLE]: { sql: 'd.name_ky', key: 'dolj_name' },
  [StaffingPositionOrderField.RATES]: { sql: 'sh.stavok', key: 'stavok' },
  [StaffingPositionOrderField.VACANT_RATES]: { sql: VACANT_RATES_SQL, key: 'vacant' },
  [StaffingPositionOrderField.SALARY]: { sql: 'sh.oklad', key: 'oklad' },
};

export function listStaffingTable(context: HubContext, args: StaffingTableArgs) {
  const field = args.orderBy?.field ?? StaffingPositionOrderField.TITLE;
  const sort = sortBy(STAFFING_SORT[field], args.orderBy?.direction, { sql: 'sh.shtat_id', key: 'shtat_id' });
  const where = args.where ?? {};
  const facultyKey = where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null;
  const chairKey = where.chairId ? intKeyOf(where.chairId, 'Chair') : null;
  return loadList<ShtatRow & Record<string, unknown>, ReturnType<typeof toStaffingPosition>>(
    context.db.avn,
    {
      from: (p) => shtatFrom(p.add(businessToday(context))),
      columns: SHTAT_COLUMNS,
      filters: (p) => [
        facultyKey !== null && `coalesce(sh.fak_id, k.fak_id) = ${p.add(facultyKey)}`,
        chairKey !== null && `sh.kaf_id = ${p.add(chairKey)}`,
        where.category && `d.kategoriya = ${p.add(KATEGORIYA_CODE[where.category])}`,
        where.hasVacancy === true && `${VACANT_RATES_SQL} > 0`,
        where.hasVacancy === false && `${VACANT_RATES_SQL} <= 0`,
        // Access: a dean's faculty, a chair's own lines (src/sources/avn/avn.scopes.ts).
        staffingScope(viewerReach(context), p, { faculty: 'coalesce(sh.fak_id, k.fak_id)', chair: 'sh.kaf_id' }),
      ],
      sort,
    },
    readPage(args, `staffingTable:${field}:${args.orderBy?.direction ?? OrderDirection.ASC}`),
    toStaffingPosition,
  );
}

/** A load term with its academic year always set. */
export type YearTerm = LoadTerm & { academicYear: string };

/**
 * The term a load field asks for: the given academic year (else the current one), term and
 * semester of study; `defaultTerm` fills an omitted term with the current one. "Current" is the
 * business date's (`today`).
 */
export function loadTerm(
  args: { academicYear?: string | null; term?: AcademicTerm | null; semester?: number | null }, defaultTerm: boolean, today: string,
): YearTerm {
  checkAcademicYear(args.academicYear);
  checkSemester(args.semester);
  const current = academicTermOn(today);
  return {
    academicYear: args.academicYear ?? current.academicYear,
    term: args.term ?? (defaultTerm ? current.term : null),
    semester: args.semester ?? null,
  };
}

/** Lines of a load with their totals per kind of class. */
export function teachingLoadOf(items: TeachingLoadItem[], term: YearTerm): TeachingLoad {
  const sum = (kind?: LessonKind) => items.reduce((total, item) => (kind === undefined || item.kind === kind ? total + item.hours : total), 0);
  return {
    academicYear: term.academicYear, term: term.term, semester: term.semester, items,
    totalHours: sum(), lectureHours: sum(LessonKind.LECTURE), practiceHours: sum(LessonKind.PRACTICE), labHours: sum(LessonKind.LAB),
  };
}
