/** Grade statistics: the counted final results per group of dimensions (AVN 5, grade sheets and the grading scale). */
import { Args, ArgsType, Ctx, Field, Float, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { Domain } from '../../auth/viewer';
import { StatisticsDimension, type StudentStatisticsFilter } from '../../domain/statistics';
import { FundingType, Gender } from '../../domain/students';
import type { HubContext } from '../../graphql/context';
import { HubObject } from '../../graphql/object-type';
import { GRADE_MEASURES, gradeStatistics, type GradeMeasure } from '../../sources/avn/avn.grade-statistics';
import { readStatistics } from './statistics.read';
import { studentStatisticsFilter } from './statistics.where';
import { LabelCount, StatisticsConnectionType, StatisticsGroup, SuppressionReason, dimensionEnum, measureEnum, measureInputs } from './statistics.types';

const { FACULTY, PROGRAMME, GROUP, YEAR_OF_STUDY, INTAKE_YEAR, ACADEMIC_YEAR, SEMESTER, DISCIPLINE, TEACHER, FUNDING_TYPE, GENDER } = StatisticsDimension;
export const GradeDimension = dimensionEnum('Grade', [FACULTY, PROGRAMME, GROUP, YEAR_OF_STUDY, INTAKE_YEAR, ACADEMIC_YEAR, SEMESTER, DISCIPLINE, TEACHER, FUNDING_TYPE, GENDER]);

const COUNTED = 'a counted result: per student, curriculum item, academic year and semester, the latest grade sheet (by opening date) with a total — the rule of the GPA';
const MEASURES: Record<GradeMeasure, string> = {
  graded: `Counted results (${COUNTED}).`,
  averageTotal: 'The average total score (0–100) of the counted results.',
  passRate: 'Passed results over counted results, from 0 to 1: passed means grade points above 0 on AVN\'s grading scale (a total of 60 or more, letters A–E).',
  passed: 'Counted results with grade points above 0 on the grading scale (letters A–E).',
  failures: 'Counted results with 0 grade points on the grading scale (letter F, a total below 60): academic debts.',
  averagePoints: 'The average grade points (0–4) of the counted results, as in the GPA.',
};
export const GradeMeasureEnum = measureEnum('Grade', MEASURES);
const { MeasureArgs } = measureInputs('GradeStatistics', GradeMeasureEnum.values);

@HubObject('A group of final results (AVN grade sheets) and its measures; the measures and head count are null when the group is withheld.', { node: false })
export class GradeStatistics {
  @Field(() => StatisticsGroup, { description: 'The values of the dimensions this group was formed by.' })
  group!: StatisticsGroup;

  @Field({ description: 'True when the measures are withheld by disclosure control (see `suppression`).' })
  suppressed!: boolean;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the measures are withheld; null when shown.' })
  suppression!: string | null;

  @Field(() => Int, { nullable: true, description: 'Distinct students with a counted result in the group.' })
  people!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.graded })
  graded!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.averageTotal })
  averageTotal!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.passRate })
  passRate!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.passed })
  passed!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.failures })
  failures!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.averagePoints })
  averagePoints!: number | null;

  @Field(() => [LabelCount], { nullable: true, description: 'Counted results by letter of the grading scale, best first (every letter listed, zeros included).' })
  distribution!: LabelCount[] | null;
}

export const GradeStatisticsConnection = StatisticsConnectionType(GradeStatistics, 'GradeStatistics', 'final results');

@InputType({ description: 'Which final results grade statistics cover. All conditions must hold.' })
export class GradeStatisticsWhere {
  @Field(() => ID, { nullable: true, description: 'Only groups of programmes of this faculty or institute.' })
  facultyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only groups of this programme.' })
  programmeId?: string;

  @Field(() => ID, { nullable: true, description: 'Only this study group (the grade sheet\'s group).' })
  groupId?: string;

  @Field({ nullable: true, description: 'Only this academic year (as AVN writes it, e.g. "2025-2026").' })
  academicYear?: string;

  @Field(() => Int, { nullable: true, description: 'Only this semester of study.' })
  semester?: number;

  @Field(() => ID, { nullable: true, description: 'Only this discipline.' })
  disciplineId?: string;

  @Field(() => ID, { nullable: true, description: 'Only results on this teacher\'s grade sheets.' })
  teacherId?: string;

  @Field(() => FundingType, { nullable: true, description: 'Only students with this funding.' })
  fundingType?: FundingType;

  @Field(() => Gender, { nullable: true, description: 'Only students of this gender.' })
  gender?: Gender;
}

@ArgsType()
export class GradeStatisticsArgs extends MeasureArgs {
  @Field(() => [GradeDimension], { description: 'The dimensions to group by (at most 4, each once); an empty list gives only `total`.' })
  groupBy!: string[];

  @Field(() => GradeStatisticsWhere, { nullable: true, description: 'Which results to cover; all when omitted.' })
  where?: GradeStatisticsWhere;
}

@Resolver()
export class GradeStatisticsQueries {
  @Query(() => GradeStatisticsConnection, {
    nullable: true,
    description: 'Grade statistics: counted final results, average total, pass rate, failures and letters, grouped by the chosen dimensions, with disclosure control for viewers without personal-data scope. Source: AVN grade sheets (5.11).',
  })
  gradeStatistics(@Args() args: GradeStatisticsArgs, @Ctx() context: HubContext) {
    const filter: StudentStatisticsFilter = studentStatisticsFilter(args.where ?? {});
    return readStatistics(context, { name: 'grades', domain: Domain.GRADES, measures: GRADE_MEASURES, toMeasure: GradeMeasureEnum.toMeasure }, args, ({ dimensions, reach }) =>
      gradeStatistics(context, { dimensions, filter, reach }),
    );
  }
}
