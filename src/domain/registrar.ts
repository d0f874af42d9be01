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
