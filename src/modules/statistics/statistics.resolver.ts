/** Every resolver of the statistics module. */
import { AdmissionStatisticsQueries } from './admission-statistics';
import { DormitoryStatisticsQueries } from './dormitory-statistics';
import { GradeStatisticsQueries } from './grade-statistics';
import { LibraryStatisticsQueries } from './library-statistics';
import { ServiceRequestStatisticsQueries } from './service-request-statistics';
import { StatisticsGroupRelations } from './statistics-group.resolver';

export const statisticsResolvers = [GradeStatisticsQueries, AdmissionStatisticsQueries, LibraryStatisticsQueries, DormitoryStatisticsQueries, ServiceRequestStatisticsQueries, StatisticsGroupRelations] as const;
