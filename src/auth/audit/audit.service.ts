/**
 * The audit trail (regulation: confidentiality of personal information): every mutation and
 * every read of a personal-data field, with who, when, the purpose of the key and which people.
 *
 * Recording is off the hot path: `recordAudit` and the guard's personal-field wrapper only add
 * to a buffer kept for the request; the buffer is written in one INSERT when the response is
 * sent (auditPlugin's `willSendResponse`), or, for work outside an HTTP request (subscription
 * events, in-process execution), shortly after the last record. A request that records nothing
 * — an administrator reading no personal field — writes nothing.
 */
import type { Databases } from '../../db/databases';
import type { Viewer } from '../viewer';
import { toGlobalId } from '../../domain/global-id';
import { logger } from '../../common/logger';
import { insertAuditEntries, type AuditRow } from '../../hub/audit/audit.store';

/** What the audit reads of a request: who asks, the request's id, and the hub database it writes to. */
export interface AuditContext {
  readonly requestId: string;
  readonly viewer: Viewer;
  readonly runtime: { readonly databases: Databases };
}

export type AuditAction = 'mutation' | 'personal_read';

/** What a mutation reports (the signature other modules call). */
export interface AuditEntryInput {
  action?: AuditAction;
  /** The operation, e.g. "enterGrades" (the mutation field) — not the client's free-text name. */
  operation: string;
  /** Objects touched, by type and global ID. */
  objects?: { type: string; id: string }[];
  /** Old and new values where grades or statuses change. Never personal data. */
  changes?: { field: string; objectId: string; old: unknown; new: unknown }[];
}

/** Identity-registry sources of the types whose personal fields are read (for the person ids). */
const REGISTRY_SOURCE: Record<string, string> = {
  Student: 'avn.student',
  Employee: 'avn.employee',
  Applicant: 'avn.applicant',
  LibraryReader: 'library.borrower',
  DormitoryResident: 'dormitory.resident',
};

interface PersonalReads {
  operation: string;
  /** "Type.field" of the fields read. */
  fields: Set<string>;
  /** The keys of the objects read, per type. */
  keys: Map<string, Set<string | number>>;
}

interface AuditBuffer {
  rows: AuditRow[];
  reads: PersonalReads | null;
  timer: NodeJS.Timeout | null;
  /** Counts records, so the idle flush can tell whether any came since it last looked. */
  records: number;
}

const buffers = new WeakMap<AuditContext, AuditBuffer>();

/** Unflushed records are written this long after the last one when no response hook flushes them. */
const IDLE_FLUSH_MS = 200;

function bufferOf(context: AuditContext): AuditBuffer {
  let buffer = buffers.get(context);
  if (!buffer) {
    const created: AuditBuffer = (buffer = { rows: [], reads: null, timer: null, records: 0 });
    buffers.set(context, created);
    // One timer per buffer, not one per record (a page of personal fields records hundreds of
    // reads): it flushes once a whole interval passed without a new record.
    let seen = -1;
    const idle = () => {
      if (created.records !== seen) {
        seen = created.records;
        created.timer = setTimeout(idle, IDLE_FLUSH_MS);
        created.timer.unref();
      } else {
        void flushAudit(context);
      }
    };
    idle();
  }
  buffer.records++;
  return buffer;
}

function actorOf(context: AuditContext): Omit<AuditRow, 'action' | 'operation' | 'objects' | 'changes' | 'fields' | 'links' | 'persons'> {
  const viewer = context.viewer;
  return {
    at: new Date().toISOString(),
    requestId: context.requestId,
    actorKind: viewer.kind,
    actorId: viewer.id,
    actorLabel: viewer.label,
    actorRole: viewer.role,
    purpose: viewer.purpose,
  };
}

/** How many entries each operation recorded in a request (never reset by a flush). */
const recordedOperations = new WeakMap<AuditContext, Map<string, number>>();

/** How many audit entries `operation` has recorded so far in this request. */
export function recordedCount(context: AuditContext, operation: string): number {
  return recordedOperations.get(context)?.get(operation) ?? 0;
}

/** Records a mutation (or another audited action) of this request; written when the request ends. */
export function recordAudit(context: AuditContext, entry: AuditEntryInput): void {
  let counts = recordedOperations.get(context);
  if (!counts) recordedOperations.set(context, (counts = new Map()));
  counts.set(entry.operation, (counts.get(entry.operation) ?? 0) + 1);
  bufferOf(context).rows.push({
    ...actorOf(context),
    action: entry.action ?? 'mutation',
    operation: entry.operation,
    objects: entry.objects ?? [],
    changes: (entry.changes ?? []).map((c) => ({ field: c.field, objectId: c.objectId, old: c.old ?? null, new: c.new ?? null })),
    fields: [],
    links: [],
    persons: [],
  });
}

/**
 * Notes that a personal field (`coordinate`, e.g. "Student.pin") of one object was read. The request's reads become
 * one 'personal_read' entry naming the fields, the objects and the people behind them.
 */
export function recordPersonalRead(context: AuditContext, operation: string, typeName: string, coordinate: string, key: string | number | undefined): void {
  const buffer = bufferOf(context);
  const reads = (buffer.reads ??= { operation, fields: new Set(), keys: new Map() });
  reads.fields.add(coordinate);
  if (key === undefined || key === null) return;
  let keys = reads.keys.get(typeName);
  if (!keys) reads.keys.set(typeName, (keys = new Set()));
  keys.add(key);
}

/** Writes the request's buffered records in one INSERT (no-op when there are none). */
export async function flushAudit(context: AuditContext): Promise<void> {
  const buffer = buffers.get(context);
  if (!buffer) return;
  if (buffer.timer) clearTimeout(buffer.timer);
  buffers.delete(context);
  const rows = buffer.rows;
  if (buffer.reads) rows.push(personalReadRow(context, buffer.reads));
  if (!rows.length) return;
  try {
    await insertAuditEntries(context.runtime.databases.handles.hub.reader, rows);
  } catch (error) {
    // Only codes and counts: the entries themselves name people.
    logger.error('Could not write the audit log', { code: (error as { code?: string }).code ?? (error as Error)?.name, entries: rows.length, requestId: context.requestId });
  }
}

function personalReadRow(context: AuditContext, reads: PersonalReads): AuditRow {
  const objects: { type: string; id: string }[] = [];
  const links: { source: string; key: string }[] = [];
  const persons: number[] = [];
  for (const [type, keys] of reads.keys) {
    for (const key of keys) {
      objects.push({ type, id: toGlobalId(type, key) });
      if (type === 'Person') persons.push(Number(key));
      else if (REGISTRY_SOURCE[type]) links.push({ source: REGISTRY_SOURCE[type], key: String(key) });
    }
  }
  return {
    ...actorOf(context),
    action: 'personal_read',
    operation: reads.operation,
    objects,
    changes: [],
    fields: [...reads.fields].sort(),
    links,
    persons,
  };
}
