/**
 * Who sees statistics without disclosure control: a viewer that may read the people behind the
 * figures by their identifying data anyway — PINs, not pseudonymised (administrators, deans,
 * the registrar, accounting, admissions). Analysts, partner keys without PIN scope, teachers,
 * chairs and the library or dormitory see groups of fewer than the configured size withheld.
 */
import type { Viewer } from './viewer';

export function minGroupSizeFor(viewer: Viewer, configured: number): number {
  return viewer.scope.personal.has('pin') && !viewer.scope.pseudonymous ? 1 : configured;
}
