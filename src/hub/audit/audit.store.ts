/**
 * The hub's `audit_log` table (migration 0004): the one INSERT that writes a request's entries,
 * and the filtered, keyset-paged read for administrators. The table refuses UPDATE, DELETE and
 * TRUNCATE in a trigger, so nothing — not the API, not SQL — edits the trail.
 */
import type { ListQuery } from '../../db/list-loaders';
import type { SortColumn } from '../../db/pages';
import type { Params } from '../../db/sql';
import type { SourceDb } from '../../db/source-db';

/**
 * What an entry records: a mutation, a read of personal data, or a change the hub made to the
 * identity registry on its own (a link made, moved or removed from the change feed).
 */
export type AuditActionCode = 'mutation' | 'personal_read' | 'identity_link';

export interface AuditRow {
  at: string;
  requestId: string;
  actorKind: string;
  actorId: string | null;
  actorLabel: string;
  actorRole: string | null;
  purpose: string | null;
  action: AuditActionCode;
  operation: string;
  objects: { type: string; id: string }[];
  changes: { field: string; objectId: string; old: unknown; new: unknown }[];
  /** Personal fields read, e.g. "Student.pin". */
  fields: string[];
  /** Source records whose persons the registry knows ({ source: 'avn.student', key: '123' }). */
  links: { source: string; key: string }[];
  /** Hub person ids read directly (Person objects). */
  persons: number[];
}

/**
 * One statement for all entries of a request; the person ids of the records read are looked up
 * in the identity registry inside the same statement.
 */
export async function insertAuditEntries(hub: Pick<SourceDb, 'query'> | { query(sql: string, params: unknown[]): Promise<unknown> }, rows: AuditRow[]): Promise<void> {
  await hub.query(
    `insert into audit_log (at, request_id, actor_kind, actor_id, actor_label, actor_role, purpose, action, operation, objects, changes, fields, person_ids)
     select x.at, x."requestId", x."actorKind", x."actorId", x."actorLabel", x."actorRole", x.purpose, x.action, x.operation,
            x.objects, x.changes, array(select jsonb_array_elements_text(x.fields)),
            array(select distinct u.pid from (
                    select (jsonb_array_elements_text(x.persons))::bigint as pid
                    union all
                    select l.person_id from jsonb_to_recordset(x.links) as k(source text, key text)
                      join identity_link l on l.source = k.source and l.local_key = k.key) u
                  where u.pid is not null order by u.pid)
       from jsonb_to_recordset($1::jsonb) as x(at timestamptz, "requestId" text, "actorKind" text, "actorId" text, "actorLabel" text,
            "actorRole" text, purpose text, action text, operation text, objects jsonb, changes jsonb, fields jsonb, links jsonb, persons jsonb)`,
    [JSON.stringify(rows)],
  );
}

export interface AuditLogRow {
  id: number;
  at: Date;
  request_id: string;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string;
  actor_role: string | null;
  purpose: string | null;
  action: AuditActionCode;
  operation: string;
  objects: { type: string; id: string }[];
  changes: { field: string; objectId: string; old: unknown; new: unknown }[];
  fields: string[];
  person_ids: number[];
}

export interface AuditCriteria {
  actorId?: string | null;
  action?: AuditActionCode | null;
  operation?: string | null;
  from?: Date | null;
  to?: Date | null;
  /** A global ID among the objects touched or changed. */
  objectId?: string | null;
  /** A hub person id among the people read. */
  personKey?: number | null;
}

export const AUDIT_COLUMNS = 'a.id, a.at, a.request_id, a.actor_kind, a.actor_id, a.actor_label, a.actor_role, a.purpose, a.action, a.operation, a.objects, a.changes, a.fields, a.person_ids';

/** Newest first; the id breaks ties (entries of one request share their time). */
export const AUDIT_SORT: SortColumn[] = [
  { sql: 'a.at', key: 'at_sort', desc: true },
  { sql: 'a.id', key: 'id', desc: true },
];

export function auditListQuery(criteria: AuditCriteria): ListQuery {
  return {
    from: 'audit_log a',
    // The cursor keeps the time as text at full (microsecond) precision.
    columns: `${AUDIT_COLUMNS}, a.at::text as at_sort`,
    filters: (p: Params) => [
      criteria.actorId != null && `a.actor_id = ${p.add(criteria.actorId)}`,
      criteria.action != null && `a.action = ${p.add(criteria.action)}`,
      criteria.operation != null && `a.operation = ${p.add(criteria.operation)}`,
      criteria.from != null && `a.at >= ${p.add(criteria.from.toISOString())}::timestamptz`,
      criteria.to != null && `a.at < ${p.add(criteria.to.toISOString())}::timestamptz`,
      criteria.objectId != null &&
        `(a.objects @> ${p.add(JSON.stringify([{ id: criteria.objectId }]))}::jsonb or a.changes @> ${p.add(JSON.stringify([{ objectId: criteria.objectId }]))}::jsonb)`,
      criteria.personKey != null && `a.person_ids @> array[${p.add(criteria.personKey)}::bigint]`,
    ],
    sort: AUDIT_SORT,
  };
}

export const AUDIT_BY_ID_SQL = `select ${AUDIT_COLUMNS}, a.id as _key from audit_log a where a.id = any($1::bigint[])`;
