/** Library statistics by AVN's student dimensions: loans, overdue loans and fines of students' reader cards (library × AVN through the identity registry). */
import { Args, ArgsType, Ctx, Field, Float, Int, Query, Resolver } from 'type-graphql';
import { Domain } from '../../auth/viewer';
import type { HubContext } from '../../graphql/context';
import { HubObject } from '../../graphql/object-type';
import { LIBRARY_MEASURES, libraryCellStatistics, type LibraryMeasure } from '../../sources/library/library.statistics';
import { LIBRARY_CARDS, CROSS_SOURCE_DIMENSIONS, CROSS_SOURCE_DIMENSION_DESCRIPTIONS, CrossSourceStatisticsWhere, THROUGH_REGISTRY, crossSourceFilter, studentGroupedStatistics } from './cross-source-statistics';
import { readStatistics } from './statistics.read';
import { StatisticsConnectionType, StatisticsGroup, SuppressionReason, dimensionEnum, measureEnum, measureInputs } from './statistics.types';

export const LibraryDimension = dimensionEnum('Library', CROSS_SOURCE_DIMENSIONS, CROSS_SOURCE_DIMENSION_DESCRIPTIONS);

const MEASURES: Record<LibraryMeasure, string> = {
  loans: 'Loans on record of the group\'s reader cards: out now or returned.',
  openLoans: 'Loans out now (not returned).',
  overdueLoans: 'Loans out now past their due time at the business instant (the rule of LibraryLoan.isOverdue).',
  debt: 'Outstanding fines, in som: the sum of the amounts still owed on the cards\' fines and charges.',
  debtors: 'Readers (distinct people) owing fines (outstanding above 0).',
};
export const LibraryMeasureEnum = measureEnum('Library', MEASURES);
const { MeasureArgs } = measureInputs('LibraryStatistics', LibraryMeasureEnum.values);

@HubObject('A group of students\' library reader cards and its measures; the measures and head count are null when the group is withheld.', { node: false })
export class LibraryStatistics {
  @Field(() => StatisticsGroup, { description: 'The values of the dimensions this group was formed by.' })
  group!: StatisticsGroup;

  @Field({ description: 'True when the measures are withheld by disclosure control (see `suppression`).' })
  suppressed!: boolean;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the measures are withheld; null when shown.' })
  suppression!: string | null;

  @Field(() => Int, { nullable: true, description: 'Distinct readers in the group: registry people (all of a person\'s cards count once); a card of no student counts as one reader.' })
  people!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.loans })
  loans!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.openLoans })
  openLoans!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.overdueLoans })
  overdueLoans!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.debt })
  debt!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.debtors })
  debtors!: number | null;
}

export const LibraryStatisticsConnection = StatisticsConnectionType(LibraryStatistics, 'LibraryStatistics', 'reader cards');

@ArgsType()
export class LibraryStatisticsArgs extends MeasureArgs {
  @Field(() => [LibraryDimension], { description: 'The dimensions to group by (at most 4, each once); an empty list gives only `total`.' })
  groupBy!: string[];

  @Field(() => CrossSourceStatisticsWhere, { nullable: true, description: 'Which students\' cards to cover; all cards when omitted.' })
  where?: CrossSourceStatisticsWhere;
}

@Resolver()
export class LibraryStatisticsQueries {
  @Query(() => LibraryStatisticsConnection, {
    nullable: true,
    description: `Library statistics by students: loans, open and overdue loans, outstanding fines and debtors, grouped by AVN student dimensions (faculty, programme, status…), with disclosure control for viewers without personal-data scope; a dean's cover its faculty's students. ${THROUGH_REGISTRY} Sources: the library (Koha) and AVN, joined through the identity registry.`,
  })
  libraryStatistics(@Args() args: LibraryStatisticsArgs, @Ctx() context: HubContext) {
    const filter = crossSourceFilter(args.where);
    return readStatistics(context, { name: 'library', domain: Domain.LIBRARY, measures: LIBRARY_MEASURES, toMeasure: LibraryMeasureEnum.toMeasure }, args, ({ dimensions, reach }) =>
      studentGroupedStatistics(context, { dimensions, filter, reach, records: LIBRARY_CARDS }, (request) => libraryCellStatistics(context, request)),
    );
  }
}
