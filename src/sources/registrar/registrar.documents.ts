/** Registrar → issued documents and the electronic document flow. */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader, manyByKeyLoader, manyByParentLoader } from '../../db/loaders';
import { loadList } from '../../db/list-loaders';
import type { ConnectionShape, Page } from '../../db/pages';
import { scopeCondition } from '../../db/scope';
import { likeEscape } from '../../db/sql';
import { toGlobalId } from '../../domain/global-id';
import type { Reach } from '../../domain/reach';
import {
  DocumentFlowDirection, DocumentFlowStatus, IssuedDocumentStatus, IssuedDocumentType, type DocumentFlowFilter, type DocumentFlowRecordRecord,
  type IssuedDocumentFilter, type IssuedDocumentRecord,
} from '../../domain/registrar';
import type { ApplicantScope } from './registrar.scope';

const registrar = (context: SourceContext) => context.db.registrar;

interface IssuedDocumentRow {
  doc_id: number; doc_no: string; doc_type: string; request_id: number | null; holder_pin: string | null; holder_student_no: string | null;
  holder_name: string; issued_on: string; series: string | null; registration_no: string | null; status: string;
}

interface DocumentFlowRow {
  flow_id: number; doc_ref: string; title: string; from_unit: string; to_unit: string; direction: string;
  sent_at: Date; received_at: Date | null; status: string;
}

const DOCUMENT_TYPE_CODE: Record<IssuedDocumentType, string> = {
  CERTIFICATE: 'certificate', TRANSCRIPT: 'transcript', DIPLOMA: 'diploma', DIPLOMA_SUPPLEMENT: 'diploma_supplement', ACADEMIC_REFERENCE: 'academic_reference',
};
const DOCUMENT_TYPE = Object.fromEntries(Object.entries(DOCUMENT_TYPE_CODE).map(([k, v]) => [v, k as IssuedDocumentType]));
const DOCUMENT_STATUS_CODE: Record<IssuedDocumentStatus, string> = { ISSUED: 'issued', CANCELLED: 'cancelled' };
const DOCUMENT_STATUS: Record<string, IssuedDocumentStatus> = { issued: IssuedDocumentStatus.ISSUED, cancelled: IssuedDocumentStatus.CANCELLED };
const FLOW_DIRECTION_CODE: Record<DocumentFlowDirection, string> = { INCOMING: 'incoming', OUTGOING: 'outgoing', INTERNAL: 'internal' };
const FLOW_DIRECTION = Object.fromEntries(Object.entries(FLOW_DIRECTION_CODE).map(([k, v]) => [v, k as DocumentFlowDirection]));
const FLOW_STATUS_CODE: Record<DocumentFlowStatus, string> = { SENT: 'sent', RECEIVED: 'received', EXECUTED: 'executed', RETURNED: 'returned' };
const FLOW_STATUS = Object.fromEntries(Object.entries(FLOW_STATUS_CODE).map(([k, v]) => [v, k as DocumentFlowStatus]));

const DOCUMENT_COLUMNS = 'd.doc_id, d.doc_no, d.doc_type, d.request_id, d.holder_pin, d.holder_student_no, d.holder_name, d.issued_on, d.series, d.registration_no, d.status';
const FLOW_COLUMNS = 'f.flow_id, f.doc_ref, f.title, f.from_unit, f.to_unit, f.direction, f.sent_at, f.received_at, f.status';

function toIssuedDocument(r: IssuedDocumentRow): IssuedDocumentRecord {
  return {
    __typename: 'IssuedDocument', id: toGlobalId('IssuedDocument', r.doc_id), key: r.doc_id, requestKey: r.request_id,
    number: r.doc_no, type: DOCUMENT_TYPE[r.doc_type], holderName: r.holder_name, studentNumber: r.holder_student_no?.trim() || null,
    holderPin: r.holder_pin?.trim() || null, issuedOn: r.issued_on, series: r.series, registrationNumber: r.registration_no,
    status: DOCUMENT_STATUS[r.status],
  };
}

function toDocumentFlowRecord(r: DocumentFlowRow): DocumentFlowRecordRecord {
  return {
    __typename: 'DocumentFlowRecord', id: toGlobalId('DocumentFlowRecord', r.flow_id), key: r.flow_id,
    reference: r.doc_ref, title: r.title, fromUnit: r.from_unit, toUnit: r.to_unit, direction: FLOW_DIRECTION[r.direction],
    sentAt: r.sent_at, receivedAt: r.received_at, status: FLOW_STATUS[r.status],
  };
}

export const issuedDocumentById = (c: SourceContext) =>
  byKeyLoader(c, 'registrar.issuedDocumentById', registrar, `select ${DOCUMENT_COLUMNS}, d.doc_id as _key from issued_documents d where d.doc_id = any($1::int[])`, toIssuedDocument);

export const documentFlowById = (c: SourceContext) =>
  byKeyLoader(c, 'registrar.documentFlowById', registrar, `select ${FLOW_COLUMNS}, f.flow_id as _key from document_flow f where f.flow_id = any($1::int[])`, toDocumentFlowRecord);

/** The documents issued on a request, by issue date. */
export const documentsByRequest = (c: SourceContext) =>
  manyByKeyLoader(
    c, 'registrar.documentsByRequest', registrar,
    `select ${DOCUMENT_COLUMNS}, d.request_id as _key from issued_documents d where d.request_id = any($1::int[]) order by d.issued_on, d.doc_id`,
    toIssuedDocument,
  );

/** A holder known by student number and/or PIN (the registrar records either or both). */
export interface HolderKey {
  key: number;
  studentNumber: string | null;
  pin: string | null;
}

/**
 * The documents of many holders in one statement, matched by student number OR PIN; latest first.
 * Keyed by the caller's key (a student's), which is what the cache uses.
 */
export const documentsByHolder = (c: SourceContext) =>
  manyByParentLoader(
    c, 'registrar.documentsByHolder', registrar,
    `select _p._parent, ${DOCUMENT_COLUMNS}
       from unnest($1::int[], $2::text[], $3::bpchar[]) as _p(_parent, student_no, pin)
       join issued_documents d on d.holder_student_no = _p.student_no or d.holder_pin = _p.pin
      order by _p._parent, d.issued_on desc, d.doc_id desc`,
    (holders: readonly HolderKey[]) => [holders.map((h) => h.key), holders.map((h) => h.studentNumber), holders.map((h) => h.pin)],
    toIssuedDocument,
  );

type Row<T> = T & Record<string, unknown>;

/** Issued documents, latest first; `scope` limits them in SQL by the holder's student number and PIN. */
export function listIssuedDocuments(
  c: SourceContext,
  { filter, page, scope }: { filter: IssuedDocumentFilter; page: Page; scope: ApplicantScope },
): Promise<ConnectionShape<IssuedDocumentRecord>> {
  return loadList<Row<IssuedDocumentRow>, IssuedDocumentRecord>(
    registrar(c),
    {
      from: 'issued_documents d',
      columns: DOCUMENT_COLUMNS,
      filters: (p) => [
        filter.type && `d.doc_type = ${p.add(DOCUMENT_TYPE_CODE[filter.type])}`,
        filter.status && `d.status = ${p.add(DOCUMENT_STATUS_CODE[filter.status])}`,
        filter.studentNumber != null && `d.holder_student_no = ${p.add(filter.studentNumber)}`,
        filter.holderNameContains && `d.holder_name ilike ${p.add(`%${likeEscape(filter.holderNameContains)}%`)}`,
        filter.issuedFrom && `d.issued_on >= ${p.add(filter.issuedFrom)}::date`,
        filter.issuedTo && `d.issued_on <= ${p.add(filter.issuedTo)}::date`,
        scope?.(p, { number: 'd.holder_student_no', pin: 'd.holder_pin' }),
      ],
      sort: [{ sql: 'd.issued_on', key: 'issued_on', desc: true }, { sql: 'd.doc_id', key: 'doc_id', desc: true }],
    },
    page,
    toIssuedDocument,
  );
}

/** The units' document flow, latest first, for the viewer's `reach` (whole-university roles only: no limited reach sees it). */
export function listDocumentFlow(
  c: SourceContext,
  { filter, page, reach }: { filter: DocumentFlowFilter; page: Page; reach: Reach },
): Promise<ConnectionShape<DocumentFlowRecordRecord>> {
  return loadList<Row<DocumentFlowRow & { sent_sort: string }>, DocumentFlowRecordRecord>(
    registrar(c),
    {
      from: 'document_flow f',
      columns: `${FLOW_COLUMNS}, f.sent_at::text as sent_sort`,
      filters: (p) => {
        const unit = filter.unitContains ? p.add(`%${likeEscape(filter.unitContains)}%`) : null;
        const search = filter.search ? p.add(`%${likeEscape(filter.search)}%`) : null;
        return [
          filter.direction && `f.direction = ${p.add(FLOW_DIRECTION_CODE[filter.direction])}`,
          filter.status && `f.status = ${p.add(FLOW_STATUS_CODE[filter.status])}`,
          unit && `(f.from_unit ilike ${unit} or f.to_unit ilike ${unit})`,
          search && `(f.doc_ref ilike ${search} or f.title ilike ${search})`,
          filter.sentFrom && `f.sent_at >= ${p.add(filter.sentFrom)}`,
          filter.sentTo && `f.sent_at < ${p.add(filter.sentTo)}`,
          scopeCondition(reach, p, {}),
        ];
      },
      sort: [{ sql: 'f.sent_at', key: 'sent_sort', desc: true }, { sql: 'f.flow_id', key: 'flow_id', desc: true }],
    },
    page,
    toDocumentFlowRecord,
  );
}
