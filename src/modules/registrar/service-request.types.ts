/** The "Single Window" (Бирдиктүү терезе): service requests, their types and status history. */
import { Field, Int, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection';
import { HubObject } from '../../graphql/object-type';
import { Identifying, PersonalData } from '../../graphql/personal-data';
import { DateTime } from '../../graphql/scalars';
import { ResponsibleUnit, RequestChannel, ServiceRequestStatus } from '../../domain/registrar';
import type { ServiceRequestRecord, ServiceRequestStatusChangeRecord, ServiceRequestTypeRecord } from '../../domain/registrar';

registerEnumType(ResponsibleUnit, {
  name: 'ResponsibleUnit',
  description: 'The unit that handles a kind of Single Window request.',
  valuesConfig: {
    LIBRARY: { description: 'The university library (e.g. clearance certificates).' },
    DORMITORY: { description: 'The dormitory office (e.g. a place in a dormitory).' },
    REGISTRAR: { description: 'The registrar (certificates / маалымкат, academic references).' },
    EDUCATION_DOCUMENTS: { description: 'The education-documents office (diplomas, supplements, transcripts, duplicates).' },
  },
});

registerEnumType(RequestChannel, {
  name: 'RequestChannel',
  description: 'How a request was submitted.',
  valuesConfig: { WINDOW: { description: 'In person at the Single Window desk.' }, ONLINE: { description: 'Online, through the portal.' } },
});

registerEnumType(ServiceRequestStatus, {
  name: 'ServiceRequestStatus',
  description: 'Where a request stands. SUBMITTED and IN_PROGRESS are open; READY, ISSUED and REJECTED are finished for the SLA.',
  valuesConfig: {
    SUBMITTED: { description: 'Received, not yet taken up.' },
    IN_PROGRESS: { description: 'Being prepared by the responsible unit.' },
    READY: { description: 'Prepared and waiting for the applicant to collect it (the unit\'s work is done).' },
    ISSUED: { description: 'Handed to the applicant.' },
    REJECTED: { description: 'Refused (see the comment in `history`).' },
  },
});

@HubObject('A kind of service the Single Window takes requests for, with the unit responsible and its deadline. Source: registrar.')
export class ServiceRequestType implements ServiceRequestTypeRecord {
  __typename!: 'ServiceRequestType';
  id!: string;
  /** The registrar's own key, as its system numbers it. */
  key!: string;

  @Field({ description: 'Stable code of the request type, e.g. "study_certificate"; use it in `serviceRequests(where: { typeCode })`.' })
  code!: string;

  @Field({ description: 'Name in Kyrgyz.' })
  name!: string;

  @Field({ description: 'Name in Russian.' })
  nameRu!: string;

  @Field(() => ResponsibleUnit, { description: 'The unit that handles requests of this type.' })
  unit!: ResponsibleUnit;

  @Field(() => Int, { description: 'Service-level deadline: calendar days from submission to READY.' })
  slaDays!: number;
}

@HubObject('One status change of a service request. Source: registrar.', { node: false })
export class ServiceRequestStatusChange implements ServiceRequestStatusChangeRecord {
  @Field(() => ServiceRequestStatus, { description: 'The status the request moved to.' })
  status!: ServiceRequestStatus;

  @Field(() => DateTime, { description: 'When.' })
  changedAt!: Date;

  @Identifying()
  @Field({ description: 'Who made the change (staff login or name, as the registrar recorded it).' })
  changedBy!: string;

  @Field(() => String, { nullable: true, description: 'Comment, e.g. the reason of a rejection.' })
  comment!: string | null;
}

@HubObject('A request made at the Single Window (a certificate, a transcript, a dormitory place…). Source: registrar.')
export class ServiceRequest implements ServiceRequestRecord {
  __typename!: 'ServiceRequest';
  id!: string;
  /** The registrar's own key, as its system numbers it. */
  key!: number;

  @Field({ description: 'Request number given at submission, e.g. "БТ-2025-00001".' })
  number!: string;

  @Field(() => ServiceRequestType, { description: 'What is requested, which unit handles it and its deadline.' })
  type!: ServiceRequestType;

  @Identifying()
  @Field({ description: 'Applicant\'s name as typed at the window.' })
  applicantName!: string;

  @Identifying()
  @Field(() => String, { nullable: true, description: 'Applicant\'s AVN student-book number (зачетка) as typed; null when not given (staff, graduates).' })
  studentNumber!: string | null;

  @PersonalData('pin')
  @Field(() => String, { nullable: true, description: 'Applicant\'s PIN as typed; null when not given. Personal data.' })
  applicantPin!: string | null;

  @Field(() => DateTime, { description: 'When the request was submitted.' })
  submittedAt!: Date;

  @Field(() => DateTime, { description: 'Deadline: submission time + the type\'s SLA days.' })
  dueAt!: Date;

  @Field(() => RequestChannel, { description: 'At the window or online.' })
  channel!: RequestChannel;

  @Field(() => ServiceRequestStatus, { description: 'Where the request stands now.' })
  status!: ServiceRequestStatus;

  @Field(() => String, { nullable: true, description: 'What the document is needed for, e.g. "for the military registration office".' })
  purpose!: string | null;

  @Field(() => Int, { description: 'Number of copies requested.' })
  copies!: number;

  @Field({ description: 'True when the deadline (`dueAt`) has passed and the request is still open (SUBMITTED or IN_PROGRESS).' })
  overdue!: boolean;
}

export const ServiceRequestConnection = ConnectionType(ServiceRequest, 'ServiceRequest', 'service request');
