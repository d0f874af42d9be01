/** Registrar → domain events: Single Window requests as they are submitted and change status. */
import type { ChangeSelection, CapturedChange, ServiceRequestStatusChanged } from '../../domain/events';
import { requestStatusOf } from './registrar.requests';

export const SERVICE_REQUEST_CHANGES: ChangeSelection = { sources: ['registrar'], tables: ['service_requests'] };

export function serviceRequestStatusChangeOf(change: CapturedChange): ServiceRequestStatusChanged | null {
  if (change.source !== 'registrar' || change.table !== 'service_requests' || change.op === 'DELETE') return null;
  if (change.op === 'UPDATE' && change.old?.status === change.data.status) return null;
  const status = requestStatusOf(change.data.status);
  if (!status) return null;
  return {
    cursor: change.cursor,
    requestKey: Number(change.key),
    status,
    previousStatus: change.op === 'UPDATE' && change.old ? requestStatusOf(change.old.status) : null,
    at: change.changedAt,
  };
}
