/** Admission statistics: applications, enrolments and national test scores per group of dimensions (AVN applications). */
import { Args, ArgsType, Ctx, Field, Float, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { Domain } from '../../auth/viewer';
import { intKeyOf } from '../../domain/global-id';
import { StatisticsDimension } from '../../domain/statistics';
import type { HubContext } from '../../graphql/context';
import { HubObject } from '../../graphql/object-type';
import { ADMISSION_MEASURES, admissionStatistics, type AdmissionMeasure } from '../../sources/avn/avn.admission-statistics';
import { readStatistics } from './statistics.read';
import { StatisticsConnectionType, StatisticsGroup, SuppressionReason, dimensionEnum, measureEnum, measureInputs } from './statistics.types';

const { FACULTY, PROGRAMME, INTAKE_YEAR } = StatisticsDimension;
export const AdmissionDimension = dimensionEnum('Admission', [FACULTY, PROGRAMME, INTAKE_YEAR], {
  FACULTY: 'The faculty or institute of the programme applied to.',
  PROGRAMME: 'The programme applied to.',
  INTAKE_YEAR: 'The intake year: the calendar year of the application\'s submission date.',
});

const MEASURES: Record<AdmissionMeasure, string> = {
  applicants: 'Applications (AVN\'s applicant records): one per applicant and programme applied to, whatever their status.',
  enrolled: 'Applications with status ENROLLED.',
  enrolmentRate: 'Enrolled applications over applications, from 0 to 1.',
  scored: 'Applications with a national test score (ORT).',
  averageScore: 'The average national test score (ORT) of the applications that have one.',
};
export const AdmissionMeasureEnum = measureEnum('Admission', MEASURES);
const { MeasureArgs } = measureInputs('AdmissionStatistics', AdmissionMeasureEnum.values);

@HubObject('A group of applications (AVN) and its measures; the measures and head count are null when the group is withheld.', { node: false })
export class AdmissionStatistics {
  @Field(() => StatisticsGroup, { description: 'The values of the dimensions this group was formed by.' })
  group!: StatisticsGroup;

  @Field({ description: 'True when the measures are withheld by disclosure control (see `suppression`).' })
  suppressed!: boolean;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the measures are withheld; null when shown.' })
  suppression!: string | null;

  @Field(() => Int, { nullable: true, description: 'Distinct applicants in the group: by PIN, or by application where no PIN was recorded.' })
  people!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.applicants })
  applicants!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.enrolled })
  enrolled!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.enrolmentRate })
  enrolmentRate!: number | null;

  @Field(() => Int, { nullable: true, description: MEASURES.scored })
  scored!: number | null;

  @Field(() => Float, { nullable: true, description: MEASURES.averageScore })
  averageScore!: number | null;
}

export const AdmissionStatisticsConnection = StatisticsConnectionType(AdmissionStatistics, 'AdmissionStatistics', 'applications');

@InputType({ description: 'Which applications admission statistics cover. All conditions must hold.' })
export class AdmissionStatisticsWhere {
  @Field(() => ID, { nullable: true, description: 'Only applications to programmes of this faculty or institute.' })
  facultyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only applications to this programme.' })
  programmeId?: string;

  @Field(() => Int, { nullable: true, description: 'Only applications submitted in this calendar year (the intake year).' })
  intakeYear?: number;

  @Field({ nullable: true, description: 'Only applications submitted on or after this day (YYYY-MM-DD).' })
  submittedFrom?: string;

  @Field({ nullable: true, description: 'Only applications submitted on or before this day (YYYY-MM-DD).' })
  submittedTo?: string;
}

@ArgsType()
export class AdmissionStatisticsArgs extends MeasureArgs {
  @Field(() => [AdmissionDimension], { description: 'The dimensions to group by (each once); an empty list gives only `total`.' })
  groupBy!: string[];

  @Field(() => AdmissionStatisticsWhere, { nullable: true, description: 'Which applications to cover; all when omitted.' })
  where?: AdmissionStatisticsWhere;
}

@Resolver()
export class AdmissionStatisticsQueries {
  @Query(() => AdmissionStatisticsConnection, {
    nullable: true,
    description: 'Admission statistics: applications, enrolled, enrolment rate and average national test score, grouped by programme, faculty and intake year, with disclosure control for viewers without personal-data scope. Source: AVN applications.',
  })
  admissionStatistics(@Args() args: AdmissionStatisticsArgs, @Ctx() context: HubContext) {
    const where = args.where ?? {};
    const filter = {
      facultyKey: where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null,
      programmeKey: where.programmeId ? intKeyOf(where.programmeId, 'Programme') : null,
      intakeYear: where.intakeYear ?? null,
      submittedFrom: where.submittedFrom ?? null,
      submittedTo: where.submittedTo ?? null,
    };
    return readStatistics(context, { name: 'admissions', domain: Domain.ADMISSIONS, measures: ADMISSION_MEASURES, toMeasure: AdmissionMeasureEnum.toMeasure }, args, ({ dimensions, reach }) =>
      admissionStatistics(context, { dimensions, filter, reach }),
    );
  }
}
