/**
 * Access to statistics. A statistic's groups are aggregates, limited in SQL to the viewer's reach
 * (a dean's cover its faculty) and checked by domain before any SQL (statistics.read.ts); the
 * guard checks each group's domain again, and refuses a viewer outside it or outside the unit
 * reaches (students, anonymous callers) with FORBIDDEN (`refuseOutsideReach`).
 */
import { accessPolicy } from '../../auth/policies';
import { always } from '../../auth/row-rules';
import { Domain } from '../../auth/viewer';
import { AttendanceStatistics } from './attendance-statistics';
import { AchievementReportRow } from './achievement-report';
import { GradeStatistics } from './grade-statistics';
import { StaffStatistics } from './staff-statistics';
import { StudentStatistics } from './student-statistics';
import { TuitionStatistics } from './tuition-statistics';
import { AdmissionStatistics } from './admission-statistics';
import { DormitoryStatistics } from './dormitory-statistics';
import { LibraryStatistics } from './library-statistics';
import { ServiceRequestStatistics } from './service-request-statistics';
import { LabelCount, StatisticsGroup } from './statistics.types';

/** The reaches that get statistics of teaching (grades, attendance): their SQL limits them (avn.scopes.ts teachingStatisticsScope). */
const UNIT_REACHES = { faculty: always, chair: always, teacher: always };
/** Statistics of students themselves (status, tuition, the term report): a faculty's students (studentStatisticsScope); chairs and teachers are refused, not shown zeros. */
const FACULTY_REACH = { faculty: always };

export const statisticsAccess = [
  accessPolicy(StatisticsGroup, { domain: null, rows: 'parent' }),
  accessPolicy(LabelCount, { domain: null, rows: 'parent' }),
  accessPolicy(GradeStatistics, { domain: Domain.GRADES, rows: UNIT_REACHES, refuseOutsideReach: true }),
  accessPolicy(AttendanceStatistics, { domain: Domain.ATTENDANCE, rows: UNIT_REACHES, refuseOutsideReach: true }),
  // Staffing lines are a faculty's or a chair's (avn.scopes.ts staffingScope); a teacher has none.
  accessPolicy(StaffStatistics, { domain: Domain.STAFF, rows: { faculty: always, chair: always }, refuseOutsideReach: true }),
  accessPolicy(StudentStatistics, { domain: Domain.STUDENTS, rows: FACULTY_REACH, refuseOutsideReach: true }),
  accessPolicy(TuitionStatistics, { domain: Domain.FINANCE, rows: FACULTY_REACH, refuseOutsideReach: true }),
  // Also students, attendance and finance data: its resolver checks those domains too.
  accessPolicy(AchievementReportRow, { domain: Domain.GRADES, rows: FACULTY_REACH, refuseOutsideReach: true }),
  // Applications of a faculty's programmes; cross-source statistics cover a faculty's students (AVN's step).
  accessPolicy(AdmissionStatistics, { domain: Domain.ADMISSIONS, rows: FACULTY_REACH, refuseOutsideReach: true }),
  accessPolicy(LibraryStatistics, { domain: Domain.LIBRARY, rows: FACULTY_REACH, refuseOutsideReach: true }),
  accessPolicy(DormitoryStatistics, { domain: Domain.DORMITORY, rows: FACULTY_REACH, refuseOutsideReach: true }),
  accessPolicy(ServiceRequestStatistics, { domain: Domain.REGISTRAR, rows: FACULTY_REACH, refuseOutsideReach: true }),
];
