/** Every resolver of the statistics module. */
import { AttendanceStatisticsQueries } from './attendance-statistics';
import { AchievementReportQueries } from './achievement-report';
import { GradeStatisticsQueries } from './grade-statistics';
import { StaffStatisticsQueries } from './staff-statistics';
import { AdmissionStatisticsQueries } from './admission-statistics';
import { DormitoryStatisticsQueries } from './dormitory-statistics';
import { LibraryStatisticsQueries } from './library-statistics';
import { ServiceRequestStatisticsQueries } from './service-request-statistics';
import { StatisticsGroupRelations } from './statistics-group.resolver';
import { StudentStatisticsQueries } from './student-statistics';
import { TuitionStatisticsQueries } from './tuition-statistics';

export const statisticsResolvers = [
  GradeStatisticsQueries,
  AttendanceStatisticsQueries,
  StaffStatisticsQueries,
  StudentStatisticsQueries,
  TuitionStatisticsQueries,
  AdmissionStatisticsQueries,
  LibraryStatisticsQueries,
  DormitoryStatisticsQueries,
  ServiceRequestStatisticsQueries,
  AchievementReportQueries,
  StatisticsGroupRelations,
] as const;
