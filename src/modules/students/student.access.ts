/**
 * Access to students, people and the study card. A student's rows follow its faculty and the
 * groups a chair's teachers or a teacher teach; a student sees its own record. Objects about one
 * student (a contract, a debt) are seen where that student is (`ofStudent`).
 */
import { accessPolicy, type RowCases } from '../../auth/policies';
import { isOwnStudent } from '../../auth/row-rules';
import { sees } from '../../auth/guard/visibility';
import { Domain } from '../../auth/viewer';
import { personScope } from '../../hub/identity/identity.scopes';
import { studentScope } from '../../sources/avn/avn.scopes';
import { studentById } from '../../sources/avn/avn.students';
import { AcademicDebtor } from './academic-debtor.types';
import { IdentityRecord, Person, Student } from './student.types';
import { AttendanceSummary, DisciplineAttendance, DisciplineRegistration, GradeRecord, SemesterRecord } from './study-card.types';

export const studentAccess = accessPolicy(Student, {
  domain: Domain.STUDENTS,
  rows: {
    faculty: (s, r) => s.facultyKey === r.facultyKey,
    chair: async (s, _r, f) => (await f.chairGroups()).has(s.groupKey),
    teacher: async (s, _r, f) => (await f.taughtGroups()).has(s.groupKey),
  },
  own: (s, self) => isOwnStudent(s.key, self),
  scope: studentScope,
  fieldDomains: { gpa: Domain.GRADES, earnedCredits: Domain.GRADES, tuitionBalance: Domain.FINANCE, libraryDebt: Domain.LIBRARY },
  personRecord: true,
});

/** An object about one AVN student (by its student key): visible where that student is; the student's own. */
export function ofStudent<T>(studentKey: (o: T) => number | null): RowCases<T> {
  const where = async (o: T, f: Parameters<NonNullable<RowCases<T>['faculty']>>[2]) => {
    const key = studentKey(o);
    if (key == null) return false;
    const student = await studentById(f.context).load(key);
    return student != null && sees(f, studentAccess, student);
  };
  return {
    faculty: (o, _r, f) => where(o, f),
    chair: (o, _r, f) => where(o, f),
    teacher: (o, _r, f) => where(o, f),
    self: (o, self) => isOwnStudent(studentKey(o), self),
  };
}

export const studentsAccess = [
  studentAccess,
  accessPolicy(Person, {
    domain: Domain.IDENTITY,
    rows: {},
    own: async (p, self, f) => p.key === (self.personKey ?? (await f.me())?.personKey),
    scope: personScope,
    personRecord: true,
  }),
  accessPolicy(IdentityRecord, { domain: Domain.IDENTITY, rows: 'parent' }),
  accessPolicy(DisciplineRegistration, { domain: Domain.GRADES, rows: 'parent' }),
  accessPolicy(SemesterRecord, { domain: Domain.GRADES, rows: 'parent' }),
  accessPolicy(GradeRecord, { domain: Domain.GRADES, rows: 'parent' }),
  accessPolicy(AttendanceSummary, { domain: Domain.ATTENDANCE, rows: 'parent' }),
  accessPolicy(DisciplineAttendance, { domain: Domain.ATTENDANCE, rows: 'parent' }),
  accessPolicy(AcademicDebtor, { domain: Domain.GRADES, rows: ofStudent<AcademicDebtor>((d) => d.studentKey), scope: studentScope }),
];
