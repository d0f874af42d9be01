/** Root lists of the registrar's Single Window (reads the registrar source through its mapping layer). */
import { businessNow } from '../../db/read-context';
import { type HubContext } from '../../graphql/context';
import { loadList } from '../../db/list-loaders';
import { readPage } from '../../graphql/connection';
import { OrderDirection, sortBy } from '../../graphql/ordering';
import { likeEscape } from '../../db/sql';
import {
  REQUEST_FROM, UNIT_CODE, requestSortColumns, serviceRequestFilters, toServiceRequest, type ServiceRequestRow,
} from '../../sources/registrar/registrar.requests';
import {
  DOCUMENT_COLUMNS, DOCUMENT_STATUS_CODE, DOCUMENT_TYPE_CODE, FLOW_COLUMNS, FLOW_DIRECTION_CODE, FLOW_STATUS_CODE,
  toDocumentFlowRecord, toIssuedDocument, type DocumentFlowRow, type IssuedDocumentRow,
} from '../../sources/registrar/registrar.documents';
import {
  ServiceRequestOrderField, type DocumentFlowArgs, type IssuedDocumentsArgs, type ServiceRequestsArgs,
} from './registrar.inputs';

import { applicantNumberScope } from '../../auth/guard/key-scope';
import { scopeCondition } from '../../db/scope';
import { viewerReach } from '../../auth/policies';

type Row<T> = T & Record<string, unknown>;

const REQUEST_SORT = {
  [ServiceRequestOrderField.SUBMITTED_AT]: { sql: 'sr.submitted_at', key: 'submitted_sort' },
  [ServiceRequestOrderField.NUMBER]: { sql: 'sr.request_no', key: 'request_no' },
};

export async function listServiceRequests(context: HubContext, args: ServiceRequestsArgs) {
  // Access: requests of the students the viewer may see (by student number or PIN), in SQL.
  const scope = await applicantNumberScope(context);
  const field = args.orderBy?.field ?? ServiceRequestOrderField.SUBMITTED_AT;
  const direction = args.orderBy ? args.orderBy.direction : OrderDirection.DESC;
  const where = args.where ?? {};
  const now = businessNow(context);
  return loadList<Row<ServiceRequestRow>, ReturnType<typeof toServiceRequest>>(
    context.db.registrar,
    {
      from: REQUEST_FROM,
      columns: (p) => requestSortColumns(p.add(now)),
      filters: (p) => [
        ...serviceRequestFilters(where, p, now),
        where.unit && `rt.unit = ${p.add(UNIT_CODE[where.unit])}`,
        where.studentNumber != null && `sr.applicant_student_no = ${p.add(where.studentNumber)}`,
        where.submittedFrom && `sr.submitted_at >= ${p.add(where.submittedFrom)}`,
        where.submittedTo && `sr.submitted_at < ${p.add(where.submittedTo)}`,
        scope?.(p, { number: 'sr.applicant_student_no', pin: 'sr.applicant_pin' }),
      ],
      sort: sortBy(REQUEST_SORT[field], direction, { sql: 'sr.request_id', key: 'request_id' }),
    },
    readPage(args, `serviceRequests:${field}:${direction}`),
    toServiceRequest,
  );
}

export async function listIssuedDocuments(context: HubContext, args: IssuedDocumentsArgs) {
  const where = args.where ?? {};
  // Access: documents of the students the viewer may see, in SQL.
  const scope = await applicantNumberScope(context);
  return loadList<Row<IssuedDocumentRow>, ReturnType<typeof toIssuedDocument>>(
    context.db.registrar,
    {
      from: 'issued_documents d',
      columns: DOCUMENT_COLUMNS,
      filters: (p) => [
        where.type && `d.doc_type = ${p.add(DOCUMENT_TYPE_CODE[where.type])}`,
        where.status && `d.status = ${p.add(DOCUMENT_STATUS_CODE[where.status])}`,
        where.studentNumber != null && `d.holder_student_no = ${p.add(where.studentNumber)}`,
        where.holderNameContains && `d.holder_name ilike ${p.add(`%${likeEscape(where.holderNameContains)}%`)}`,
        where.issuedFrom && `d.issued_on >= ${p.add(where.issuedFrom)}::date`,
        where.issuedTo && `d.issued_on <= ${p.add(where.issuedTo)}::date`,
        scope?.(p, { number: 'd.holder_student_no', pin: 'd.holder_pin' }),
      ],
      sort: [{ sql: 'd.issued_on', key: 'issued_on', desc: true }, { sql: 'd.doc_id', key: 'doc_id', desc: true }],
    },
    readPage(args, 'issuedDocuments:issuedOn:desc'),
    toIssuedDocument,
  );
}

export function listDocumentFlow(context: HubContext, args: DocumentFlowArgs) {
  const where = args.where ?? {};
  return loadList<Row<DocumentFlowRow & { sent_sort: string }>, ReturnType<typeof toDocumentFlowRecord>>(
    context.db.registrar,
    {
      from: 'document_flow f',
      columns: `${FLOW_COLUMNS}, f.sent_at::text as sent_sort`,
      filters: (p) => {
        const unit = where.unitContains ? p.add(`%${likeEscape(where.unitContains)}%`) : null;
        const search = where.search ? p.add(`%${likeEscape(where.search)}%`) : null;
        return [
          where.direction && `f.direction = ${p.add(FLOW_DIRECTION_CODE[where.direction])}`,
          where.status && `f.status = ${p.add(FLOW_STATUS_CODE[where.status])}`,
          unit && `(f.from_unit ilike ${unit} or f.to_unit ilike ${unit})`,
          search && `(f.doc_ref ilike ${search} or f.title ilike ${search})`,
          where.sentFrom && `f.sent_at >= ${p.add(where.sentFrom)}`,
          where.sentTo && `f.sent_at < ${p.add(where.sentTo)}`,
          // Access: the units' document flow is for whole-university roles only.
          scopeCondition(viewerReach(context), p, {}),
        ];
      },
      sort: [{ sql: 'f.sent_at', key: 'sent_sort', desc: true }, { sql: 'f.flow_id', key: 'flow_id', desc: true }],
    },
    readPage(args, 'documentFlow:sentAt:desc'),
    toDocumentFlowRecord,
  );
}
