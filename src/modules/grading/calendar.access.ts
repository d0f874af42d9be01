/** Access to the academic calendar and grade-entry windows: public dates. */
import { accessPolicy } from '../../auth/policies';
import { Domain } from '../../auth/viewer';
import { AcademicCalendar, AcademicPeriod, GradeWindow } from './calendar.types';

export const calendarAccess = [
  accessPolicy(AcademicCalendar, { domain: Domain.CURRICULUM, rows: 'public' }),
  accessPolicy(AcademicPeriod, { domain: Domain.CURRICULUM, rows: 'public' }),
  accessPolicy(GradeWindow, { domain: Domain.CURRICULUM, rows: 'public' }),
];
