/** Student lists (root and per group) and the computed parts of the study card. */
import DataLoader from 'dataloader';
import type { HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { type ConnectionShape } from '../../db/pages';
import { intKeyOf } from '../../domain/global-id';
import { OrderDirection } from '../../graphql/ordering';
import { validationFailed } from '../../common/errors';
import { StudentStatus, type StudentFilter, type StudentRecord, type StudentSort } from '../../domain/students';
import { enumListArgument } from '../../graphql/list-arguments';
import { listStudents as listAvnStudents, studentsByGroup } from '../../sources/avn/avn.students';
import { gradeResultsByStudent } from '../../sources/avn/avn.grades';
import { attendanceByStudent } from '../../sources/avn/avn.attendance-summary';
import { attendanceRate } from '../attendance/attendance-rate';
import { buildAcademicRecord, type AcademicRecord } from './academic-record';
import { StudentOrderField, type GroupStudentsArgs, type StudentOrder, type StudentsArgs } from './student.inputs';
import type { AttendanceSummary } from './study-card.types';
import { viewerReach } from '../../auth/policies';

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
  return { sort: SORT[field], desc: direction === OrderDirection.DESC, orderKey: `students:${field}:${direction}` };
}

export function listStudents(context: HubContext, args: StudentsArgs): Promise<ConnectionShape<StudentRecord>> {
  const where = args.where ?? {};
  const filter: StudentFilter = {
    groupKey: where.groupId ? intKeyOf(where.groupId, 'Group') : null,
    facultyKey: where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null,
    programmeKey: where.programmeId ? intKeyOf(where.programmeId, 'Programme') : null,
    status: where.status,
    statusIn: enumListArgument(where.statusIn, StudentStatus, 'where.statusIn'),
    fundingType: where.fundingType,
    nameContains: where.nameContains,
    pin: where.pin != null ? validPin(where.pin, 'where.pin') : null,
    studentNumber: where.studentNumber,
    intakeYear: where.intakeYear,
  };
  const { sort, desc, orderKey } = order(args.orderBy);
  // Only the students the viewer may see, in SQL, so that pages and totalCount count nothing else.
  return listAvnStudents(context, { filter, sort, desc, page: readPage(args, orderKey), reach: viewerReach(context) });
}

/**
 * The students of many groups, one page each, in one statement for the whole batch of groups
 * (groups listed with the same arguments share it).
 */
export function groupStudents(context: HubContext, args: GroupStudentsArgs): DataLoader<number, ConnectionShape<StudentRecord>> {
  const where = args.where ?? {};
  const filter: StudentFilter = { status: where.status, fundingType: where.fundingType, nameContains: where.nameContains };
  const { sort, desc, orderKey } = order(args.orderBy);
  // Access: a group's students the viewer may see (a student: itself), so totalCount counts only those.
  return studentsByGroup(context, { filter, sort, desc, page: readPage(args, `group-${orderKey}`), reach: viewerReach(context) });
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

/** The journal's marks of a student, per discipline and in total, each with its attendance rate. */
export async function attendanceSummary(context: HubContext, studentKey: number): Promise<AttendanceSummary> {
  const counts = await attendanceByStudent(context).load(studentKey);
  const byDiscipline = counts.map((d) => ({ ...d, attendanceRate: attendanceRate(d.present, d.late, d.lessons) }));
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
