/**
 * A student's own requests at the Single Window. The registrar has no AVN key: applicants are
 * recorded by student number and/or PIN as typed at the window, so a student's requests are those
 * carrying its student number OR its PIN (one LATERAL statement for all students of a level).
 * The PINs travel as bpchar, the columns' own type (char(14)), so the PIN index is usable. The
 * viewer's scope may narrow them further (a dean sees requests by its faculty's student numbers).
 */
import { argsKey, businessNow, type SourceContext } from '../../db/read-context';
import { tupleListLoader } from '../../db/list-loaders';
import type { Page } from '../../db/pages';
import type { ApplicantRequestFilter, ServiceRequestRecord } from '../../domain/registrar';
import {
  APPLICANT_COLUMNS, REQUEST_FROM, REQUEST_SORT_LATEST, requestSortColumns, serviceRequestFilters, toServiceRequest, type ServiceRequestRow,
} from './registrar.requests';
import type { ApplicantScope } from './registrar.scope';

/** Which of a student's requests to list, and the page (latest first). */
export interface ApplicantRequestsQuery {
  filter: ApplicantRequestFilter;
  page: Page;
}

export const requestsOfApplicant = (c: SourceContext, query: ApplicantRequestsQuery, scope: ApplicantScope) => {
  const now = businessNow(c);
  return c.loader(argsKey('registrar.requestsOfApplicant', query), () =>
    tupleListLoader<number, ServiceRequestRow & Record<string, unknown>, ServiceRequestRecord>(
      c.db.registrar,
      {
        from: REQUEST_FROM, columns: (p) => requestSortColumns(p.add(now)), parentKeyType: 'int[]', partTypes: ['text[]', 'bpchar[]'],
        match: 'sr.applicant_student_no = _p.p1 or sr.applicant_pin = _p.p2',
        // Access: only the requests the viewer may see, so pages, cursors and counts hold nothing else.
        filters: (p) => [...serviceRequestFilters(query.filter, p, now), scope?.(p, APPLICANT_COLUMNS)],
        sort: REQUEST_SORT_LATEST,
      },
      query.page,
      toServiceRequest,
    ),
  );
};
