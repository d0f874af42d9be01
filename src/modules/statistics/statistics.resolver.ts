/** Every resolver of the statistics module. */
import { AttendanceStatisticsQueries } from './attendance-statistics';
import { GradeStatisticsQueries } from './grade-statistics';
import { StaffStatisticsQueries } from './staff-statistics';
import { StatisticsGroupRelations } from './statistics-group.resolver';

export const statisticsResolvers = [GradeStatisticsQueries, AttendanceStatisticsQueries, StaffStatisticsQueries, StatisticsGroupRelations] as const;
