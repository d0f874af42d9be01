/** The audit log as administrators read it (AUDIT domain). */
import { Field, ID, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection';
import { HubObject } from '../../graphql/object-type';
import { DateTime } from '../../graphql/scalars';
import { AuditAction, AuditActorKind } from '../../domain/audit';

registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'What an audit entry records.',
  valuesConfig: {
    MUTATION: { description: 'A change made through a mutation (with old and new values where grades or statuses changed).' },
    PERSONAL_READ: { description: 'A read of personal-data fields (PIN, passport, phone, address, birth date, photo, e-mail): which fields, of which people.' },
    IDENTITY_LINK: {
      description:
        'A link of the identity registry the hub made, moved or removed on its own, from a change in a source (operation `identity.link`, `identity.move` or `identity.unlink`; ' +
        'the changes give the record\'s person before and after, and the method). Actor kind HUB.',
    },
  },
});

registerEnumType(AuditActorKind, {
  name: 'AuditActorKind',
  description: 'How the actor of an audit entry was authenticated.',
  valuesConfig: {
    ACCOUNT: { description: 'A user account (login and password, access token).' },
    API_KEY: { description: 'A partner unit\'s API key (see `purpose`).' },
    ANONYMOUS: { description: 'No credentials.' },
    HUB: { description: 'The hub itself, acting on its own (keeping the identity registry current from the change feed); no account or key.' },
  },
});

@HubObject('An object an audited action touched or read.', { node: false })
export class AuditObject {
  @Field({ description: 'GraphQL type of the object, e.g. "Student" or "GradeSheet".' })
  type!: string;

  @Field(() => ID, { description: 'Global ID of the object (fetch it with `node(id:)`).' })
  id!: string;
}

@HubObject('One value an audited mutation changed.', { node: false })
export class AuditChange {
  @Field({ description: 'The field changed, e.g. "module1" or "status".' })
  field!: string;

  @Field(() => ID, { description: 'Global ID of the object changed.' })
  objectId!: string;

  @Field(() => String, { nullable: true, description: 'The value before the change, as JSON text (e.g. "42.5", "\\"OPEN\\"", "null").' })
  oldValue!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after the change, as JSON text.' })
  newValue!: string | null;
}

@HubObject('One entry of the audit log: who did or read what, when and for which stated purpose. Entries cannot be changed or deleted, through the API or in the database.')
export class AuditEntry {
  __typename!: 'AuditEntry';
  id!: string;
  /** hub audit_log.id */
  key!: number;

  @Field(() => DateTime, { description: 'When the action happened.' })
  at!: Date;

  @Field({ description: 'The request the entry belongs to (entries of one request share it).' })
  requestId!: string;

  @Field(() => AuditActorKind, { description: 'Account, API key, anonymous, or the hub itself.' })
  actorKind!: AuditActorKind;

  @Field(() => ID, { nullable: true, description: 'The account id or API key id of the actor (use it in `auditLog(where: { actorId })`); null when anonymous or the hub itself.' })
  actorId!: string | null;

  @Field({ description: 'The account\'s login or the key\'s name ("Campus Graph (identity registry)" for the hub itself).' })
  actorLabel!: string;

  @Field(() => String, { nullable: true, description: 'The actor\'s role (ADMIN, DEAN, LIBRARY…); null when anonymous or the hub itself.' })
  actorRole!: string | null;

  @Field(() => String, { nullable: true, description: 'The purpose stated for the API key (why the partner reads personal data), or why the hub acted on its own; null for accounts.' })
  purpose!: string | null;

  @Field(() => AuditAction, { description: 'A mutation, a read of personal data, or a change of the identity registry made by the hub.' })
  action!: AuditAction;

  @Field({ description: 'The mutation (e.g. "setGradeScores") or, for reads, the operation name the client gave (its kind, e.g. "query", when unnamed).' })
  operation!: string;

  @Field(() => [AuditObject], { description: 'The objects touched (mutations) or whose personal data was read.' })
  objects!: AuditObject[];

  @Field(() => [AuditChange], { description: 'Old and new values of the grades and statuses a mutation changed; empty for reads.' })
  changes!: AuditChange[];

  @Field(() => [String], { description: 'The personal fields read, as "Type.field" (e.g. "Student.pin"); empty for mutations.' })
  personalFields!: string[];

  @Field(() => [ID], { description: 'Global IDs of the people (Person) whose personal data was read, as the identity registry links the records read.' })
  personIds!: string[];
}

export const AuditEntryConnection = ConnectionType(AuditEntry, 'AuditEntry', 'audit log entry');
