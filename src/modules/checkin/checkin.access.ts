/** Access to QR check-in: the code is its teacher's; a check-in answer is its student's. */
import { accessPolicy } from '../../auth/policies';
import { ownStudentRow } from '../../auth/row-rules';
import { Domain } from '../../auth/viewer';
import { CheckInResult, LessonQrCode } from './checkin.types';

export const checkinAccess = [
  accessPolicy(LessonQrCode, { domain: Domain.ATTENDANCE, rows: { teacher: (q, r) => q.teacherKey === r.employeeKey } }),
  accessPolicy(CheckInResult, {
    domain: Domain.ATTENDANCE,
    rows: { self: ownStudentRow((r) => r.studentKey) },
    own: ownStudentRow((r) => r.studentKey),
  }),
];
