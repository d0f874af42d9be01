/**
 * A student's own requests at the Single Window. The registrar has no AVN key: applicants are
 * recorded by student number and/or PIN as typed at the window, so a student's requests are those
 * carrying its student number OR its PIN (one LATERAL statement for all students of a level).
 * The PINs travel as bpchar, the columns' own type (char(14)), so the PIN index is usable. The
 * viewer's scope may narrow them further (a dean sees requests by its faculty's student numbers).
 */
import type { Params } from '../../db/sql';
import { argsKey, businessNow, type SourceContext } from '../../db/read-context';
import { readPage } from '../../graphql/connection';
import { tupleListLoader } from '../../db/list-loaders';
import type { ServiceRequest } from '../../modules/registrar/service-request.types';
import type { StudentServiceRequestsArgs } from '../../modules/registrar/registrar.inputs';
import { REQUEST_FROM, REQUEST_SORT_LATEST, requestSortColumns, serviceRequestFilters, toServiceRequest, type ServiceRequestRow } from './registrar.requests';

/** The viewer's limit on requests by the applicant's number and PIN (src/auth/guard/key-scope.ts `applicantNumberScope`); null = none. */
export type ApplicantScope = ((p: Params, columns: { number: string; pin: string }) => string) | null;

export const requestsOfApplicant = (c: SourceContext, args: StudentServiceRequestsArgs, scope: ApplicantScope) => {
  const page = readPage(args, 'applicantRequests:submittedAt:desc');
  const now = businessNow(c);
  return c.loader(argsKey('registrar.requestsOfApplicant', args), () =>
    tupleListLoader<number, ServiceRequestRow & Record<string, unknown>, ServiceRequest>(
      c.db.registrar,
      {
        from: REQUEST_FROM, columns: (p) => requestSortColumns(p.add(now)), parentKeyType: 'int[]', partTypes: ['text[]', 'bpchar[]'],
        match: 'sr.applicant_student_no = _p.p1 or sr.applicant_pin = _p.p2',
        // Access: only the requests the viewer may see, so pages, cursors and counts hold nothing else.
        filters: (p) => [...serviceRequestFilters(args.where ?? {}, p, now), scope?.(p, { number: 'sr.applicant_student_no', pin: 'sr.applicant_pin' })],
        sort: REQUEST_SORT_LATEST,
      },
      page,
      toServiceRequest,
    ),
  );
};
