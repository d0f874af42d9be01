/** Every resolver of the statistics module. */
import { AdmissionStatisticsQueries } from './admission-statistics';
import { GradeStatisticsQueries } from './grade-statistics';
import { StatisticsGroupRelations } from './statistics-group.resolver';

export const statisticsResolvers = [GradeStatisticsQueries, AdmissionStatisticsQueries, StatisticsGroupRelations] as const;
