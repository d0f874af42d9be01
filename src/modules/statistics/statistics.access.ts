/**
 * Access to statistics. A statistic's groups are aggregates, limited in SQL to the viewer's reach
 * (a dean's cover its faculty) and checked by domain before any SQL (statistics.read.ts); the
 * guard checks each group's domain again. Students and anonymous callers get none.
 */
import { accessPolicy } from '../../auth/policies';
import { always } from '../../auth/row-rules';
import { Domain } from '../../auth/viewer';
import { AdmissionStatistics } from './admission-statistics';
import { DormitoryStatistics } from './dormitory-statistics';
import { GradeStatistics } from './grade-statistics';
import { LibraryStatistics } from './library-statistics';
import { ServiceRequestStatistics } from './service-request-statistics';
import { LabelCount, StatisticsGroup } from './statistics.types';

/** The reaches that get statistics: their SQL limits them (avn.scopes.ts teachingStatisticsScope…). */
const UNIT_REACHES = { faculty: always, chair: always, teacher: always };

export const statisticsAccess = [
  accessPolicy(StatisticsGroup, { domain: null, rows: 'parent' }),
  accessPolicy(LabelCount, { domain: null, rows: 'parent' }),
  accessPolicy(GradeStatistics, { domain: Domain.GRADES, rows: UNIT_REACHES }),
  accessPolicy(AdmissionStatistics, { domain: Domain.ADMISSIONS, rows: UNIT_REACHES }),
  accessPolicy(LibraryStatistics, { domain: Domain.LIBRARY, rows: UNIT_REACHES }),
  accessPolicy(DormitoryStatistics, { domain: Domain.DORMITORY, rows: UNIT_REACHES }),
  accessPolicy(ServiceRequestStatistics, { domain: Domain.REGISTRAR, rows: UNIT_REACHES }),
];
