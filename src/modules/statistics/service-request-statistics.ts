/** Single Window statistics by request type, status and AVN's student dimensions: requests, completion time and overdue (registrar × AVN by student number). */
import { Args, ArgsType, Ctx, Field, Float, Int, Query, Resolver } from 'type-graphql';
import { Domain } from '../../auth/viewer';
import { StatisticsDimension } from '../../domain/statistics';
import type { HubContext } from '../../graphql/context';
import { HubObject } from '../../graphql/object-type';
import { REQUEST_MEASURES, requestCellStatistics, type RequestMeasure } from '../../sources/registrar/registrar.statistics';
import { CROSS_SOURCE_DIMENSIONS, CROSS_SOURCE_DIMENSION_DESCRIPTIONS, CrossSourceStatisticsWhere, crossSourceFilter, studentGroupedStatistics } from './cross-source-statistics';
import { readStatistics } from './statistics.read';
import { StatisticsConnectionType, StatisticsGroup, SuppressionReason, dimensionEnum, measureEnum, measureInputs } from './statistics.types';

export const ServiceRequestDimension = dimensionEnum('ServiceRequest', [...CROSS_SOURCE_DIMENSIONS, StatisticsDimension.REQUEST_TYPE, StatisticsDimension.REQUEST_STATUS], {
  ...CROSS_SOURCE_DIMENSION_DESCRIPTIONS,
  REQUEST_TYPE: 'The request type (its code, as ServiceRequestType.code).',
  REQUEST_STATUS: 'The request\'s status now (a ServiceRequestStatus value).',
});

const MEASURES: Record<RequestMeasure, string> = {
  requests: 'Single Window requests.',
  completed: 'Requests completed: their status history reached READY or ISSUED.',
  medianDaysToComplete: 'The median time from submission to completion (the first READY or ISSUED in the status history), in days (fractions of a day included), over the completed requests.',
  overdue: 'Requests still open (SUBMITTED or IN_PROGRESS) past their deadline — submission plus the type\'s SLA in calendar days — at the business instant (the rule of ServiceRequest.overdue).',
};
export const ServiceRequestMeasureEnum = measureEnum('ServiceRequest', MEASURES);
const { MeasureArgs } = measureInputs('ServiceRequestStatistics', ServiceRequestMeasureEnum.values);

@HubObject('A group of Single Window requests and its measures; the measures and head count are null when the group is withheld.', { node: false })
export class ServiceRequestStatistics {
  @Field(() => StatisticsGroup, { description: 'The values of the dimensions this group was formed by.' })
  group!: StatisticsGroup;

  @Field({ description: 'True when the measures are withheld by disclosure control (see `suppression`).' })
  suppressed!: boolean;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the measures are withheld; null when shown.' })
  suppression!: string | null;

  @Field(() => Int, { nullable: true, description: 'Distinct applicants in the group: registry people for students; others by the PIN or student number they gave, else each request.' })
  people!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.requests })
  requests!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.completed })
  completed!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.medianDaysToComplete })
  medianDaysToComplete!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.overdue })
  overdue!: number | null;
}

export const ServiceRequestStatisticsConnection = StatisticsConnectionType(ServiceRequestStatistics, 'ServiceRequestStatistics', 'Single Window requests');

@ArgsType()
export class ServiceRequestStatisticsArgs extends MeasureArgs {
  @Field(() => [ServiceRequestDimension], { description: 'The dimensions to group by (at most 4, each once); an empty list gives only `total`.' })
  groupBy!: string[];

  @Field(() => CrossSourceStatisticsWhere, { nullable: true, description: 'Which students\' requests to cover; all requests when omitted.' })
  where?: CrossSourceStatisticsWhere;
}

@Resolver()
export class ServiceRequestStatisticsQueries {
  @Query(() => ServiceRequestStatisticsConnection, {
    nullable: true,
    description: 'Single Window statistics: requests, completed, median days to complete and overdue, grouped by request type, status and AVN student dimensions, with disclosure control for viewers without personal-data scope; a dean\'s cover its faculty\'s students. A request belongs to the AVN student whose student number the applicant gave, as the registrar\'s row rule reads it; requests of no student form the group whose student dimensions are null, shown only when every student is covered (whole-university reach, no student condition). Sources: the registrar and AVN.',
  })
  serviceRequestStatistics(@Args() args: ServiceRequestStatisticsArgs, @Ctx() context: HubContext) {
    const filter = crossSourceFilter(args.where);
    return readStatistics(context, { name: 'serviceRequests', domain: Domain.REGISTRAR, measures: REQUEST_MEASURES, toMeasure: ServiceRequestMeasureEnum.toMeasure }, args, ({ dimensions, reach }) =>
      studentGroupedStatistics(context, { dimensions, filter, reach, records: { studentNumbers: true } }, (request) => requestCellStatistics(context, request)),
    );
  }
}
