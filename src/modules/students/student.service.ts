/** Student lists (root and per group) and the computed parts of the study card. */
import DataLoader from 'dataloader';
import type { HubContext } from '../../graphql/context';
import { argsKey } from '../../db/read-context';
import { loadList, nestedListLoader } from '../../db/list-loaders';
import { readPage } from '../../graphql/connection';
import { type ConnectionShape } from '../../db/pages';
import { intKeyOf } from '../../domain/global-id';
import { OrderDirection } from '../../graphql/ordering';
import { validationFailed } from '../../common/errors';
import { STUDENT_COLUMNS, STUDENT_FROM, studentById, studentFilters, studentListQuery, studentSort, toStudent, type StudentFilter, type StudentRow, type StudentSort } from '../../sources/avn/avn.students';
import { gradeResultsByStudent } from '../../sources/avn/avn.grades';
import { attendanceByStudent } from '../../sources/avn/avn.attendance-summary';
import { attendanceRate } from '../attendance/attendance-rate';
import { buildAcademicRecord, type AcademicRecord } from './academic-record';
import { StudentOrderField, type GroupStudentsArgs, type StudentOrder, type StudentsArgs } from './student.inputs';
import type { Student } from './student.types';
import type { AttendanceSummary } from './study-card.types';
import { studentScope } from '../../sources/avn/avn.scopes';
import { scoped } from '../../db/scope';
import { viewerReach } from '../../auth/policies';

/** Access (src/sources/avn/avn.scopes.ts): the viewer's limit on student lists, over STUDENT_FROM's aliases. */
const STUDENT_SCOPE = { student: 's.stud_id', group: 's.grp_id' };

/** A PIN is 14 digits (spaces a clerk typed are ignored); anything else is refused, not searched. */
export function validPin(pin: string, field = 'pin'): string {
  const compact = pin.replace(/\s+/g, '');
  if (!/^\d{14}$/.test(compact)) throw validationFailed('A PIN is exactly 14 digits.', field);
  return compact;
}

const SORT: Record<StudentOrderField, StudentSort> = {
  [StudentOrderField.NAME]: 'name',
  [StudentOrderField.STUDENT_NUMBER]: 'studentNumber',
  [StudentOrderField.ADMISSION_DATE]: 'admissionDate',
};

function order(orderBy: StudentOrder | undefined) {
  const field = orderBy?.field ?? StudentOrderField.NAME;
  const direction = orderBy?.direction ?? OrderDirection.ASC;
  return { sort: studentSort(SORT[field], direction === OrderDirection.DESC), orderKey: `students:${field}:${direction}` };
}

/**
 * Maps a listed row and primes the by-id loader with it, so that a later hop back to the same
 * student (Person.students, node(id:)) in this request costs no statement.
 */
function remembered(context: HubContext): (row: StudentRow) => Student {
  const byId = studentById(context);
  return (row) => {
    const student = toStudent(row);
    byId.prime(student.key, student);
    return student;
  };
}

export function listStudents(context: HubContext, args: StudentsArgs): Promise<ConnectionShape<Student>> {
  const where = args.where ?? {};
  const filter: StudentFilter = {
    groupKey: where.groupId ? intKeyOf(where.groupId, 'Group') : null,
    facultyKey: where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null,
    programmeKey: where.programmeId ? intKeyOf(where.programmeId, 'Programme') : null,
    status: where.status,
    fundingType: where.fundingType,
    nameContains: where.nameContains,
    pin: where.pin != null ? validPin(where.pin, 'where.pin') : null,
    studentNumber: where.studentNumber,
    intakeYear: where.intakeYear,
  };
  const { sort, orderKey } = order(args.orderBy);
  // Only the students the viewer may see, in SQL, so that pages and totalCount count nothing else.
  const query = scoped(studentListQuery(filter, sort), (p) => studentScope(viewerReach(context), p, STUDENT_SCOPE));
  return loadList<StudentRow & Record<string, unknown>, Student>(context.db.avn, query, readPage(args, orderKey), remembered(context));
}

/**
 * The students of many groups, one page each, in one statement for the whole batch of groups.
 * One loader per distinct argument set (groups listed with the same arguments share it).
 */
export function groupStudents(context: HubContext, args: GroupStudentsArgs): DataLoader<number, ConnectionShape<Student>> {
  return context.loader(argsKey('students.byGroup', args), () => {
    const where = args.where ?? {};
    const filter: StudentFilter = { status: where.status, fundingType: where.fundingType, nameContains: where.nameContains };
    const { sort, orderKey } = order(args.orderBy);
    return nestedListLoader<number, StudentRow & Record<string, unknown>, Student>(
      context.db.avn,
      // Access: a group's students the viewer may see (a student: itself), so totalCount counts only those.
      scoped(
        { from: STUDENT_FROM, columns: STUDENT_COLUMNS, filters: (p) => studentFilters(filter, p), sort, parentColumn: 's.grp_id', parentArrayType: 'int[]' },
        (p) => studentScope(viewerReach(context), p, STUDENT_SCOPE),
      ),
      readPage(args, `group-${orderKey}`),
      remembered(context),
    );
  });
}

/** Semesters and GPA of a student; the grades of the whole batch are read in one statement. */
export function academicRecord(context: HubContext, studentKey: number): Promise<AcademicRecord> {
  const loader = context.loader('students.academicRecord', () =>
    new DataLoader<number, AcademicRecord>(async (keys) => {
      const results = await gradeResultsByStudent(context).loadMany(keys);
      return results.map((r) => (r instanceof Error ? r : buildAcademicRecord(r)));
    }),
  );
  return loader.load(studentKey);
}

export async function attendanceSummary(context: HubContext, studentKey: number): Promise<AttendanceSummary> {
  const byDiscipline = await attendanceByStudent(context).load(studentKey);
  const sum = (pick: (d: (typeof byDiscipline)[number]) => number) => byDiscipline.reduce((n, d) => n + pick(d), 0);
  const lessons = sum((d) => d.lessons);
  const present = sum((d) => d.present);
  const late = sum((d) => d.late);
  return {
    lessons,
    present,
    late,
    absent: sum((d) => d.absent),
    excused: sum((d) => d.excused),
    attendanceRate: attendanceRate(present, late, lessons),
    byDiscipline,
  };
}
