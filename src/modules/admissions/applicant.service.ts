/** The applicants list: input checks, and the GraphQL arguments as the source's filter and ranking. */
import { validationFailed } from '../../common/errors';
import type { HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import type { ApplicantSort } from '../../domain/admissions';
import { OrderDirection } from '../../graphql/ordering';
import { listApplicants as listAvnApplicants } from '../../sources/avn/avn.admissions';
import { ApplicantSortField, type ApplicantsArgs } from './applicant.inputs';
import { viewerReach } from '../../auth/policies';

const SORT: Record<ApplicantSortField, ApplicantSort> = {
  [ApplicantSortField.SCORE]: 'score',
  [ApplicantSortField.NAME]: 'name',
  [ApplicantSortField.SUBMITTED]: 'submittedOn',
};

export function listApplicants(context: HubContext, args: ApplicantsArgs) {
  const where = args.where ?? {};
  if (where.minScore != null && where.minScore < 0) {
    throw validationFailed('`minScore` must not be negative.', 'where.minScore');
  }
  // LocalDate values are 'YYYY-MM-DD', so text order is date order.
  if (where.submittedFrom && where.submittedTo && where.submittedFrom > where.submittedTo) {
    throw validationFailed('`submittedFrom` must not be after `submittedTo`.', 'where.submittedTo');
  }
  const field = args.orderBy?.field ?? ApplicantSortField.SCORE;
  // The admissions ranking reads from the top: highest score first by default.
  const direction = args.orderBy ? args.orderBy.direction : OrderDirection.DESC;
  const filter = {
    programmeKey: where.programmeId ? intKeyOf(where.programmeId, 'Programme') : null,
    facultyKey: where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null,
    status: where.status ?? null,
    minScore: where.minScore ?? null,
    intakeYear: where.intakeYear ?? null,
    submittedFrom: where.submittedFrom ?? null,
    submittedTo: where.submittedTo ?? null,
  };
  return listAvnApplicants(context, {
    filter,
    sort: SORT[field],
    desc: direction === OrderDirection.DESC,
    page: readPage(args, `applicants:${field}:${direction}`),
    // Access: a faculty's programmes, a student's own application.
    reach: viewerReach(context),
  });
}
