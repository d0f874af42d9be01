/**
 * The achievement report (5.11): a term's figures per faculty, programme or group — students by
 * status, average grades, excellent / good / satisfactory / failing students, pass rate, academic
 * and tuition debtors, attendance — with the disclosure control of statistics (a row's people are
 * the unit's students). Also served as CSV (src/server/achievement-csv.ts), through this field.
 */
import { Args, ArgsType, Ctx, Field, Float, ID, InputType, Int, Query, Resolver, registerEnumType } from 'type-graphql';
import { Domain } from '../../auth/viewer';
import { checkAcademicYear, termDays } from '../../domain/academic-term';
import { AcademicTerm } from '../../domain/curriculum';
import { StatisticsDimension, type AchievementLevel, type AchievementReportFilter } from '../../domain/statistics';
import type { HubContext } from '../../graphql/context';
import { PageArgs } from '../../graphql/connection';
import { HubObject } from '../../graphql/object-type';
import { LocalDate } from '../../graphql/scalars';
import { ACHIEVEMENT_MEASURES, achievementReport, type AchievementMeasure } from '../../sources/avn/avn.achievement-report';
import { readStatistics, statisticsReach } from './statistics.read';
import { studentStatisticsFilter } from './statistics.where';
import { LabelCount, StatisticsConnectionType, StatisticsGroup, SuppressionReason, measureEnum, measureInputs } from './statistics.types';
import { isoDay } from './tuition-statistics';
import '../curriculum/academic-term.enum';

export const AchievementLevelEnum: { readonly [L in AchievementLevel]: L } = {
  FACULTY: StatisticsDimension.FACULTY,
  PROGRAMME: StatisticsDimension.PROGRAMME,
  GROUP: StatisticsDimension.GROUP,
};
registerEnumType(AchievementLevelEnum, {
  name: 'AchievementLevel',
  description: 'The organisation unit an achievement report has one row per.',
  valuesConfig: {
    FACULTY: { description: 'One row per faculty or institute.' },
    PROGRAMME: { description: 'One row per programme of study.' },
    GROUP: { description: 'One row per study group.' },
  },
});

const COUNTED = 'counted results of the term (per student, curriculum item, academic year and semester the latest grade sheet with a total — the rule of the GPA; semesters of the term\'s parity in the academic year)';
const BAND = 'by the student\'s counted results of the term, with grade points by the grading scale';
export const ACHIEVEMENT_MEASURE_DESCRIPTIONS: Record<AchievementMeasure, string> = {
  students: 'The unit\'s students: the students of its study groups, whatever their status today.',
  studying: 'The unit\'s students whose status today is STUDYING.',
  academicLeave: 'The unit\'s students whose status today is ACADEMIC_LEAVE.',
  expelled: 'The unit\'s students whose status today is EXPELLED.',
  graduated: 'The unit\'s students whose status today is GRADUATED.',
  graded: `Students with at least one of the ${COUNTED}.`,
  results: `The ${COUNTED}, counted.`,
  averageTotal: 'The average total score (0–100) of the counted results of the term.',
  averagePoints: 'The average grade points (0–4) of the counted results of the term, as in the GPA.',
  excellent: `Excellent students, ${BAND}: no failed result and an average of 4.00 (every result an A).`,
  good: `Good students, ${BAND}: no failed result and an average from 3.00 to below 4.00.`,
  satisfactory: `Satisfactory students, ${BAND}: no failed result and an average above 0 and below 3.00.`,
  failing: `Failing students, ${BAND}: at least one failed result (0 grade points, letter F), whatever the average.`,
  passRate: 'Graded students with no failed result over graded students, from 0 to 1 ((excellent + good + satisfactory) / graded).',
  academicDebtors: 'Academic debtors: students with at least one failed counted result in the term (the same students as `failing`).',
  tuitionDebtors: 'Tuition debtors as of `asOf`: students whose contracts dated by then charge more than was paid on them by then (the rule of `tuitionDebtors`, over all their contracts).',
  attendanceMarks: 'Electronic journal marks of the unit\'s students on lessons dated within the term.',
  attendanceRate: 'Marks of PRESENT or LATE over all those marks, from 0 to 1 (the rule of the study card\'s attendance summary).',
};
export const AchievementMeasureEnum = measureEnum('AchievementReport', ACHIEVEMENT_MEASURE_DESCRIPTIONS);
const { Condition, Order } = measureInputs('AchievementReport', AchievementMeasureEnum.values);
const M = ACHIEVEMENT_MEASURE_DESCRIPTIONS;

@HubObject('One row of the achievement report: a faculty, programme or group and its figures for the term; the figures and head count are null when the row is withheld.', { node: false })
export class AchievementReportRow {
  @Field(() => StatisticsGroup, { description: 'The unit of this row (its `faculty`, `programme` or `studyGroup`).' })
  group!: StatisticsGroup;

  @Field({ description: 'True when the figures are withheld by disclosure control (see `suppression`).' })
  suppressed!: boolean;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the figures are withheld; null when shown.' })
  suppression!: string | null;

  @Field(() => Int, { nullable: true, description: 'The unit\'s students (the people the row is about; the same as `students`).' })
  people!: number | null;

  @Field(() => Int, { nullable: true, description: M.students }) students!: number | null;
  @Field(() => Int, { nullable: true, description: M.studying }) studying!: number | null;
  @Field(() => Int, { nullable: true, description: M.academicLeave }) academicLeave!: number | null;
  @Field(() => Int, { nullable: true, description: M.expelled }) expelled!: number | null;
  @Field(() => Int, { nullable: true, description: M.graduated }) graduated!: number | null;
  @Field(() => Int, { nullable: true, description: M.graded }) graded!: number | null;
  @Field(() => Int, { nullable: true, description: M.results }) results!: number | null;
  @Field(() => Float, { nullable: true, description: M.averageTotal }) averageTotal!: number | null;
  @Field(() => Float, { nullable: true, description: M.averagePoints }) averagePoints!: number | null;
  @Field(() => Int, { nullable: true, description: M.excellent }) excellent!: number | null;
  @Field(() => Int, { nullable: true, description: M.good }) good!: number | null;
  @Field(() => Int, { nullable: true, description: M.satisfactory }) satisfactory!: number | null;
  @Field(() => Int, { nullable: true, description: M.failing }) failing!: number | null;
  @Field(() => Float, { nullable: true, description: M.passRate }) passRate!: number | null;
  @Field(() => Int, { nullable: true, description: M.academicDebtors }) academicDebtors!: number | null;
  @Field(() => Int, { nullable: true, description: M.tuitionDebtors }) tuitionDebtors!: number | null;
  @Field(() => Int, { nullable: true, description: M.attendanceMarks }) attendanceMarks!: number | null;
  @Field(() => Float, { nullable: true, description: M.attendanceRate }) attendanceRate!: number | null;

  @Field(() => [LabelCount], { nullable: true, description: 'The unit\'s students by status today (STUDYING, ACADEMIC_LEAVE, EXPELLED, GRADUATED; zeros included).' })
  distribution!: LabelCount[] | null;
}

export const AchievementReportConnection = StatisticsConnectionType(AchievementReportRow, 'AchievementReport', 'the achievement report\'s rows (units)');

@InputType({ description: 'Which units the achievement report covers. All conditions must hold.' })
export class AchievementReportWhere {
  @Field(() => ID, { nullable: true, description: 'Only units of this faculty or institute.' })
  facultyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only units of this programme.' })
  programmeId?: string;
}

@ArgsType()
export class AchievementReportArgs extends PageArgs {
  @Field(() => AchievementLevelEnum, { description: 'One row per faculty, per programme or per group.' })
  level!: AchievementLevel;

  @Field({ description: 'The academic year, as AVN writes it (e.g. "2025-2026").' })
  academicYear!: string;

  @Field(() => AcademicTerm, { description: 'The term: AUTUMN (odd semesters of study; lessons from 1 September to 31 January) or SPRING (even semesters; lessons from 1 February to 31 August).' })
  term!: AcademicTerm;

  @Field(() => LocalDate, { nullable: true, description: 'The day tuition debts are taken on; the last day of the term, or today\'s business date if earlier, when omitted.' })
  asOf?: string;

  @Field(() => AchievementReportWhere, { nullable: true, description: 'Which units; all the viewer may see when omitted.' })
  where?: AchievementReportWhere;

  @Field(() => [Condition], { nullable: true, description: 'Conditions on figures the rows must meet (at most 10).' })
  having?: InstanceType<typeof Condition>[];

  @Field(() => [Order], { nullable: true, description: 'Order of the rows by figures (at most 3); by the unit when omitted.' })
  orderBy?: InstanceType<typeof Order>[];
}

/** The domains the report's figures come from: a viewer must read all of them. */
const REPORT_DOMAINS = [Domain.STUDENTS, Domain.GRADES, Domain.ATTENDANCE, Domain.FINANCE] as const;

@Resolver()
export class AchievementReportQueries {
  @Query(() => AchievementReportConnection, {
    nullable: true,
    description:
      'The achievement report of a term (5.11): per faculty, programme or group, students by status, average grades, excellent / good / satisfactory / failing students, pass rate, academic and tuition debtors, and attendance, with disclosure control for viewers without personal-data scope. Needs read access to students, grades, attendance and finance. Also as CSV: GET /reports/achievement.csv?level=…&academicYear=…&term=… (same credentials). Source: AVN.',
  })
  achievementReport(@Args() args: AchievementReportArgs, @Ctx() context: HubContext) {
    for (const domain of REPORT_DOMAINS) statisticsReach(context, domain);
    checkAcademicYear(args.academicYear);
    const { facultyKey, programmeKey } = studentStatisticsFilter(args.where ?? {});
    const { from, to } = termDays(args.academicYear, args.term);
    const today = context.runtime.businessClock.today();
    const asOf = args.asOf != null ? isoDay(args.asOf, 'asOf') : to < today ? to : today;
    const filter: AchievementReportFilter = { facultyKey, programmeKey, academicYear: args.academicYear, autumn: args.term === AcademicTerm.AUTUMN, from, to, asOf };
    return readStatistics(
      context,
      { name: 'achievement', domain: Domain.GRADES, measures: ACHIEVEMENT_MEASURES, toMeasure: AchievementMeasureEnum.toMeasure },
      { ...args, groupBy: [args.level], asOf } as AchievementReportArgs & { groupBy: string[] },
      ({ dimensions, reach }) => achievementReport(context, { dimensions, filter, reach }),
    );
  }
}
