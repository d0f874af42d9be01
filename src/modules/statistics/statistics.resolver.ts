/** Every resolver of the statistics module. */
import { AchievementReportQueries } from './achievement-report';
import { GradeStatisticsQueries } from './grade-statistics';
import { StatisticsGroupRelations } from './statistics-group.resolver';
import { StudentStatisticsQueries } from './student-statistics';
import { TuitionStatisticsQueries } from './tuition-statistics';

export const statisticsResolvers = [GradeStatisticsQueries, AchievementReportQueries, StudentStatisticsQueries, TuitionStatisticsQueries, StatisticsGroupRelations] as const;
