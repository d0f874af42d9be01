/**
 * The audit entries of the grading mutations, in the audit log's shape (src/auth/audit): the
 * objects touched by type and global ID, and old → new for every score and status that changed.
 */
import type { HubContext } from '../../graphql/context';
import { recordAudit } from '../../auth/audit/audit.service';

/** One changed value: a score of a student's row, a sheet's status, a window's dates… */
export interface AuditChange {
  /** Global ID of the object changed (GradeSheet, GradeWindow, AcademicPeriod). */
  objectId: string;
  /** What changed, e.g. `status` or `rows[<Student id>].module1`. */
  field: string;
  old: unknown;
  new: unknown;
}

export interface GradingAudit {
  /** The GraphQL mutation, e.g. `setGradeScores`. */
  operation: string;
  /** Objects touched, by type and global ID. */
  objects: { type: string; id: string }[];
  changes: AuditChange[];
}

/** Records one grading mutation; call it once the change is committed (a refused call changed nothing). */
export function auditGrading(context: HubContext, entry: GradingAudit): void {
  recordAudit(context, { action: 'mutation', operation: entry.operation, objects: entry.objects, changes: entry.changes });
}
