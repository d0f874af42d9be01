/** The applicants list: input checks and the ranking. */
import { validationFailed } from '../../common/errors';
import type { HubContext } from '../../graphql/context';
import { loadList } from '../../db/list-loaders';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import { OrderDirection } from '../../graphql/ordering';
import { ABITURIENT_COLUMNS, ABITURIENT_FROM, APPLICANT_SORT, applicantConditions, toApplicant, type AbiturientRow } from '../../sources/avn/avn.admissions';
import { ApplicantSortField, type ApplicantsArgs } from './applicant.inputs';
import type { Applicant } from './applicant.types';
import { applicantScope } from '../../sources/avn/avn.scopes';
import { viewerReach } from '../../auth/policies';

export function listApplicants(context: HubContext, args: ApplicantsArgs) {
  const where = args.where ?? {};
  if (where.minScore != null && where.minScore < 0) {
    throw validationFailed('`minScore` must not be negative.', 'where.minScore');
  }
  const field = args.orderBy?.field ?? ApplicantSortField.SCORE;
  // The admissions ranking reads from the top: highest score first by default.
  const direction = args.orderBy ? args.orderBy.direction : OrderDirection.DESC;
  const desc = direction === OrderDirection.DESC;
  const sort = [...APPLICANT_SORT[field], APPLICANT_SORT.TIE].map((c) => ({ ...c, desc }));
  const criteria = {
    programmeKey: where.programmeId ? intKeyOf(where.programmeId, 'Programme') : null,
    facultyKey: where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null,
    status: where.status ?? null,
    minScore: where.minScore ?? null,
  };
  return loadList<AbiturientRow & Record<string, unknown>, Applicant>(
    context.db.avn,
    {
      from: ABITURIENT_FROM,
      columns: ABITURIENT_COLUMNS,
      // Access: a faculty's programmes, a student's own application (src/sources/avn/avn.scopes.ts).
      filters: (p) => [...applicantConditions(criteria, p), applicantScope(viewerReach(context), p, { programme: 'a.spec_id', student: 'a.stud_id' })],
      sort,
    },
    readPage(args, `applicants:${field}:${direction}`),
    toApplicant,
  );
}
