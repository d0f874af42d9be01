/** Filters and sort orders of the applicants list. */
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import { OrderDirection } from '../../graphql/ordering';
import { LocalDate } from '../../graphql/scalars';
import { ApplicantStatus } from '../../domain/admissions';

@InputType({ description: 'Which applicants to list. All conditions must hold.' })
export class ApplicantWhere {
  @Field(() => ID, { nullable: true, description: 'Only applicants to this programme.' })
  programmeId?: string;

  @Field(() => ID, { nullable: true, description: 'Only applicants to programmes of this faculty or institute.' })
  facultyId?: string;

  @Field(() => ApplicantStatus, { nullable: true, description: 'Only applications in this status.' })
  status?: ApplicantStatus;

  @Field(() => Int, { nullable: true, description: 'Only applicants with a national test score of at least this (applicants without a score are left out).' })
  minScore?: number;

  @Field(() => Int, { nullable: true, description: 'Only applications submitted in this calendar year (the admission campaign for that year\'s intake).' })
  intakeYear?: number;

  @Field(() => LocalDate, { nullable: true, description: 'Only applications submitted on or after this day.' })
  submittedFrom?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Only applications submitted on or before this day; not before `submittedFrom` (VALIDATION_FAILED).' })
  submittedTo?: string;
}

export enum ApplicantSortField {
  SCORE = 'SCORE',
  NAME = 'NAME',
  SUBMITTED = 'SUBMITTED',
}
registerEnumType(ApplicantSortField, {
  name: 'ApplicantSortField',
  description: 'What applicants can be sorted by.',
  valuesConfig: {
    SCORE: { description: 'National test score; applicants without one count as lowest.' },
    NAME: { description: 'Surname, then given name.' },
    SUBMITTED: { description: 'Day the application was submitted.' },
  },
});

@InputType({ description: 'Sort order of applicants (ties are broken by application, in the same direction).' })
export class ApplicantSort {
  @Field(() => ApplicantSortField, { description: 'Sort by this.' })
  field!: ApplicantSortField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Sort direction.' })
  direction!: OrderDirection;
}

@ArgsType()
export class ApplicantsArgs extends PageArgs {
  @Field(() => ApplicantWhere, { nullable: true, description: 'Filter; omit to list every applicant.' })
  where?: ApplicantWhere;

  @Field(() => ApplicantSort, { nullable: true, description: 'Sort order; highest score first (SCORE, DESC) unless given.' })
  orderBy?: ApplicantSort;
}
