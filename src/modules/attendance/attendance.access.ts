/** Access to the journal and QR-visit: lessons by teacher and group; a student sees its own marks and scans. */
import { accessPolicy } from '../../auth/policies';
import type { ViewerFacts } from '../../auth/guard/facts';
import { always, ownStudentRow, teachingRows } from '../../auth/row-rules';
import { sees } from '../../auth/guard/visibility';
import { Domain } from '../../auth/viewer';
import { lessonById } from '../../sources/avn/avn.journal';
import { teachingScope } from '../../sources/avn/avn.scopes';
import { AttendanceCounts, AttendanceMark, Lesson } from './lesson.types';
import { QrScan, QrSession } from './qr-session.types';

export const lessonAccess = accessPolicy(Lesson, { domain: Domain.ATTENDANCE, rows: teachingRows<Lesson>(), scope: teachingScope });

/** A session is seen where its journal lesson is. */
const whereItsLesson = async (q: QrSession, _reach: unknown, f: ViewerFacts) => {
  const lesson = await lessonById(f.context).load(q.lessonKey);
  return lesson != null && sees(f, lessonAccess, lesson);
};

export const attendanceAccess = [
  lessonAccess,
  accessPolicy(AttendanceMark, {
    domain: Domain.ATTENDANCE,
    rows: { faculty: always, chair: always, teacher: always, self: ownStudentRow((m) => m.studentKey) },
  }),
  accessPolicy(AttendanceCounts, { domain: Domain.ATTENDANCE, rows: 'parent' }),
  accessPolicy(QrSession, { domain: Domain.ATTENDANCE, rows: { faculty: whereItsLesson, chair: whereItsLesson, teacher: whereItsLesson, self: whereItsLesson } }),
  accessPolicy(QrScan, {
    domain: Domain.ATTENDANCE,
    rows: { faculty: always, chair: always, teacher: always, self: async (s, _r, f) => s.studentNumber === (await f.me())?.studentNumber },
  }),
];
