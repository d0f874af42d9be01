/**
 * How far a viewer's rows reach, in the hub's own keys. The auth layer computes it from the viewer
 * (src/auth/policies.ts, `viewerReach`); each source turns it into a condition over its own tables
 * (`<system>.scopes.ts`), so a list's page and its `totalCount` obey the same limit as the guard.
 *
 * Administrators, unit roles and analysts reach every row of their domains ('all'); a dean its
 * faculty; a chair its teachers and the groups they teach (people are a faculty's or a chair's by their
 * positions on the business date `today`); a
 * teacher its own lessons, sheets and groups; a student itself; anonymous callers only what is
 * published ('public'). A limited role without its key reaches nothing ('none').
 */
export type Reach =
  | { readonly kind: 'all' }
  | { readonly kind: 'public' }
  | { readonly kind: 'faculty'; readonly facultyKey: number; readonly today: string }
  | { readonly kind: 'chair'; readonly chairKey: number; readonly today: string }
  | { readonly kind: 'teacher'; readonly employeeKey: number }
  | { readonly kind: 'self'; readonly studentKey: number | null; readonly personKey: number | null }
  | { readonly kind: 'none' };

export type ReachKind = Reach['kind'];

/** The reaches that see part of a domain: each needs its own rule, and one without a rule sees nothing. */
export type LimitedReachKind = Exclude<ReachKind, 'all' | 'none'>;

/** The reach of one kind, with its keys. */
export type ReachOf<K extends ReachKind> = Extract<Reach, { kind: K }>;
