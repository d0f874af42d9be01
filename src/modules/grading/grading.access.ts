/**
 * Who may change the calendar and grade sheets. Declared here, next to the mutations, and checked
 * by the services before anything is read or written.
 */
import { ErrorCode, HubError } from '../../common/errors';
import { Domain, Role, isAdmin, type Viewer } from '../../auth/viewer';

export function forbidden(message: string): HubError {
  return new HubError(ErrorCode.FORBIDDEN, message);
}

/** The academic calendar and reopening are the department's: administrators only. */
export function requireAdmin(viewer: Viewer, what: string): void {
  if (!isAdmin(viewer)) throw forbidden(`Only an administrator may ${what}.`);
}

/**
 * Who may enter grades at all: an administrator, or a teacher account (or key) that is tied to an
 * employee and may write grades. Whether the sheet is theirs is checked on the sheet itself.
 */
export function requireGrader(viewer: Viewer): { admin: boolean; employeeKey: number | null } {
  if (isAdmin(viewer)) return { admin: true, employeeKey: null };
  if (viewer.role === Role.TEACHER && viewer.scope.employeeKey !== null && viewer.scope.write.has(Domain.GRADES)) {
    return { admin: false, employeeKey: viewer.scope.employeeKey };
  }
  throw forbidden('Only the teacher who keeps a grade sheet (or an administrator) may change it.');
}
