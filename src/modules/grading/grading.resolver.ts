/** Every resolver of the grading module (academic calendar + grade entry), for src/modules/index.ts. */
import { academicCalendarResolvers } from './calendar.resolver';
import { gradeEntryResolvers } from './grade-entry.resolver';

export const gradingResolvers = [...academicCalendarResolvers, ...gradeEntryResolvers] as const;
