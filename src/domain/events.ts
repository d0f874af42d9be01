/**
 * The domain events the hub derives from its change feed, and the captured change they are read
 * from. A captured change carries a source's native table and columns: only the source that owns
 * them reads it (`src/sources/<system>/<system>.changes.ts`), and everything above receives the
 * typed events below, in the hub's own terms.
 */
import type { MarkSource, Presence } from './attendance';
import type { OrderChange } from './live';
import type { ServiceRequestStatus } from './registrar';
import type { StudentStatus } from './students';

/** One captured row change, as it stands in the hub's event log. */
export interface CapturedChange {
  /** The event log's cursor (strictly increasing in log order). */
  cursor: number;
  source: string;
  /** Native table name: read only by the owning source. */
  table: string;
  op: 'INSERT' | 'UPDATE' | 'DELETE';
  /** The row's primary key, as text. */
  key: string;
  /** The new row (the old one for DELETE), only the columns the capture keeps: native names. */
  data: Record<string, unknown>;
  /** For UPDATE: the row before the change; otherwise null. */
  old: Record<string, unknown> | null;
  changedAt: Date;
}

/** The captured tables a kind of event is read from (to read the event log for it). */
export interface ChangeSelection {
  readonly sources: readonly string[];
  readonly tables: readonly string[];
}

/** A student order was created, signed or cancelled. */
export interface OrderChanged {
  cursor: number;
  orderKey: number;
  /** The order's faculty; null for a university-wide order. */
  facultyKey: number | null;
  change: OrderChange;
  at: Date;
}

/** A student's study status changed (leave, expulsion, graduation, reinstatement). */
export interface StudentStatusChanged {
  cursor: number;
  studentKey: number;
  groupKey: number;
  status: StudentStatus;
  previousStatus: StudentStatus | null;
  at: Date;
}

/** A journal attendance mark was written or changed. */
export interface JournalMarkWritten {
  cursor: number;
  lessonKey: number;
  studentKey: number;
  presence: Presence;
  mark: number | null;
  source: MarkSource;
  at: Date;
}

/** The QR attendance system accepted a scan (made on its own devices or through the hub). */
export interface ScanAccepted {
  cursor: number;
  scanKey: number;
  /** The student-book number the scan names (AVN's student number). */
  studentNumber: string;
  at: Date;
}

/** A Single Window request was submitted or moved to another status. */
export interface ServiceRequestStatusChanged {
  cursor: number;
  requestKey: number;
  status: ServiceRequestStatus;
  /** The status before; null for a new request. */
  previousStatus: ServiceRequestStatus | null;
  at: Date;
}
