/** The administrators' read of the audit log (hub database, through src/hub/audit/audit.store.ts). */
import type { HubContext } from '../../graphql/context';
import { byKeyLoader } from '../../db/loaders';
import { loadList } from '../../db/list-loaders';
import { readPage } from '../../graphql/connection';
import { intKeyOf, toGlobalId } from '../../domain/global-id';
import { ErrorCode, HubError, validationFailed } from '../../common/errors';
import { isAdmin } from '../../auth/viewer';
import { AUDIT_BY_ID_SQL, auditListQuery, type AuditActionCode, type AuditLogRow } from '../../hub/audit/audit.store';
import type { AuditLogArgs } from './audit.inputs';
import { AuditAction, AuditActorKind } from '../../domain/audit';
import { type AuditEntry } from './audit.types';

const ACTOR_KIND: Record<string, AuditActorKind> = {
  account: AuditActorKind.ACCOUNT, apiKey: AuditActorKind.API_KEY, anonymous: AuditActorKind.ANONYMOUS, hub: AuditActorKind.HUB,
};
const ACTION: Record<string, AuditAction> = { mutation: AuditAction.MUTATION, personal_read: AuditAction.PERSONAL_READ, identity_link: AuditAction.IDENTITY_LINK };
const ACTION_CODE: Record<AuditAction, AuditActionCode> = { MUTATION: 'mutation', PERSONAL_READ: 'personal_read', IDENTITY_LINK: 'identity_link' };

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export function toAuditEntry(r: AuditLogRow): AuditEntry {
  return {
    __typename: 'AuditEntry', id: toGlobalId('AuditEntry', r.id), key: Number(r.id), at: r.at, requestId: r.request_id,
    actorKind: ACTOR_KIND[r.actor_kind], actorId: r.actor_id, actorLabel: r.actor_label, actorRole: r.actor_role, purpose: r.purpose,
    action: ACTION[r.action], operation: r.operation,
    objects: r.objects.map((o) => ({ type: String(o.type), id: String(o.id) })),
    changes: r.changes.map((c) => ({ field: c.field, objectId: String(c.objectId), oldValue: json(c.old), newValue: json(c.new) })),
    personalFields: r.fields, personIds: r.person_ids.map((id) => toGlobalId('Person', Number(id))),
  };
}

/** Administrators only, whatever a key's scopes say: the trail watches every other role. */
function requireAdmin(context: HubContext): void {
  if (!isAdmin(context.viewer)) throw new HubError(ErrorCode.FORBIDDEN, 'Only administrators can read the audit log.');
}

export function listAuditLog(context: HubContext, args: AuditLogArgs) {
  requireAdmin(context);
  const where = args.where ?? {};
  if (where.from && where.to && where.from > where.to) throw validationFailed('`from` must not be after `to`.', 'where.from');
  const criteria = {
    actorId: where.actorId ?? null,
    action: where.action ? ACTION_CODE[where.action] : null,
    operation: where.operation ?? null,
    from: where.from ?? null,
    to: where.to ?? null,
    objectId: where.objectId ?? null,
    personKey: where.personId ? intKeyOf(where.personId, 'Person') : null,
  };
  return loadList<AuditLogRow & Record<string, unknown>, AuditEntry>(context.db.hub, auditListQuery(criteria), readPage(args, 'auditLog:at:desc'), toAuditEntry);
}

export function auditEntryById(context: HubContext, key: number) {
  if (!isAdmin(context.viewer)) return Promise.resolve(null);
  return byKeyLoader(context, 'hub.auditEntryById', (c) => c.db.hub, AUDIT_BY_ID_SQL, toAuditEntry).load(key);
}
