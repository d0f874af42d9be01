/**
 * Access to statistics. A statistic's groups are aggregates, limited in SQL to the viewer's reach
 * (a dean's cover its faculty) and checked by domain before any SQL (statistics.read.ts); the
 * guard checks each group's domain again, and refuses a viewer outside it or outside the unit
 * reaches (students, anonymous callers) with FORBIDDEN (`refuseOutsideReach`).
 */
import { accessPolicy } from '../../auth/policies';
import { always } from '../../auth/row-rules';
import { Domain } from '../../auth/viewer';
import { AchievementReportRow } from './achievement-report';
import { GradeStatistics } from './grade-statistics';
import { StudentStatistics } from './student-statistics';
import { TuitionStatistics } from './tuition-statistics';
import { LabelCount, StatisticsGroup } from './statistics.types';

/** The reaches that get statistics: their SQL limits them (avn.scopes.ts teachingStatisticsScope…). */
const UNIT_REACHES = { faculty: always, chair: always, teacher: always };

export const statisticsAccess = [
  accessPolicy(StatisticsGroup, { domain: null, rows: 'parent' }),
  accessPolicy(LabelCount, { domain: null, rows: 'parent' }),
  accessPolicy(GradeStatistics, { domain: Domain.GRADES, rows: UNIT_REACHES, refuseOutsideReach: true }),
  accessPolicy(StudentStatistics, { domain: Domain.STUDENTS, rows: UNIT_REACHES, refuseOutsideReach: true }),
  accessPolicy(TuitionStatistics, { domain: Domain.FINANCE, rows: UNIT_REACHES, refuseOutsideReach: true }),
  // Also students, attendance and finance data: its resolver checks those domains too.
  accessPolicy(AchievementReportRow, { domain: Domain.GRADES, rows: UNIT_REACHES, refuseOutsideReach: true }),
];
