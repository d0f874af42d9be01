/**
 * QR-visit → domain events: a captured `scan` row that QR-visit accepted. The capture keeps only
 * id, session, student book, time and result (never the device or coordinates); who made the
 * scan is read separately (qrvisit.scan-events.ts).
 */
import type { ChangeSelection, CapturedChange, ScanAccepted } from '../../domain/events';

export const SCAN_CHANGES: ChangeSelection = { sources: ['qrvisit'], tables: ['scan'] };

/** A scan that became accepted with this change (inserted accepted, or moved to accepted). */
export function scanAcceptedOf(change: CapturedChange): ScanAccepted | null {
  if (change.source !== 'qrvisit' || change.table !== 'scan' || change.op === 'DELETE') return null;
  const accepted = change.data.result === 'accepted' && (change.op === 'INSERT' || change.old?.result !== 'accepted');
  if (!accepted) return null;
  return {
    cursor: change.cursor,
    scanKey: Number(change.key),
    studentNumber: String(change.data.student_book),
    at: new Date(String(change.data.scanned_at)),
  };
}
