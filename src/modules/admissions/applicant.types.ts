/** Admissions (AVN 25): applicants to the university and their way into the student body. */
import { Field, Int, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection';
import { HubObject } from '../../graphql/object-type';
import { Identifying, PersonalData } from '../../graphql/personal-data';
import { LocalDate } from '../../graphql/scalars';
import { ApplicantStatus, type ApplicantRecord } from '../../domain/admissions';

registerEnumType(ApplicantStatus, {
  name: 'ApplicantStatus',
  description: 'Where an application stands with the admissions commission.',
  valuesConfig: {
    APPLIED: { description: 'Documents submitted; not decided yet.' },
    RECOMMENDED: { description: 'Recommended for admission by the commission; the admission order is pending.' },
    REJECTED: { description: 'Not admitted.' },
    ENROLLED: { description: 'Admitted by order; `student` is the resulting student record.' },
  },
});

@HubObject('An applicant to one programme (AVN 25), from submission to enrolment. Source: AVN.')
export class Applicant implements ApplicantRecord {
  __typename!: 'Applicant';
  id!: string;
  /** The application's key in AVN. */
  key!: number;
  programmeKey!: number;
  /** The key of the student record once enrolled. */
  studentKey!: number | null;

  @Identifying()
  @Field({ description: 'Full name as the application spells it (surname, given name, patronymic).' })
  fullName!: string;

  @Identifying()
  @Field({ description: 'Surname.' })
  lastName!: string;

  @Identifying()
  @Field({ description: 'Given name.' })
  firstName!: string;

  @Identifying()
  @Field(() => String, { nullable: true, description: 'Patronymic, including "уулу"/"кызы" where used; null when none.' })
  patronymic!: string | null;

  @Field(() => String, { nullable: true, description: 'Personal identification number (ПИН, 14 digits); null when not given (e.g. foreign applicants).' })
  @PersonalData('pin')
  pin!: string | null;

  @Field(() => LocalDate, { description: 'Date of birth.' })
  @PersonalData('birthDate')
  birthDate!: string;

  @Field(() => String, { nullable: true, description: 'Contact phone number as given on the application.' })
  @PersonalData('phone')
  phone!: string | null;

  @Field(() => Int, { nullable: true, description: 'National test score (ОРТ / ЖРТ), the basis of the ranking; null when the applicant has none (e.g. master\'s programmes).' })
  nationalTestScore!: number | null;

  @Field(() => LocalDate, { description: 'Day the application was submitted.' })
  submittedOn!: string;

  @Field(() => ApplicantStatus, { description: 'Where the application stands.' })
  status!: ApplicantStatus;
}

export const ApplicantConnection = ConnectionType(Applicant, 'Applicant', 'applicant');
