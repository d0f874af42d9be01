/**
 * The unified model's registrar vocabulary, free of GraphQL: sources return these values and the
 * registrar module registers them as GraphQL enums (with their descriptions).
 */

export enum IssuedDocumentType {
  CERTIFICATE = 'CERTIFICATE',
  TRANSCRIPT = 'TRANSCRIPT',
  DIPLOMA = 'DIPLOMA',
  DIPLOMA_SUPPLEMENT = 'DIPLOMA_SUPPLEMENT',
  ACADEMIC_REFERENCE = 'ACADEMIC_REFERENCE',
}

export enum IssuedDocumentStatus {
  ISSUED = 'ISSUED',
  CANCELLED = 'CANCELLED',
}

export enum DocumentFlowDirection {
  INCOMING = 'INCOMING',
  OUTGOING = 'OUTGOING',
  INTERNAL = 'INTERNAL',
}

export enum DocumentFlowStatus {
  SENT = 'SENT',
  RECEIVED = 'RECEIVED',
  EXECUTED = 'EXECUTED',
  RETURNED = 'RETURNED',
}

export enum ResponsibleUnit {
  LIBRARY = 'LIBRARY',
  DORMITORY = 'DORMITORY',
  REGISTRAR = 'REGISTRAR',
  EDUCATION_DOCUMENTS = 'EDUCATION_DOCUMENTS',
}

export enum RequestChannel {
  WINDOW = 'WINDOW',
  ONLINE = 'ONLINE',
}

export enum ServiceRequestStatus {
  SUBMITTED = 'SUBMITTED',
  IN_PROGRESS = 'IN_PROGRESS',
  READY = 'READY',
  ISSUED = 'ISSUED',
  REJECTED = 'REJECTED',
}

export interface ServiceRequestTypeRecord {
  __typename: 'ServiceRequestType';
  id: string;
  /** The registrar's own code of the kind of request. */
  key: string;
  code: string;
  name: string;
  nameRu: string;
  unit: ResponsibleUnit;
  slaDays: number;
}

export interface ServiceRequestStatusChangeRecord {
  status: ServiceRequestStatus;
  changedAt: Date;
  changedBy: string;
  comment: string | null;
}

export interface ServiceRequestRecord {
  __typename: 'ServiceRequest';
  id: string;
  key: number;
  number: string;
  type: ServiceRequestTypeRecord;
  applicantName: string;
  studentNumber: string | null;
  applicantPin: string | null;
  submittedAt: Date;
  dueAt: Date;
  channel: RequestChannel;
  status: ServiceRequestStatus;
  purpose: string | null;
  copies: number;
  overdue: boolean;
}

export interface IssuedDocumentRecord {
  __typename: 'IssuedDocument';
  id: string;
  key: number;
  requestKey: number | null;
  number: string;
  type: IssuedDocumentType;
  holderName: string;
  studentNumber: string | null;
  holderPin: string | null;
  issuedOn: string;
  series: string | null;
  registrationNumber: string | null;
  status: IssuedDocumentStatus;
}

export interface DocumentFlowRecordRecord {
  __typename: 'DocumentFlowRecord';
  id: string;
  key: number;
  reference: string;
  title: string;
  fromUnit: string;
  toUnit: string;
  direction: DocumentFlowDirection;
  sentAt: Date;
  receivedAt: Date | null;
  status: DocumentFlowStatus;
}

/** Filters of a student's own requests (all must hold); the root list adds {@link ServiceRequestFilter}'s. */
export interface ApplicantRequestFilter {
  /** Any of these statuses; an empty list matches no request (absent: all). */
  status?: readonly ServiceRequestStatus[] | null;
  typeCode?: string | null;
  /** Any of these type codes; an empty list matches no request. */
  typeCodeIn?: readonly string[] | null;
  unit?: ResponsibleUnit | null;
  submittedFrom?: Date | null;
  submittedTo?: Date | null;
  overdue?: boolean | null;
}

/** Filters of the root requests list (all must hold). */
export interface ServiceRequestFilter extends ApplicantRequestFilter {
  studentNumber?: string | null;
}

export type ServiceRequestSort = 'submittedAt' | 'number';

/** Filters of the issued documents list (all must hold). */
export interface IssuedDocumentFilter {
  type?: IssuedDocumentType | null;
  status?: IssuedDocumentStatus | null;
  studentNumber?: string | null;
  holderNameContains?: string | null;
  /** Issue dates, inclusive (YYYY-MM-DD). */
  issuedFrom?: string | null;
  issuedTo?: string | null;
}

/** Filters of the document flow list (all must hold). */
export interface DocumentFlowFilter {
  direction?: DocumentFlowDirection | null;
  status?: DocumentFlowStatus | null;
  unitContains?: string | null;
  search?: string | null;
  sentFrom?: Date | null;
  sentTo?: Date | null;
}
