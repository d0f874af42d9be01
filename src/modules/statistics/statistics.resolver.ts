/** Every resolver of the statistics module. */
import { GradeStatisticsQueries } from './grade-statistics';
import { StatisticsGroupRelations } from './statistics-group.resolver';

export const statisticsResolvers = [GradeStatisticsQueries, StatisticsGroupRelations] as const;
