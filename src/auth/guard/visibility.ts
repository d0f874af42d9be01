/**
 * The decisions the guard makes, from the policies and the viewer's facts: may the viewer read a
 * domain, see one object, read a personal field of one object. Each result is kept per object for
 * the request, so an object reached along several paths is judged once. Plain TypeScript: the
 * schema guard (src/graphql/guard) and the rules that delegate (a payment is seen where its
 * contract is) both call these.
 */
import type { PersonalDataKind } from '../../domain/access';
import type { LimitedReachKind } from '../../domain/reach';
import { reachOf, viewerReach, type AccessPolicy, type AnyAccessPolicy, type Reach, type RowRule, type Verdict } from '../policies';
import { isAdmin, type Domain, type Viewer } from '../viewer';
import { ViewerFacts, type AccessContext } from './facts';

/** The request's facts (created on first use). */
export function factsOf(context: AccessContext & { runtime: { businessClock: { today(): string } } }): ViewerFacts {
  return context.loader('guard.facts', () => new ViewerFacts(context, viewerReach(context)));
}

export function canRead(viewer: Viewer, domain: Domain | null): boolean {
  return domain === null || viewer.scope.read.has(domain);
}

const verdicts = new WeakMap<ViewerFacts, Map<AnyAccessPolicy, Map<string, WeakMap<object, Verdict>>>>();

function remembered(facts: ViewerFacts, policy: AnyAccessPolicy, kind: string, object: unknown, decide: () => Verdict): Verdict {
  if (object === null || typeof object !== 'object') return decide();
  let byPolicy = verdicts.get(facts);
  if (!byPolicy) verdicts.set(facts, (byPolicy = new Map()));
  let byKind = byPolicy.get(policy);
  if (!byKind) byPolicy.set(policy, (byKind = new Map()));
  let cache = byKind.get(kind);
  if (!cache) byKind.set(kind, (cache = new WeakMap()));
  let verdict = cache.get(object);
  if (verdict === undefined) {
    verdict = decide();
    cache.set(object, verdict);
  }
  return verdict;
}

/** A rule over objects of any type, as the guard applies it (the policy's own type was checked where it was declared). */
type AnyRule = RowRule<unknown>;

/** The row rule a reach applies to a type: every row ('yes'), none ('no', fail closed) or a rule per object. */
export function ruleFor(policy: AnyAccessPolicy, reach: Reach): AnyRule | 'yes' | 'no' {
  if (reach === 'all' || policy.rows === 'public' || policy.rows === 'parent') return 'yes';
  if (reach === 'none') return 'no';
  const rule = policy.rows[reach as LimitedReachKind] ?? (reach === 'self' ? policy.own : undefined);
  return (rule as AnyRule | undefined) ?? 'no';
}

/**
 * Could the viewer see any object of the type at all — its domain is read and its reach has a rule
 * for the type? False means every object of the type is hidden from it, whatever the row: the
 * guard then answers without resolving, and refuses a subscription to such events outright. No
 * policy: administrators only (fail closed).
 */
export function reachesType(viewer: Viewer, policy: AnyAccessPolicy | undefined): boolean {
  if (isAdmin(viewer)) return true;
  return !!policy && canRead(viewer, policy.domain) && ruleFor(policy, reachOf(viewer)) !== 'no';
}

/** May the viewer see this object (its type's domain, then its row rule)? No policy: administrators only. */
export function rowVisible(facts: ViewerFacts, policy: AnyAccessPolicy | undefined, object: unknown): Verdict {
  const viewer = facts.viewer;
  if (isAdmin(viewer)) return true;
  if (!policy || !canRead(viewer, policy.domain)) return false;
  const rule = ruleFor(policy, facts.reach.kind);
  if (rule === 'yes') return true;
  if (rule === 'no') return false;
  return remembered(facts, policy, 'row', object, () => rule(object, facts.reach as never, facts));
}

/** For rules that delegate to another type's (a payment is seen where its contract is). */
export function sees<T>(facts: ViewerFacts, policy: AccessPolicy<T>, object: T): Verdict {
  return rowVisible(facts, policy as AnyAccessPolicy, object);
}

/**
 * May the viewer read a personal field of this object? Its scope must list the kind, and the
 * object must pass its row rule strictly (an object shown only as a required part of another —
 * a sheet's teacher — does not open its personal data); a student reads only its own.
 */
export function personalVisible(facts: ViewerFacts, policy: AnyAccessPolicy | undefined, object: unknown, kind: PersonalDataKind): Verdict {
  const viewer = facts.viewer;
  if (!viewer.scope.personal.has(kind)) return false;
  if (isAdmin(viewer)) return true;
  if (!policy || !canRead(viewer, policy.domain)) return false;
  const reach = facts.reach;
  if (reach.kind === 'all') return true;
  if (reach.kind === 'none') return false;
  if (reach.kind === 'self') {
    const own = policy.own as AnyRule | undefined;
    return own ? remembered(facts, policy, 'own', object, () => own(object, reach, facts)) : false;
  }
  return rowVisible(facts, policy, object);
}
