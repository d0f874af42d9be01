/**
 * Registrar → Single Window requests: request_types, service_requests and their status history as
 * the hub's ServiceRequestType, ServiceRequest and ServiceRequestStatusChange. The deadline and the
 * overdue flag are computed in SQL (calendar days) at the business instant, passed in as a parameter
 * (src/common/business-time.ts; never the database's now()), so the `overdue` filter and field agree.
 */
import { businessNow, type SourceContext } from '../../db/read-context';
import { byKeyLoader, manyByKeyLoader } from '../../db/loaders';
import { loadList } from '../../db/list-loaders';
import type { ConnectionShape, Page, SortColumn } from '../../db/pages';
import { toGlobalId } from '../../domain/global-id';
import type { Params } from '../../db/sql';
import {
  RequestChannel, ResponsibleUnit, ServiceRequestStatus, type ApplicantRequestFilter, type ServiceRequestFilter, type ServiceRequestRecord,
  type ServiceRequestSort, type ServiceRequestStatusChangeRecord, type ServiceRequestTypeRecord,
} from '../../domain/registrar';
import type { ApplicantScope } from './registrar.scope';

const registrar = (context: SourceContext) => context.db.registrar;

interface RequestTypeRow { code: string; name_ky: string; name_ru: string; unit: string; sla_days: number }

export interface ServiceRequestRow extends RequestTypeRow {
  request_id: number; request_no: string; type_code: string; applicant_pin: string | null; applicant_student_no: string | null;
  applicant_name: string; submitted_at: Date; due_at: Date; channel: string; status: string; purpose: string | null; copies: number;
  overdue: boolean;
}

interface HistoryRow { status: string; changed_at: Date; changed_by: string; comment: string | null }

const UNIT: Record<string, ResponsibleUnit> = {
  library: ResponsibleUnit.LIBRARY, dormitory: ResponsibleUnit.DORMITORY, registrar: ResponsibleUnit.REGISTRAR,
  education_documents: ResponsibleUnit.EDUCATION_DOCUMENTS,
};
const UNIT_CODE: Record<ResponsibleUnit, string> = {
  LIBRARY: 'library', DORMITORY: 'dormitory', REGISTRAR: 'registrar', EDUCATION_DOCUMENTS: 'education_documents',
};
const REQUEST_STATUS: Record<string, ServiceRequestStatus> = {
  submitted: ServiceRequestStatus.SUBMITTED, in_progress: ServiceRequestStatus.IN_PROGRESS, ready: ServiceRequestStatus.READY,
  issued: ServiceRequestStatus.ISSUED, rejected: ServiceRequestStatus.REJECTED,
};
const REQUEST_STATUS_CODE: Record<ServiceRequestStatus, string> = {
  SUBMITTED: 'submitted', IN_PROGRESS: 'in_progress', READY: 'ready', ISSUED: 'issued', REJECTED: 'rejected',
};
/** A native status code as the hub's status; null for a code the hub does not know. */
export const requestStatusOf = (code: unknown): ServiceRequestStatus | null => REQUEST_STATUS[String(code)] ?? null;
const CHANNEL: Record<string, RequestChannel> = { window: RequestChannel.WINDOW, online: RequestChannel.ONLINE };

const REQUEST_TYPE_COLUMNS = 'rt.code, rt.name_ky, rt.name_ru, rt.unit, rt.sla_days';
export const REQUEST_FROM = 'service_requests sr join request_types rt on rt.code = sr.type_code';
/** Where REQUEST_FROM keeps the applicant's student number and PIN (the columns a viewer's scope limits). */
export const APPLICANT_COLUMNS = { number: 'sr.applicant_student_no', pin: 'sr.applicant_pin' };
/** The deadline: submission + SLA in calendar days. */
export const REQUEST_DUE_SQL = `(sr.submitted_at + rt.sla_days * interval '1 day')`;
/**
 * Open (submitted or in progress) past the deadline at `now`, the placeholder of the business
 * instant. READY counts as done: the unit's work is finished.
 */
export const requestOverdueSql = (now: string) => `(sr.status in ('submitted', 'in_progress') and ${REQUEST_DUE_SQL} < ${now}::timestamptz)`;
/** The request's columns, `overdue` at the business instant `now` (a placeholder). */
const requestColumns = (now: string) => `sr.request_id, sr.request_no, sr.type_code, sr.applicant_pin, sr.applicant_student_no, sr.applicant_name,
  sr.submitted_at, ${REQUEST_DUE_SQL} as due_at, sr.channel, sr.status, sr.purpose, sr.copies, ${requestOverdueSql(now)} as overdue,
  ${REQUEST_TYPE_COLUMNS}`;

/** Conditions shared by the root list and a student's list; `now` is the business instant. */
export function serviceRequestFilters(where: ApplicantRequestFilter, p: Params, now: Date): (string | false | null | undefined)[] {
  return [
    // An empty list matches nothing (`= any('{}')` is false), as every list-valued filter of the hub.
    where.status != null && `sr.status = any(${p.add(where.status.map((s) => REQUEST_STATUS_CODE[s]))}::text[])`,
    where.typeCode != null && `sr.type_code = ${p.add(where.typeCode)}`,
    where.typeCodeIn != null && `sr.type_code = any(${p.add(where.typeCodeIn)}::text[])`,
    where.unit && `rt.unit = ${p.add(UNIT_CODE[where.unit])}`,
    where.submittedFrom && `sr.submitted_at >= ${p.add(where.submittedFrom)}`,
    where.submittedTo && `sr.submitted_at < ${p.add(where.submittedTo)}`,
    where.overdue != null && `${where.overdue ? '' : 'not '}${requestOverdueSql(p.add(now))}`,
  ];
}

/** Latest submission first; submitted_at is timestamptz, so its text form is an exact cursor value. */
export const REQUEST_SORT_LATEST: SortColumn[] = [
  { sql: 'sr.submitted_at', key: 'submitted_sort', desc: true },
  { sql: 'sr.request_id', key: 'request_id', desc: true },
];
/** The request's columns and its sort key, `overdue` at the business instant `now` (a placeholder). */
export const requestSortColumns = (now: string) => `${requestColumns(now)}, sr.submitted_at::text as submitted_sort`;

function toRequestType(r: RequestTypeRow): ServiceRequestTypeRecord {
  return {
    __typename: 'ServiceRequestType', id: toGlobalId('ServiceRequestType', r.code), key: r.code,
    code: r.code, name: r.name_ky, nameRu: r.name_ru, unit: UNIT[r.unit], slaDays: r.sla_days,
  };
}

export function toServiceRequest(r: ServiceRequestRow): ServiceRequestRecord {
  return {
    __typename: 'ServiceRequest', id: toGlobalId('ServiceRequest', r.request_id), key: r.request_id,
    number: r.request_no, type: toRequestType(r), applicantName: r.applicant_name,
    studentNumber: r.applicant_student_no?.trim() || null, applicantPin: r.applicant_pin?.trim() || null,
    submittedAt: r.submitted_at, dueAt: r.due_at, channel: CHANNEL[r.channel], status: REQUEST_STATUS[r.status],
    purpose: r.purpose, copies: r.copies, overdue: r.overdue,
  };
}

const toStatusChange = (r: HistoryRow): ServiceRequestStatusChangeRecord => ({
  status: REQUEST_STATUS[r.status], changedAt: r.changed_at, changedBy: r.changed_by, comment: r.comment,
});

export const listRequestTypes = async (c: SourceContext) =>
  (await c.db.registrar.query<RequestTypeRow>(`select ${REQUEST_TYPE_COLUMNS} from request_types rt order by rt.unit, rt.code`)).map(toRequestType);

export const requestTypeById = (c: SourceContext) =>
  byKeyLoader(c, 'registrar.requestTypeById', registrar, `select ${REQUEST_TYPE_COLUMNS}, rt.code as _key from request_types rt where rt.code = any($1::text[])`, toRequestType);

export const serviceRequestById = (c: SourceContext) =>
  byKeyLoader(
    c, 'registrar.serviceRequestById', registrar,
    `select ${requestColumns('$2')}, sr.request_id as _key from ${REQUEST_FROM} where sr.request_id = any($1::int[])`, toServiceRequest, [businessNow(c)],
  );

/** A request's status changes, oldest first. */
export const historyByRequest = (c: SourceContext) =>
  manyByKeyLoader(
    c, 'registrar.historyByRequest', registrar,
    `select h.status, h.changed_at, h.changed_by, h.comment, h.request_id as _key from request_status_history h
      where h.request_id = any($1::int[]) order by h.changed_at, h.id`,
    toStatusChange,
  );

const REQUEST_SORT: Record<ServiceRequestSort, SortColumn> = {
  submittedAt: { sql: 'sr.submitted_at', key: 'submitted_sort' },
  number: { sql: 'sr.request_no', key: 'request_no' },
};

/** Requests sorted by `sort` (ties by request); `scope` limits them in SQL, so pages and counts hold only visible ones. */
export function listServiceRequests(
  c: SourceContext,
  { filter, sort, desc, page, scope }: { filter: ServiceRequestFilter; sort: ServiceRequestSort; desc: boolean; page: Page; scope: ApplicantScope },
): Promise<ConnectionShape<ServiceRequestRecord>> {
  const now = businessNow(c);
  return loadList<ServiceRequestRow & Record<string, unknown>, ServiceRequestRecord>(
    registrar(c),
    {
      from: REQUEST_FROM,
      columns: (p) => requestSortColumns(p.add(now)),
      filters: (p) => [
        ...serviceRequestFilters(filter, p, now),
        filter.studentNumber != null && `sr.applicant_student_no = ${p.add(filter.studentNumber)}`,
        scope?.(p, APPLICANT_COLUMNS),
      ],
      sort: [{ ...REQUEST_SORT[sort], desc }, { sql: 'sr.request_id', key: 'request_id', desc }],
    },
    page,
    toServiceRequest,
  );
}
