/** Every resolver of the statistics module. */
import { GradeStatisticsQueries } from './grade-statistics';
import { StatisticsGroupRelations } from './statistics-group.resolver';
import { StudentStatisticsQueries } from './student-statistics';
import { TuitionStatisticsQueries } from './tuition-statistics';

export const statisticsResolvers = [GradeStatisticsQueries, StudentStatisticsQueries, TuitionStatisticsQueries, StatisticsGroupRelations] as const;
