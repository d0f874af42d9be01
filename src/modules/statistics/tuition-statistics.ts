/** Tuition statistics: charged, paid and debt as of a day, per group of dimensions (AVN contracts and payments). */
import { Args, ArgsType, Ctx, Field, Float, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { Domain } from '../../auth/viewer';
import { validationFailed } from '../../common/errors';
import { checkAcademicYear } from '../../domain/academic-term';
import { StatisticsDimension, type TuitionStatisticsFilter } from '../../domain/statistics';
import { FundingType } from '../../domain/students';
import type { HubContext } from '../../graphql/context';
import { HubObject } from '../../graphql/object-type';
import { LocalDate } from '../../graphql/scalars';
import { TUITION_MEASURES, tuitionStatistics, type TuitionMeasure } from '../../sources/avn/avn.tuition-statistics';
import { readStatistics } from './statistics.read';
import { studentStatisticsFilter } from './statistics.where';
import { StatisticsConnectionType, StatisticsGroup, SuppressionReason, dimensionEnum, measureEnum, measureInputs } from './statistics.types';

const { FACULTY, PROGRAMME, FUNDING_TYPE, ACADEMIC_YEAR, STUDENT_STATUS } = StatisticsDimension;
export const TuitionDimension = dimensionEnum('Tuition', [FACULTY, PROGRAMME, FUNDING_TYPE, ACADEMIC_YEAR, STUDENT_STATUS]);

const AS_OF = 'as of `asOf`: contracts dated on or before it, movements dated on or before it';
const MEASURES: Record<TuitionMeasure, string> = {
  contracts: `Tuition contracts (AVN) dated on or before \`asOf\`.`,
  charged: `What the contracts charge: amount less discount, summed, ${AS_OF}.`,
  paid: `What was paid on those contracts: their payment movements dated on or before \`asOf\`, payments and corrections with their own sign, refunds always subtracted.`,
  debt: 'charged − paid (negative when overpaid). Not floored: an overpaying student lowers it.',
  debtors: 'Students whose charged − paid over their contracts in the group is above 0 (the rule of `tuitionDebtors`): over the contracts of the group\'s academic year when grouped by ACADEMIC_YEAR, else over all their contracts.',
  debtorsDebt: 'The debts of the debtors summed (what the tuition debtors list would show as their debts, as of `asOf`).',
};
export const TuitionMeasureEnum = measureEnum('Tuition', MEASURES);
const { MeasureArgs } = measureInputs('TuitionStatistics', TuitionMeasureEnum.values);

@HubObject('A group of tuition contracts (AVN) with what they charged, what was paid and the debt as of a day; the measures and head count are null when the group is withheld.', { node: false })
export class TuitionStatistics {
  @Field(() => StatisticsGroup, { description: 'The values of the dimensions this group was formed by (the academic year is the contract\'s).' })
  group!: StatisticsGroup;

  @Field({ description: 'True when the measures are withheld by disclosure control (see `suppression`).' })
  suppressed!: boolean;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the measures are withheld; null when shown.' })
  suppression!: string | null;

  @Field(() => Int, { nullable: true, description: 'Distinct students with a contract in the group.' })
  people!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.contracts })
  contracts!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.charged })
  charged!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.paid })
  paid!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.debt })
  debt!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.debtors })
  debtors!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.debtorsDebt })
  debtorsDebt!: number | null;
}

export const TuitionStatisticsConnection = StatisticsConnectionType(TuitionStatistics, 'TuitionStatistics', 'tuition contracts');

@InputType({ description: 'Which contracts tuition statistics cover. All conditions must hold.' })
export class TuitionStatisticsWhere {
  @Field(() => ID, { nullable: true, description: 'Only students of groups of programmes of this faculty or institute.' })
  facultyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only students of groups of this programme.' })
  programmeId?: string;

  @Field({ nullable: true, description: 'Only contracts of this academic year (as AVN writes it, e.g. "2025-2026"); debts are then of that year alone.' })
  academicYear?: string;

  @Field(() => FundingType, { nullable: true, description: 'Only students with this funding.' })
  fundingType?: FundingType;
}

@ArgsType()
export class TuitionStatisticsArgs extends MeasureArgs {
  @Field(() => [TuitionDimension], { description: 'The dimensions to group by (at most 4, each once); an empty list gives only `total`.' })
  groupBy!: string[];

  @Field(() => LocalDate, { nullable: true, description: 'The day the figures are taken on (contracts and movements dated on or before it); today\'s business date when omitted.' })
  asOf?: string;

  @Field(() => TuitionStatisticsWhere, { nullable: true, description: 'Which contracts to cover; all when omitted.' })
  where?: TuitionStatisticsWhere;
}

/** An ISO day, as LocalDate gives it (a string, or a Date from some scalars' parsers). */
export function isoDay(value: unknown, field: string): string {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw validationFailed('Not a date (YYYY-MM-DD).', field);
  return text;
}

@Resolver()
export class TuitionStatisticsQueries {
  @Query(() => TuitionStatisticsConnection, {
    nullable: true,
    description: 'Tuition statistics: charged, paid, debt and debtors as of a day, grouped by the chosen dimensions, with disclosure control for viewers without personal-data scope. Source: AVN contracts and payments.',
  })
  tuitionStatistics(@Args() args: TuitionStatisticsArgs, @Ctx() context: HubContext) {
    const where = args.where ?? {};
    checkAcademicYear(where.academicYear);
    const { facultyKey, programmeKey, fundingType } = studentStatisticsFilter(where);
    const asOf = args.asOf != null ? isoDay(args.asOf, 'asOf') : context.runtime.businessClock.today();
    const filter: TuitionStatisticsFilter = { facultyKey, programmeKey, fundingType, academicYear: where.academicYear ?? null, asOf };
    // The cursor is bound to the day too (`asOf` is in the arguments it hashes).
    return readStatistics(context, { name: 'tuition', domain: Domain.FINANCE, measures: TUITION_MEASURES, toMeasure: TuitionMeasureEnum.toMeasure }, { ...args, asOf } as TuitionStatisticsArgs, ({ dimensions, reach }) =>
      tuitionStatistics(context, { dimensions, filter, reach }),
    );
  }
}
