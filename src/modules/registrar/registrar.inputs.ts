/** Filters and orders of the registrar lists. */
import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { Identifying } from '../../graphql/personal-data';
import { PageArgs } from '../../graphql/connection';
import { OrderDirection } from '../../graphql/ordering';
import { DateTime, LocalDate } from '../../graphql/scalars';
import { DocumentFlowDirection, DocumentFlowStatus, IssuedDocumentStatus, IssuedDocumentType } from '../../domain/registrar';
import { ResponsibleUnit, ServiceRequestStatus } from '../../domain/registrar';

/** Far more than the registrar's request types; a list is bounded so that it is never carried into SQL unchecked. */
export const REQUEST_TYPE_CODES_MAX = 50;

/** The filter of a student's requests (the student is already given); the root list adds the applicant's student number. */
@InputType({ description: 'Which of a student\'s service requests to list. All conditions must hold.' })
export class StudentServiceRequestWhere {
  @Field(() => [ServiceRequestStatus], {
    nullable: true,
    description: 'Only requests in one of these statuses (a single value works too). At most as many values as ServiceRequestStatus has (5), else VALIDATION_FAILED; an empty list matches no request.',
  })
  status?: ServiceRequestStatus[];

  @Field({ nullable: true, description: 'Only requests of this type (a ServiceRequestType code).' })
  typeCode?: string;

  @Field(() => [String], {
    nullable: true,
    description: `Only requests of one of these types (ServiceRequestType codes, e.g. ["study_certificate", "academic_leave"]). At most ${REQUEST_TYPE_CODES_MAX} codes, else VALIDATION_FAILED; an empty list matches no request. Combines with \`typeCode\` (both must hold).`,
  })
  typeCodeIn?: string[];

  @Field(() => ResponsibleUnit, { nullable: true, description: 'Only requests handled by this unit.' })
  unit?: ResponsibleUnit;

  @Field(() => DateTime, { nullable: true, description: 'Only requests submitted at or after this instant.' })
  submittedFrom?: Date;

  @Field(() => DateTime, { nullable: true, description: 'Only requests submitted before this instant.' })
  submittedTo?: Date;

  @Field({ nullable: true, description: 'true: only open requests past their deadline; false: only requests that are not.' })
  overdue?: boolean;
}

@InputType({ description: 'Which service requests to list. All conditions must hold.' })
export class ServiceRequestWhere extends StudentServiceRequestWhere {
  @Identifying()
  @Field({ nullable: true, description: 'Only requests whose applicant gave this student-book number.' })
  studentNumber?: string;
}

export enum ServiceRequestOrderField {
  SUBMITTED_AT = 'SUBMITTED_AT',
  NUMBER = 'NUMBER',
}
registerEnumType(ServiceRequestOrderField, {
  name: 'ServiceRequestOrderField',
  description: 'What service requests can be sorted by.',
  valuesConfig: { SUBMITTED_AT: { description: 'Submission time.' }, NUMBER: { description: 'Request number (as text).' } },
});

@InputType({ description: 'Sort order of service requests (ties are broken by request).' })
export class ServiceRequestOrder {
  @Field(() => ServiceRequestOrderField, { description: 'Sort by this.' })
  field!: ServiceRequestOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Sort direction.' })
  direction!: OrderDirection;
}

@ArgsType()
export class ServiceRequestsArgs extends PageArgs {
  @Field(() => ServiceRequestWhere, { nullable: true, description: 'Filter; omit for every request.' })
  where?: ServiceRequestWhere;

  @Field(() => ServiceRequestOrder, { nullable: true, description: 'Sort order; latest submission first unless given.' })
  orderBy?: ServiceRequestOrder;
}

@ArgsType()
export class StudentServiceRequestsArgs extends PageArgs {
  @Field(() => StudentServiceRequestWhere, { nullable: true, description: 'Filter; omit for all of the student\'s requests. Latest submission first.' })
  where?: StudentServiceRequestWhere;
}

@InputType({ description: 'Which issued documents to list. All conditions must hold.' })
export class IssuedDocumentWhere {
  @Field(() => IssuedDocumentType, { nullable: true, description: 'Only documents of this kind.' })
  type?: IssuedDocumentType;

  @Field(() => IssuedDocumentStatus, { nullable: true, description: 'Only valid or only cancelled documents.' })
  status?: IssuedDocumentStatus;

  @Identifying()
  @Field({ nullable: true, description: 'Only documents of the holder with this student-book number.' })
  studentNumber?: string;

  @Identifying()
  @Field({ nullable: true, description: 'Only documents whose holder name contains this text (case-insensitive).' })
  holderNameContains?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Only documents issued on or after this date.' })
  issuedFrom?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Only documents issued on or before this date.' })
  issuedTo?: string;
}

@ArgsType()
export class IssuedDocumentsArgs extends PageArgs {
  @Field(() => IssuedDocumentWhere, { nullable: true, description: 'Filter; omit for every document. Latest issue first.' })
  where?: IssuedDocumentWhere;
}

@InputType({ description: 'Which document-flow records to list. All conditions must hold.' })
export class DocumentFlowWhere {
  @Field(() => DocumentFlowDirection, { nullable: true, description: 'Only incoming, outgoing or internal documents.' })
  direction?: DocumentFlowDirection;

  @Field(() => DocumentFlowStatus, { nullable: true, description: 'Only documents in this status.' })
  status?: DocumentFlowStatus;

  @Field({ nullable: true, description: 'Only documents sent from or to a unit whose name contains this text (case-insensitive).' })
  unitContains?: string;

  @Field({ nullable: true, description: 'Only documents whose reference or title contains this text (case-insensitive).' })
  search?: string;

  @Field(() => DateTime, { nullable: true, description: 'Only documents sent at or after this instant.' })
  sentFrom?: Date;

  @Field(() => DateTime, { nullable: true, description: 'Only documents sent before this instant.' })
  sentTo?: Date;
}

@ArgsType()
export class DocumentFlowArgs extends PageArgs {
  @Field(() => DocumentFlowWhere, { nullable: true, description: 'Filter; omit for every record. Latest sending first.' })
  where?: DocumentFlowWhere;
}
