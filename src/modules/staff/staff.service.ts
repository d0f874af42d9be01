/** Root lists of the staff module (GraphQL arguments → the hub's filters → AVN's lists) and the teaching-load totals. */
import { type HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import { OrderDirection } from '../../graphql/ordering';
import * as avnStaff from '../../sources/avn/avn.staff';
import { LessonKind, type AcademicTerm } from '../../domain/curriculum';
import type { LoadTerm } from '../../domain/staff';
import { academicTermOn, checkAcademicYear, checkSemester } from '../../domain/academic-term';
import { EmployeeOrderField, StaffingPositionOrderField, type EmployeesArgs, type StaffingTableArgs } from './staff.inputs';
import type { TeachingLoad, TeachingLoadItem } from './teaching-load.types';
import { viewerReach } from '../../auth/policies';

export function listEmployees(context: HubContext, args: EmployeesArgs) {
  const field = args.orderBy?.field ?? EmployeeOrderField.NAME;
  const desc = args.orderBy?.direction === OrderDirection.DESC;
  const where = args.where ?? {};
  return avnStaff.listEmployees(context, {
    filter: {
      chairKey: where.chairId ? intKeyOf(where.chairId, 'Chair') : null,
      facultyKey: where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null,
      isTeachingStaff: where.isTeachingStaff, isActive: where.isActive, nameContains: where.nameContains, personnelNumber: where.personnelNumber,
    },
    sort: { field, desc },
    page: readPage(args, `employees:${field}:${desc ? 'DESC' : 'ASC'}`),
    // Access: a dean or chair lists only its own people.
    reach: viewerReach(context),
  });
}

export function listStaffingTable(context: HubContext, args: StaffingTableArgs) {
  const field = args.orderBy?.field ?? StaffingPositionOrderField.TITLE;
  const where = args.where ?? {};
  return avnStaff.listStaffingTable(context, {
    filter: {
      facultyKey: where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null,
      chairKey: where.chairId ? intKeyOf(where.chairId, 'Chair') : null,
      category: where.category, hasVacancy: where.hasVacancy,
    },
    sort: { field, desc: args.orderBy?.direction === OrderDirection.DESC },
    page: readPage(args, `staffingTable:${field}:${args.orderBy?.direction ?? OrderDirection.ASC}`),
    // Access: a dean's faculty, a chair's own lines.
    reach: viewerReach(context),
  });
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
