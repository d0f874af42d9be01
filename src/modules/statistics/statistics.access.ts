/**
 * Access to statistics. A statistic's groups are aggregates, limited in SQL to the viewer's reach
 * (a dean's cover its faculty) and checked by domain and reach before any SQL (statistics.read.ts
 * statisticsReach: the statistic's domain, a unit role or analyst scope). Students, anonymous
 * callers and viewers without the statistic's domain get FORBIDDEN there.
 *
 * So that they do — rather than the guard answering for them an empty connection, whose required
 * `total` it cannot give — a group type's policy names no domain and has a rule for every limited
 * reach: the resolver always runs and refuses. 'self' and 'public' never see a group.
 */
import { accessPolicy } from '../../auth/policies';
import { always, never } from '../../auth/row-rules';
import { AchievementReportRow } from './achievement-report';
import { GradeStatistics } from './grade-statistics';
import { StudentStatistics } from './student-statistics';
import { TuitionStatistics } from './tuition-statistics';
import { LabelCount, StatisticsGroup } from './statistics.types';

/** The reaches that get statistics: their SQL limits them (avn.scopes.ts teachingStatisticsScope…). */
export const UNIT_REACHES = { faculty: always, chair: always, teacher: always, self: never, public: never };

export const statisticsAccess = [
  accessPolicy(StatisticsGroup, { domain: null, rows: 'parent' }),
  accessPolicy(LabelCount, { domain: null, rows: 'parent' }),
  // The domain of each is checked by its resolver (GRADES, STUDENTS, FINANCE).
  accessPolicy(GradeStatistics, { domain: null, rows: UNIT_REACHES }),
  accessPolicy(StudentStatistics, { domain: null, rows: UNIT_REACHES }),
  accessPolicy(TuitionStatistics, { domain: null, rows: UNIT_REACHES }),
  // Students, grades, attendance and finance: all four checked by its resolver.
  accessPolicy(AchievementReportRow, { domain: null, rows: UNIT_REACHES }),
];
