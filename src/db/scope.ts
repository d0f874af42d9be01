/**
 * A list's row limit as SQL: one condition per limited reach (src/domain/reach.ts), declared as a
 * table of cases instead of a switch per list. 'all' adds no condition; a reach without a case
 * sees nothing (fail closed), so a reach added later sees nothing until a scope names it.
 */
import type { LimitedReachKind, Reach, ReachOf } from '../domain/reach';
import type { Params } from './sql';

/** A condition that no row meets. */
export const NOTHING = 'false';

/** A viewer's condition on a list: SQL text, or null for no limit. */
export type ScopeCondition = string | null;

/** The condition of each limited reach that sees part of the rows; null = all of them. */
export type ScopeCases = { readonly [K in LimitedReachKind]?: (reach: ReachOf<K>, p: Params) => ScopeCondition };

/** The condition `cases` give `reach`, adding its values to `p`. */
export function scopeCondition(reach: Reach, p: Params, cases: ScopeCases): ScopeCondition {
  if (reach.kind === 'all') return null;
  if (reach.kind === 'none') return NOTHING;
  const condition = cases[reach.kind] as ((reach: Reach, p: Params) => ScopeCondition) | undefined;
  return condition ? condition(reach, p) : NOTHING;
}

/** A list query with the viewer's condition added to its filters (the page and `totalCount` both obey it). */
export function scoped<Q extends { filters: (p: Params) => (string | null | false | undefined)[] }>(query: Q, scope: (p: Params) => ScopeCondition): Q {
  return { ...query, filters: (p: Params) => [...query.filters(p), scope(p)] };
}
