/** Filters of the audit log. */
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import { DateTime } from '../../graphql/scalars';
import { AuditAction } from '../../domain/audit';

@InputType({ description: 'Which audit entries to list. All conditions must hold.' })
export class AuditLogWhere {
  @Field(() => ID, { nullable: true, description: 'Only entries of this actor (an account id or API key id, as `AuditEntry.actorId`).' })
  actorId?: string;

  @Field(() => AuditAction, { nullable: true, description: 'Only mutations, only reads of personal data, or only the identity registry\'s links changed by the hub.' })
  action?: AuditAction;

  @Field({ nullable: true, description: 'Only entries of this operation (exact), e.g. "setGradeScores".' })
  operation?: string;

  @Field(() => DateTime, { nullable: true, description: 'Only entries at or after this instant.' })
  from?: Date;

  @Field(() => DateTime, { nullable: true, description: 'Only entries before this instant.' })
  to?: Date;

  @Field(() => ID, { nullable: true, description: 'Only entries that touched, changed or read this object (its global ID).' })
  objectId?: string;

  @Field(() => ID, { nullable: true, description: 'Only entries that read personal data of this person (a Person global ID).' })
  personId?: string;
}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => AuditLogWhere, { nullable: true, description: 'Filter; omit for every entry. Newest first.' })
  where?: AuditLogWhere;
}
