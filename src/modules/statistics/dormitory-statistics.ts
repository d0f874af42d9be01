/** Dormitory statistics by AVN's student dimensions and building: residents, occupancy and placement debt (dormitory × AVN through the identity registry). */
import { Args, ArgsType, Ctx, Field, Float, Int, Query, Resolver } from 'type-graphql';
import { Domain } from '../../auth/viewer';
import { StatisticsDimension } from '../../domain/statistics';
import type { HubContext } from '../../graphql/context';
import { HubObject } from '../../graphql/object-type';
import { DORMITORY_MEASURES, dormitoryCellStatistics, type DormitoryMeasure } from '../../sources/dormitory/dormitory.statistics';
import { CROSS_SOURCE_DIMENSIONS, CROSS_SOURCE_DIMENSION_DESCRIPTIONS, CrossSourceStatisticsWhere, THROUGH_REGISTRY, crossSourceFilter, studentGroupedStatistics } from './cross-source-statistics';
import { readStatistics } from './statistics.read';
import { StatisticsConnectionType, StatisticsGroup, SuppressionReason, dimensionEnum, measureEnum, measureInputs } from './statistics.types';

export const DormitoryDimension = dimensionEnum('Dormitory', [...CROSS_SOURCE_DIMENSIONS, StatisticsDimension.BUILDING], {
  ...CROSS_SOURCE_DIMENSION_DESCRIPTIONS,
  BUILDING: 'The dormitory building of the placement\'s bed (grouped in the dormitory\'s own database).',
});

const MEASURES: Record<DormitoryMeasure, string> = {
  residents: 'Residents (distinct people) with an active placement.',
  occupiedBeds: 'Beds with an active placement of the group\'s residents.',
  beds: 'Beds there are (blocked ones included, as the total of DormitoryBuilding.beds): the group\'s building\'s when grouped by BUILDING, else every building\'s.',
  occupancy: 'occupiedBeds over beds, from 0 to 1: the share of the beds the group occupies.',
  debt: 'Placement debt, in som: over every placement (active or ended), what is charged up to the business date (the rule of Placement.charged) minus what is paid, where that is above 0.',
  debtors: 'People with a placement in debt.',
};
export const DormitoryMeasureEnum = measureEnum('Dormitory', MEASURES);
const { MeasureArgs } = measureInputs('DormitoryStatistics', DormitoryMeasureEnum.values);

@HubObject('A group of students\' dormitory placements and its measures; the measures and head count are null when the group is withheld.', { node: false })
export class DormitoryStatistics {
  @Field(() => StatisticsGroup, { description: 'The values of the dimensions this group was formed by.' })
  group!: StatisticsGroup;

  @Field({ description: 'True when the measures are withheld by disclosure control (see `suppression`).' })
  suppressed!: boolean;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the measures are withheld; null when shown.' })
  suppression!: string | null;

  @Field(() => Int, { nullable: true, description: 'Distinct people with a placement (active or ended) in the group: registry people; a resident of no student is one person.' })
  people!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.residents })
  residents!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.occupiedBeds })
  occupiedBeds!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.beds })
  beds!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.occupancy })
  occupancy!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.debt })
  debt!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.debtors })
  debtors!: number | null;
}

export const DormitoryStatisticsConnection = StatisticsConnectionType(DormitoryStatistics, 'DormitoryStatistics', 'placements');

@ArgsType()
export class DormitoryStatisticsArgs extends MeasureArgs {
  @Field(() => [DormitoryDimension], { description: 'The dimensions to group by (at most 4, each once); an empty list gives only `total`.' })
  groupBy!: string[];

  @Field(() => CrossSourceStatisticsWhere, { nullable: true, description: 'Which students\' placements to cover; all placements when omitted.' })
  where?: CrossSourceStatisticsWhere;
}

@Resolver()
export class DormitoryStatisticsQueries {
  @Query(() => DormitoryStatisticsConnection, {
    nullable: true,
    description: `Dormitory statistics by students and building: residents, occupied beds and occupancy, placement debt and debtors, grouped by AVN student dimensions and the building, with disclosure control for viewers without personal-data scope; a dean's cover its faculty's students. ${THROUGH_REGISTRY} Sources: the dormitory system and AVN, joined through the identity registry.`,
  })
  dormitoryStatistics(@Args() args: DormitoryStatisticsArgs, @Ctx() context: HubContext) {
    const filter = crossSourceFilter(args.where);
    return readStatistics(context, { name: 'dormitory', domain: Domain.DORMITORY, measures: DORMITORY_MEASURES, toMeasure: DormitoryMeasureEnum.toMeasure }, args, ({ dimensions, reach }) =>
      studentGroupedStatistics(context, { dimensions, filter, reach, records: { source: 'dormitory.resident' } }, (request) => dormitoryCellStatistics(context, request)),
    );
  }
}
