/**
 * Row rules several types share, built from the object's keys: a group the viewer's reach covers,
 * teaching records (lessons, grade sheets), the student viewer's own rows. Each is a table of
 * cases per limited reach (src/auth/policies.ts RowCases), never a switch.
 */
import type { ReachOf } from '../domain/reach';
import type { RowCases, RowRule } from './policies';

/** Every row of the reach's part of the domain (the parent object's rule has already chosen it). */
export const always = (): boolean => true;

/**
 * No row, though the reach may use the type: its lists run (and find nothing in SQL) instead of
 * being answered empty by the guard.
 */
export const never = (): boolean => false;

/** The student viewer's own row (a viewer known only by its person has no student key: none). */
export const isOwnStudent = (studentKey: number | null | undefined, self: ReachOf<'self'>): boolean =>
  studentKey != null && studentKey === self.studentKey;

/** The student's own rows, by the object's student key. */
export const ownStudentRow = <T>(studentKey: (o: T) => number | null | undefined): RowRule<T, 'self'> =>
  (o, self) => isOwnStudent(studentKey(o), self);

/** A group the viewer's reach covers: a dean's faculty's, a chair's teachers', a teacher's own, a student's own. */
export const inViewersGroups = <T>(groupKey: (o: T) => number): Required<Omit<RowCases<T>, 'public'>> => ({
  faculty: async (o, _r, f) => (await f.facultyGroups()).has(groupKey(o)),
  chair: async (o, _r, f) => (await f.chairGroups()).has(groupKey(o)),
  teacher: async (o, _r, f) => (await f.taughtGroups()).has(groupKey(o)),
  self: async (o, _r, f) => (await f.me())?.groupKey === groupKey(o),
});

/** Teaching records (lessons, grade sheets): a dean's faculty groups, a chair's teachers, a teacher's own, a student's group. */
export function teachingRows<T extends { groupKey: number; teacherKey: number }>(): RowCases<T> {
  const groups = inViewersGroups<T>((o) => o.groupKey);
  return {
    faculty: groups.faculty,
    chair: async (o, _r, f) => (await f.chairEmployees()).has(o.teacherKey),
    teacher: (o, r) => o.teacherKey === r.employeeKey,
    self: groups.self,
  };
}
