/**
 * Access to statistics. A statistic's groups are aggregates, limited in SQL to the viewer's reach
 * (a dean's cover its faculty) and checked by domain before any SQL (statistics.read.ts); the
 * guard checks each group's domain again. Students and anonymous callers get none.
 */
import { accessPolicy } from '../../auth/policies';
import { always } from '../../auth/row-rules';
import { Domain } from '../../auth/viewer';
import { AttendanceStatistics } from './attendance-statistics';
import { GradeStatistics } from './grade-statistics';
import { StaffStatistics } from './staff-statistics';
import { LabelCount, StatisticsGroup } from './statistics.types';

/** The reaches that get statistics: their SQL limits them (avn.scopes.ts teachingStatisticsScope…). */
const UNIT_REACHES = { faculty: always, chair: always, teacher: always };

export const statisticsAccess = [
  accessPolicy(StatisticsGroup, { domain: null, rows: 'parent' }),
  accessPolicy(LabelCount, { domain: null, rows: 'parent' }),
  accessPolicy(GradeStatistics, { domain: Domain.GRADES, rows: UNIT_REACHES, refuseOutsideReach: true }),
  accessPolicy(AttendanceStatistics, { domain: Domain.ATTENDANCE, rows: UNIT_REACHES, refuseOutsideReach: true }),
  // Staffing lines are a faculty's or a chair's (avn.scopes.ts staffingScope); a teacher has none.
  accessPolicy(StaffStatistics, { domain: Domain.STAFF, rows: { faculty: always, chair: always }, refuseOutsideReach: true }),
];
