/** Queries and relations of admissions. */
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { registerNode } from '../../graphql/node';
import { applicantById } from '../../sources/avn/avn.admissions';
import { programmeById } from '../../sources/avn/avn.organisation';
import { studentById } from '../../sources/avn/avn.students';
import { Programme } from '../organisation/organisation.types';
import { personOfRecord } from '../students/identity';
import { Person, Student } from '../students/student.types';
import { ApplicantsArgs } from './applicant.inputs';
import { listApplicants } from './applicant.service';
import { Applicant, ApplicantConnection } from './applicant.types';

registerNode('Applicant', (key, c) => applicantById(c).load(Number(key)));

@Resolver()
export class ApplicantQueries {
  @Query(() => ApplicantConnection, { nullable: true,
    description: 'Applicants (AVN 25), highest national test score first unless sorted otherwise; filter by programme, faculty, status or minimum score.',
  })
  applicants(@Args() args: ApplicantsArgs, @Ctx() context: HubContext) {
    return listApplicants(context, args);
  }
}

@Resolver(() => Applicant)
export class ApplicantRelations {
  @FieldResolver(() => Programme, { description: 'The programme applied to.' })
  programme(@Root() applicant: Applicant, @Ctx() context: HubContext) {
    return programmeById(context).load(applicant.programmeKey);
  }

  @FieldResolver(() => Student, { nullable: true, description: 'The student record created on enrolment; null until the applicant is ENROLLED.' })
  student(@Root() applicant: Applicant, @Ctx() context: HubContext) {
    return applicant.studentKey === null ? null : studentById(context).load(applicant.studentKey);
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: 'The person this applicant is, as linked by the hub\'s identity registry (the same person as their student, library and dormitory records); null until linked or when the hub database is unavailable.',
  })
  person(@Root() applicant: Applicant, @Ctx() context: HubContext) {
    return personOfRecord(context, 'avn.applicant', applicant.key);
  }
}

export const admissionsResolvers = [ApplicantQueries, ApplicantRelations] as const;
