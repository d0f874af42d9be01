/** `auditLog`: the audit trail for administrators. There is no mutation: entries are only ever added. */
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { registerNode } from '../../graphql/node';
import { AuditLogArgs } from './audit.inputs';
import { auditEntryById, listAuditLog } from './audit.service';
import { AuditEntryConnection } from './audit.types';

registerNode('AuditEntry', (key, c) => (Number.isInteger(Number(key)) ? auditEntryById(c, Number(key)) : Promise.resolve(null)));

@Resolver()
export class AuditQueries {
  @Query(() => AuditEntryConnection, { nullable: true,
    description:
      'The audit log (administrators only): every mutation and every read of personal data, newest first; filter by actor, action, operation, time, object or person. ' +
      'Entries cannot be edited or deleted.',
  })
  auditLog(@Args() args: AuditLogArgs, @Ctx() context: HubContext) {
    return listAuditLog(context, args);
  }
}

export const auditResolvers = [AuditQueries] as const;
