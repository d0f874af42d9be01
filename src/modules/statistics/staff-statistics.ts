/** Staff statistics: teaching-load hours (AVN 6) against the staffing table's rates (AVN 7) per chair, faculty and academic year. */
import { Args, ArgsType, Ctx, Field, Float, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { Domain } from '../../auth/viewer';
import { businessToday } from '../../db/read-context';
import { academicTermOn, checkAcademicYear } from '../../domain/academic-term';
import { intKeyOf } from '../../domain/global-id';
import { StatisticsDimension, type StaffStatisticsFilter } from '../../domain/statistics';
import type { HubContext } from '../../graphql/context';
import { HubObject } from '../../graphql/object-type';
import { STAFF_MEASURES, staffStatistics, type StaffMeasure } from '../../sources/avn/avn.staff-statistics';
import { readStatistics } from './statistics.read';
import { StatisticsConnectionType, StatisticsGroup, SuppressionReason, dimensionEnum, measureEnum, measureInputs } from './statistics.types';

const { CHAIR, FACULTY, ACADEMIC_YEAR } = StatisticsDimension;
export const StaffDimension = dimensionEnum('Staff', [CHAIR, FACULTY, ACADEMIC_YEAR]);

const LINES = 'the staffing-table lines (AVN 7) of the group\'s units: a chair\'s own lines; a faculty\'s own lines and its chairs\'';
const LOAD = 'teaching-load lines (AVN 6) of the group\'s employees — those with an assignment current on the business date to one of its lines, each employee once per group (a teacher of two chairs counts in both chairs, once in the faculty and once in the total) — in the academic year (the one filtered by, else the current one, unless grouped by academic year)';
const MEASURES: Record<StaffMeasure, string> = {
  rates: `Rates (ставок) provided: the sum of ${LINES} (as Chair.staffing.rates). Today's staffing table, the same in every academic year.`,
  filledRates: 'Rates taken by assignments current on the business date (each assignment\'s rate), summed over the same lines (as Chair.staffing.filledRates).',
  vacantRates: 'Rates not taken: per line its rates minus its filled rates, summed (an over-filled line counts negative; as Chair.staffing.vacantRates).',
  loadHours: `Hours of the ${LOAD} (as Chair.teachingLoad.totalHours).`,
  lectureHours: 'The lecture hours of those load lines.',
  practiceHours: 'The practice hours of those load lines.',
  labHours: 'The laboratory hours of those load lines.',
  hoursPerFilledRate: 'Load hours per filled rate (loadHours / filledRates, two decimals); null without filled rates.',
};
export const StaffMeasureEnum = measureEnum('Staff', MEASURES);
const { MeasureArgs } = measureInputs('StaffStatistics', StaffMeasureEnum.values);

@HubObject('A group of staffing-table lines and teaching load (AVN 6 and 7) and its measures; the measures and head count are null when the group is withheld.', { node: false })
export class StaffStatistics {
  @Field(() => StatisticsGroup, { description: 'The values of the dimensions this group was formed by.' })
  group!: StatisticsGroup;

  @Field({ description: 'True when the measures are withheld by disclosure control (see `suppression`).' })
  suppressed!: boolean;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the measures are withheld; null when shown.' })
  suppression!: string | null;

  @Field(() => Int, { nullable: true, description: 'Distinct employees with an assignment current on the business date to a line of the group\'s units (as Chair.staffing.teacherCount and Faculty.staffing.teacherCount): someone on two lines, or in two chairs of a faculty, counts once.' })
  people!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.rates })
  rates!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.filledRates })
  filledRates!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.vacantRates })
  vacantRates!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.loadHours })
  loadHours!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.lectureHours })
  lectureHours!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.practiceHours })
  practiceHours!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.labHours })
  labHours!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.hoursPerFilledRate })
  hoursPerFilledRate!: number | null;
}

export const StaffStatisticsConnection = StatisticsConnectionType(StaffStatistics, 'StaffStatistics', 'staffing lines and teaching load');

@InputType({ description: 'Which staffing lines, employees and load staff statistics cover. All conditions must hold.' })
export class StaffStatisticsWhere {
  @Field(() => ID, { nullable: true, description: 'Only the lines of this faculty (its own and its chairs\') and their employees.' })
  facultyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only the lines of this chair and their employees.' })
  chairId?: string;

  @Field({ nullable: true, description: 'The teaching load of this academic year (e.g. "2026-2027"); the current one when omitted, unless grouped by ACADEMIC_YEAR (then every year).' })
  academicYear?: string;
}

@ArgsType()
export class StaffStatisticsArgs extends MeasureArgs {
  @Field(() => [StaffDimension], { description: 'The dimensions to group by (each once); an empty list gives only `total`.' })
  groupBy!: string[];

  @Field(() => StaffStatisticsWhere, { nullable: true, description: 'Which units and year to cover; all units and the current year when omitted.' })
  where?: StaffStatisticsWhere;
}

@Resolver()
export class StaffStatisticsQueries {
  @Query(() => StaffStatisticsConnection, {
    nullable: true,
    description: 'Staff statistics: teaching-load hours against the staffing table\'s rates (provided, filled today, vacant) and the employees holding them, grouped by chair, faculty and academic year, with disclosure control (counting employees) for viewers without personal-data scope. Source: AVN teaching load (6) and staffing table (7).',
  })
  staffStatistics(@Args() args: StaffStatisticsArgs, @Ctx() context: HubContext) {
    const where = args.where ?? {};
    checkAcademicYear(where.academicYear);
    const filter: StaffStatisticsFilter = {
      facultyKey: where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null,
      chairKey: where.chairId ? intKeyOf(where.chairId, 'Chair') : null,
      academicYear: where.academicYear ?? (args.groupBy.includes(ACADEMIC_YEAR) ? null : academicTermOn(businessToday(context)).academicYear),
    };
    return readStatistics(context, { name: 'staffing', domain: Domain.STAFF, measures: STAFF_MEASURES, toMeasure: StaffMeasureEnum.toMeasure }, args, ({ dimensions, reach }) =>
      staffStatistics(context, { dimensions, filter, reach }),
    );
  }
}
