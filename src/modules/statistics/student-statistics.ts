/** Student statistics: students by their status today, per group of dimensions (AVN students and groups). */
import { Args, ArgsType, Ctx, Field, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { Domain } from '../../auth/viewer';
import { StatisticsDimension, type StudentCountFilter } from '../../domain/statistics';
import { FundingType, Gender } from '../../domain/students';
import type { HubContext } from '../../graphql/context';
import { HubObject } from '../../graphql/object-type';
import { STUDENT_MEASURES, studentStatistics, type StudentMeasure } from '../../sources/avn/avn.student-statistics';
import { readStatistics } from './statistics.read';
import { studentStatisticsFilter } from './statistics.where';
import { LabelCount, StatisticsConnectionType, StatisticsGroup, SuppressionReason, dimensionEnum, measureEnum, measureInputs } from './statistics.types';

const { FACULTY, PROGRAMME, GROUP, YEAR_OF_STUDY, INTAKE_YEAR, FUNDING_TYPE, GENDER, STUDENT_STATUS } = StatisticsDimension;
export const StudentDimension = dimensionEnum('Student', [FACULTY, PROGRAMME, GROUP, YEAR_OF_STUDY, INTAKE_YEAR, FUNDING_TYPE, GENDER, STUDENT_STATUS]);

const MEASURES: Record<StudentMeasure, string> = {
  students: 'Students on record (AVN students), whatever their status; each counted once, in its own study group.',
  studying: 'Students whose status today is STUDYING.',
  academicLeave: 'Students whose status today is ACADEMIC_LEAVE.',
  expelled: 'Students whose status today is EXPELLED.',
  graduated: 'Students whose status today is GRADUATED.',
};
export const StudentMeasureEnum = measureEnum('Student', MEASURES);
const { MeasureArgs } = measureInputs('StudentStatistics', StudentMeasureEnum.values);

@HubObject('A group of students (AVN) and their counts by status; the counts and head count are null when the group is withheld.', { node: false })
export class StudentStatistics {
  @Field(() => StatisticsGroup, { description: 'The values of the dimensions this group was formed by.' })
  group!: StatisticsGroup;

  @Field({ description: 'True when the measures are withheld by disclosure control (see `suppression`).' })
  suppressed!: boolean;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the measures are withheld; null when shown.' })
  suppression!: string | null;

  @Field(() => Int, { nullable: true, description: 'Distinct students in the group (the same as `students`).' })
  people!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.students })
  students!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.studying })
  studying!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.academicLeave })
  academicLeave!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.expelled })
  expelled!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.graduated })
  graduated!: number | null;

  @Field(() => [LabelCount], { nullable: true, description: 'Students by status (STUDYING, ACADEMIC_LEAVE, EXPELLED, GRADUATED, in that order; zeros included).' })
  distribution!: LabelCount[] | null;
}

export const StudentStatisticsConnection = StatisticsConnectionType(StudentStatistics, 'StudentStatistics', 'students');

@InputType({ description: 'Which students student statistics cover. All conditions must hold.' })
export class StudentStatisticsWhere {
  @Field(() => ID, { nullable: true, description: 'Only students of groups of programmes of this faculty or institute.' })
  facultyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only students of groups of this programme.' })
  programmeId?: string;

  @Field(() => ID, { nullable: true, description: 'Only students of this study group.' })
  groupId?: string;

  @Field(() => FundingType, { nullable: true, description: 'Only students with this funding.' })
  fundingType?: FundingType;

  @Field(() => Gender, { nullable: true, description: 'Only students of this gender.' })
  gender?: Gender;
}

@ArgsType()
export class StudentStatisticsArgs extends MeasureArgs {
  @Field(() => [StudentDimension], { description: 'The dimensions to group by (at most 4, each once); an empty list gives only `total`.' })
  groupBy!: string[];

  @Field(() => StudentStatisticsWhere, { nullable: true, description: 'Which students to cover; all when omitted.' })
  where?: StudentStatisticsWhere;
}

@Resolver()
export class StudentStatisticsQueries {
  @Query(() => StudentStatisticsConnection, {
    nullable: true,
    description: 'Student statistics: students by their status today, grouped by the chosen dimensions (the year of study is the group\'s), with disclosure control for viewers without personal-data scope. Source: AVN students and groups.',
  })
  studentStatistics(@Args() args: StudentStatisticsArgs, @Ctx() context: HubContext) {
    const { facultyKey, programmeKey, groupKey, fundingType, gender } = studentStatisticsFilter(args.where ?? {});
    const filter: StudentCountFilter = { facultyKey, programmeKey, groupKey, fundingType, gender };
    return readStatistics(context, { name: 'students', domain: Domain.STUDENTS, measures: STUDENT_MEASURES, toMeasure: StudentMeasureEnum.toMeasure }, args, ({ dimensions, reach }) =>
      studentStatistics(context, { dimensions, filter, reach }),
    );
  }
}
