/** The resolver lists of the staff, curriculum and attendance (journal, QR-visit) modules, registered together. */
import { staffResolvers } from './staff.resolver';
import { curriculumResolvers } from '../curriculum/curriculum.resolver';
import { gradeSheetResolvers } from '../curriculum/grade-sheet.resolver';
import { lessonResolvers } from '../attendance/lesson.resolver';
import { qrSessionResolvers } from '../attendance/qr-session.resolver';

export const staffCurriculumAttendanceResolvers = [
  ...staffResolvers,
  ...curriculumResolvers,
  ...gradeSheetResolvers,
  ...lessonResolvers,
  ...qrSessionResolvers,
] as const;
