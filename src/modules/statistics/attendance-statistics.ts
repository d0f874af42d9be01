/** Attendance statistics: the electronic journal's marks per group of dimensions (AVN journal: lessons and presence marks). */
import { Args, ArgsType, Ctx, Field, Float, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { validationFailed } from '../../common/errors';
import { checkAcademicYear, checkSemester } from '../../domain/academic-term';
import { Domain } from '../../auth/viewer';
import { StatisticsDimension, type StudentStatisticsFilter } from '../../domain/statistics';
import { FundingType, Gender } from '../../domain/students';
import type { HubContext } from '../../graphql/context';
import { HubObject } from '../../graphql/object-type';
import { LocalDate } from '../../graphql/scalars';
import { ATTENDANCE_MEASURES, attendanceStatistics, type AttendanceMeasure } from '../../sources/avn/avn.attendance-statistics';
import { readStatistics } from './statistics.read';
import { studentStatisticsFilter } from './statistics.where';
import { LabelCount, StatisticsConnectionType, StatisticsGroup, SuppressionReason, dimensionEnum, measureEnum, measureInputs } from './statistics.types';

const { FACULTY, PROGRAMME, GROUP, YEAR_OF_STUDY, INTAKE_YEAR, ACADEMIC_YEAR, SEMESTER, DISCIPLINE, TEACHER, FUNDING_TYPE, GENDER, DATE, WEEK, GRADE_BAND } = StatisticsDimension;
export const AttendanceDimension = dimensionEnum('Attendance', [
  FACULTY, PROGRAMME, GROUP, YEAR_OF_STUDY, INTAKE_YEAR, ACADEMIC_YEAR, SEMESTER, DISCIPLINE, TEACHER, FUNDING_TYPE, GENDER, DATE, WEEK, GRADE_BAND,
]);

const MARK = 'a mark of a student in a lesson of the electronic journal (AVN; QR-visit check-ins included, as the journal records them)';
const MEASURES: Record<AttendanceMeasure, string> = {
  lessons: 'Distinct journal lessons with at least one counted mark.',
  marks: `Attendance marks counted (${MARK}): one per student and lesson.`,
  present: 'Marks "present".',
  late: 'Marks "late" (counted as attended).',
  absent: 'Marks "absent" without a valid reason.',
  excused: 'Marks "absent for a valid reason" (уважительная причина; not counted as attended).',
  attendanceRate: 'Attended marks over all marks, (present + late) / marks, from 0 to 1 (rounded to 4 decimals): the study card\'s attendance rate over the group\'s marks.',
};
export const AttendanceMeasureEnum = measureEnum('Attendance', MEASURES);
const { MeasureArgs } = measureInputs('AttendanceStatistics', AttendanceMeasureEnum.values);

@HubObject('A group of attendance marks (AVN electronic journal) and its measures; the measures and head count are null when the group is withheld.', { node: false })
export class AttendanceStatistics {
  @Field(() => StatisticsGroup, { description: 'The values of the dimensions this group was formed by.' })
  group!: StatisticsGroup;

  @Field({ description: 'True when the measures are withheld by disclosure control (see `suppression`).' })
  suppressed!: boolean;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the measures are withheld; null when shown.' })
  suppression!: string | null;

  @Field(() => Int, { nullable: true, description: 'Distinct students with a counted mark in the group.' })
  people!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.lessons })
  lessons!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.marks })
  marks!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.present })
  present!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.late })
  late!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.absent })
  absent!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.excused })
  excused!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.attendanceRate })
  attendanceRate!: number | null;

  @Field(() => [LabelCount], { nullable: true, description: 'Marks by presence (labels PRESENT, LATE, ABSENT, EXCUSED as the Presence enum names them), every label listed, zeros included.' })
  distribution!: LabelCount[] | null;
}

export const AttendanceStatisticsConnection = StatisticsConnectionType(AttendanceStatistics, 'AttendanceStatistics', 'attendance marks');

@InputType({ description: 'Which attendance marks attendance statistics cover. All conditions must hold.' })
export class AttendanceStatisticsWhere {
  @Field(() => ID, { nullable: true, description: 'Only lessons of groups of programmes of this faculty or institute.' })
  facultyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only lessons of groups of this programme.' })
  programmeId?: string;

  @Field(() => ID, { nullable: true, description: 'Only lessons of this study group.' })
  groupId?: string;

  @Field({ nullable: true, description: 'Only lessons in this academic year (September to August, written e.g. "2026-2027").' })
  academicYear?: string;

  @Field(() => Int, { nullable: true, description: 'Only lessons in this semester of study of their group (autumn, September to January, is the odd one).' })
  semester?: number;

  @Field(() => ID, { nullable: true, description: 'Only lessons of this discipline.' })
  disciplineId?: string;

  @Field(() => ID, { nullable: true, description: 'Only lessons given by this teacher.' })
  teacherId?: string;

  @Field(() => FundingType, { nullable: true, description: 'Only marks of students with this funding.' })
  fundingType?: FundingType;

  @Field(() => Gender, { nullable: true, description: 'Only marks of students of this gender.' })
  gender?: Gender;

  @Field(() => LocalDate, { nullable: true, description: 'Only lessons on or after this date.' })
  from?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Only lessons on or before this date.' })
  to?: string;
}

@ArgsType()
export class AttendanceStatisticsArgs extends MeasureArgs {
  @Field(() => [AttendanceDimension], { description: 'The dimensions to group by (at most 4, each once); an empty list gives only `total`.' })
  groupBy!: string[];

  @Field(() => AttendanceStatisticsWhere, { nullable: true, description: 'Which marks to cover; all when omitted.' })
  where?: AttendanceStatisticsWhere;
}

@Resolver()
export class AttendanceStatisticsQueries {
  @Query(() => AttendanceStatisticsConnection, {
    nullable: true,
    description: 'Attendance statistics: lessons, marks by presence and the attendance rate, grouped by the chosen dimensions (by day, by ISO week, by the band of the students\' GPA…), with disclosure control for viewers without personal-data scope. Source: AVN electronic journal.',
  })
  attendanceStatistics(@Args() args: AttendanceStatisticsArgs, @Ctx() context: HubContext) {
    const where = args.where ?? {};
    checkAcademicYear(where.academicYear);
    checkSemester(where.semester);
    if (where.from && where.to && where.from > where.to) throw validationFailed('`from` must not be after `to`.', 'from');
    const filter: StudentStatisticsFilter = studentStatisticsFilter(where);
    return readStatistics(context, { name: 'attendance', domain: Domain.ATTENDANCE, measures: ATTENDANCE_MEASURES, toMeasure: AttendanceMeasureEnum.toMeasure }, args, ({ dimensions, reach }) =>
      attendanceStatistics(context, { dimensions, filter, reach }),
    );
  }
}
