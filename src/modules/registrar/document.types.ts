/** Documents the registrar issued, and the electronic document flow between units. */
import { Field, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection';
import { HubObject } from '../../graphql/object-type';
import { Identifying, PersonalData } from '../../graphql/personal-data';
import { DateTime, LocalDate } from '../../graphql/scalars';
import { IssuedDocumentType, IssuedDocumentStatus, DocumentFlowDirection, DocumentFlowStatus } from '../../domain/registrar';
import type { DocumentFlowRecordRecord, IssuedDocumentRecord } from '../../domain/registrar';

registerEnumType(IssuedDocumentType, {
  name: 'IssuedDocumentType',
  description: 'Kind of document the university issues.',
  valuesConfig: {
    CERTIFICATE: { description: 'A certificate (маалымкат), e.g. that the holder studies here.' },
    TRANSCRIPT: { description: 'An academic transcript (grades).' },
    DIPLOMA: { description: 'A diploma.' },
    DIPLOMA_SUPPLEMENT: { description: 'A diploma supplement.' },
    ACADEMIC_REFERENCE: { description: 'An academic reference (академическая справка) for a student who leaves before graduating.' },
  },
});

registerEnumType(IssuedDocumentStatus, {
  name: 'IssuedDocumentStatus',
  description: 'Whether an issued document is valid.',
  valuesConfig: { ISSUED: { description: 'Issued and valid.' }, CANCELLED: { description: 'Cancelled (spoiled, replaced by a duplicate or revoked).' } },
});

registerEnumType(DocumentFlowDirection, {
  name: 'DocumentFlowDirection',
  description: 'Which way a document moves relative to the university.',
  valuesConfig: {
    INCOMING: { description: 'From outside to a unit of the university.' },
    OUTGOING: { description: 'From a unit to outside the university.' },
    INTERNAL: { description: 'Between units of the university.' },
  },
});

registerEnumType(DocumentFlowStatus, {
  name: 'DocumentFlowStatus',
  description: 'Where a document in the flow stands.',
  valuesConfig: {
    SENT: { description: 'Sent, not yet received.' },
    RECEIVED: { description: 'Received by the addressee.' },
    EXECUTED: { description: 'Acted upon (executed) by the addressee.' },
    RETURNED: { description: 'Returned to the sender (for correction).' },
  },
});

@HubObject('A document the university issued (certificate, transcript, diploma…). Source: registrar.')
export class IssuedDocument implements IssuedDocumentRecord {
  __typename!: 'IssuedDocument';
  id!: string;
  /** The registrar's own key, as its system numbers it. */
  key!: number;
  requestKey!: number | null;

  @Field({ description: 'Document number.' })
  number!: string;

  @Field(() => IssuedDocumentType, { description: 'Kind of document.' })
  type!: IssuedDocumentType;

  @Identifying()
  @Field({ description: 'Holder\'s name as printed.' })
  holderName!: string;

  @Identifying()
  @Field(() => String, { nullable: true, description: 'Holder\'s AVN student-book number, if recorded.' })
  studentNumber!: string | null;

  @PersonalData('pin')
  @Field(() => String, { nullable: true, description: 'Holder\'s PIN, if recorded. Personal data.' })
  holderPin!: string | null;

  @Field(() => LocalDate, { description: 'Date of issue.' })
  issuedOn!: string;

  @Field(() => String, { nullable: true, description: 'Blank series (diplomas and supplements), if any.' })
  series!: string | null;

  @Field(() => String, { nullable: true, description: 'Registration number in the issue register, if any.' })
  registrationNumber!: string | null;

  @Field(() => IssuedDocumentStatus, { description: 'Valid or cancelled.' })
  status!: IssuedDocumentStatus;
}

export const IssuedDocumentConnection = ConnectionType(IssuedDocument, 'IssuedDocument', 'issued document');

@HubObject('A record of the electronic document flow: a document sent from one unit to another. Source: registrar.')
export class DocumentFlowRecord implements DocumentFlowRecordRecord {
  __typename!: 'DocumentFlowRecord';
  id!: string;
  /** The registrar's own key, as its system numbers it. */
  key!: number;

  @Field({ description: 'Reference (registration number) of the document.' })
  reference!: string;

  @Field({ description: 'Title or subject of the document.' })
  title!: string;

  @Field({ description: 'Sending unit, as the registrar names it.' })
  fromUnit!: string;

  @Field({ description: 'Receiving unit, as the registrar names it.' })
  toUnit!: string;

  @Field(() => DocumentFlowDirection, { description: 'Incoming, outgoing or internal.' })
  direction!: DocumentFlowDirection;

  @Field(() => DateTime, { description: 'When it was sent.' })
  sentAt!: Date;

  @Field(() => DateTime, { nullable: true, description: 'When it was received; null while on its way.' })
  receivedAt!: Date | null;

  @Field(() => DocumentFlowStatus, { description: 'Sent, received, executed or returned.' })
  status!: DocumentFlowStatus;
}

export const DocumentFlowRecordConnection = ConnectionType(DocumentFlowRecord, 'DocumentFlowRecord', 'document flow record');
