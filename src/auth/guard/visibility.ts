/**
 * The decisions the guard makes, from the policies: may the viewer read a domain, see one object,
 * read a personal field of one object. Each result is kept per object for the request, so an
 * object reached along several paths is judged once.
 */
import type { PersonalDataKind } from '../../graphql/personal-data';
import { POLICIES, reachOf, type Policy, type Reach } from '../policies';
import { isAdmin, type Domain, type Viewer } from '../viewer';
import type { ViewerFacts } from './facts';

export function canRead(viewer: Viewer, domain: Domain | null): boolean {
  return domain === null || viewer.scope.read.has(domain);
}

type Verdict = boolean | Promise<boolean>;
const verdicts = new WeakMap<ViewerFacts, Map<string, WeakMap<object, Verdict>>>();

function remembered(facts: ViewerFacts, kind: string, object: unknown, decide: () => Verdict): Verdict {
  if (object === null || typeof object !== 'object') return decide();
  let byKind = verdicts.get(facts);
  if (!byKind) verdicts.set(facts, (byKind = new Map()));
  let cache = byKind.get(kind);
  if (!cache) byKind.set(kind, (cache = new WeakMap()));
  let verdict = cache.get(object);
  if (verdict === undefined) {
    verdict = decide();
    cache.set(object, verdict);
  }
  return verdict;
}

/** The row rule a reach applies to a type: every row ('yes'), none ('no', fail closed) or a rule per object. */
export function ruleFor(policy: Policy, reach: Reach): ((object: unknown, facts: ViewerFacts) => Verdict) | 'yes' | 'no' {
  if (reach === 'all' || policy.rows === 'public' || policy.rows === 'parent') return 'yes';
  if (reach === 'none') return 'no';
  const rule = policy.rows[reach] ?? (reach === 'self' ? policy.own : undefined);
  return rule ?? 'no';
}

/**
 * Could the viewer see any object of type `typeName` at all — its domain is read and its reach has
 * a rule for the type? False means every object of the type is hidden from it, whatever the row:
 * the guard then answers without resolving, and refuses a subscription to such events outright.
 */
export function reachesType(viewer: Viewer, typeName: string): boolean {
  if (isAdmin(viewer)) return true;
  const policy = POLICIES[typeName];
  return !!policy && canRead(viewer, policy.domain) && ruleFor(policy, reachOf(viewer)) !== 'no';
}

/** May the viewer see this object of type `typeName` (its domain, then its row rule)? Unknown types: administrators only. */
export function rowVisible(facts: ViewerFacts, typeName: string, object: unknown): Verdict {
  const viewer = facts.viewer;
  if (isAdmin(viewer)) return true;
  const policy = POLICIES[typeName];
  if (!policy || !canRead(viewer, policy.domain)) return false;
  const rule = ruleFor(policy, reachOf(viewer));
  if (rule === 'yes') return true;
  if (rule === 'no') return false;
  return remembered(facts, `row:${typeName}`, object, () => rule(object, facts));
}

/**
 * May the viewer read a personal field of this object? Its scope must list the kind, and the
 * object must pass its row rule strictly (an object shown only as a required part of another —
 * a sheet's teacher — does not open its personal data); a student reads only its own.
 */
export function personalVisible(facts: ViewerFacts, typeName: string, object: unknown, kind: PersonalDataKind): Verdict {
  const viewer = facts.viewer;
  if (!viewer.scope.personal.has(kind)) return false;
  if (isAdmin(viewer)) return true;
  const policy = POLICIES[typeName];
  if (!policy || !canRead(viewer, policy.domain)) return false;
  const reach = reachOf(viewer);
  if (reach === 'all') return true;
  if (reach === 'none') return false;
  if (reach === 'self') {
    const own = policy.own;
    return own ? remembered(facts, `own:${typeName}`, object, () => own(object, facts)) : false;
  }
  return rowVisible(facts, typeName, object);
}
