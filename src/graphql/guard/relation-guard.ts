/**
 * The guard of a field that returns guarded data (an object, `Node`, a list or a connection): an
 * object the viewer may not see becomes null (a single object) or is dropped (lists, connection
 * edges and nodes), exactly as if it did not exist: no error, the same shape as "not found". A
 * domain outside the viewer's scope — or a type its reach sees no object of — yields null / an
 * empty list / an empty connection without running the resolver at all. A required single
 * relation is vouched for by its parent: only its domain and type are checked.
 *
 * Connections are limited in SQL (the sources' `*.scopes.ts`, auth/guard/key-scope.ts); should the
 * guard still have to drop an edge, the connection is cut at the kept edges (keepConnection) and
 * the drop counted. Administrators take a fast path: one role comparison, then the original resolver.
 */
import { defaultFieldResolver, isNonNullType, type GraphQLField, type GraphQLFieldResolver } from 'graphql';
import { ErrorCode, HubError } from '../../common/errors';
import { logger } from '../../common/logger';
import { pageInfoOf } from '../../db/pages';
import { factsOf, canRead, reachesType, rowVisible, ruleFor } from '../../auth/guard/visibility';
import type { ViewerFacts } from '../../auth/guard/facts';
import { reachOf, type Reach } from '../../auth/policies';
import { scopeFor } from '../../auth/roles';
import { ANONYMOUS, Role, type Domain, type Viewer } from '../../auth/viewer';
import type { HubContext } from '../context';
import type { GuardPolicies } from './guard-policies';
import { registerGuardedRelation } from './subscription-access';
import { andThen, emptyValue, type Target } from './targets';

export type Resolver = GraphQLFieldResolver<any, HubContext>;

/**
 * The viewers of the role table (with and without their row keys) and anonymous callers: which
 * domains each reads and how far its rows reach. A limited role without its key (reach 'none')
 * sees no object of a rule-governed type, so no required relation of one: it is left out.
 */
const DEFAULT_VIEWERS: { read: ReadonlySet<Domain>; reach: Reach }[] = [
  ...Object.values(Role).flatMap((role) =>
    [{ facultyKey: 1, chairKey: 1, employeeKey: 1, studentKey: 1 }, {}].map((limits) => {
      const viewer: Viewer = { kind: 'account', id: null, label: role, role, purpose: null, scope: scopeFor(role, limits) };
      return { read: viewer.scope.read, reach: reachOf(viewer) };
    }),
  ),
  { read: ANONYMOUS.scope.read, reach: reachOf(ANONYMOUS) },
].filter((viewer) => viewer.reach !== 'none');

/** Would a viewer with this read scope and reach see some object of the type (its domain read, a rule for its reach)? */
function typeSeen(policies: GuardPolicies, viewer: { read: ReadonlySet<Domain>; reach: Reach }, typeName: string): boolean {
  const policy = policies.of(typeName);
  return !!policy && (policy.domain === null || viewer.read.has(policy.domain)) && ruleFor(policy, viewer.reach) !== 'no';
}

/**
 * Could one of the role table's viewers (or an anonymous caller) see a `parent` object but no
 * `child` object at all — a domain it does not read, or a type its reach has no rule for (an
 * anonymous caller sees a group's teaching load but no employee)?
 */
export function visibilityGap(policies: GuardPolicies, parent: string, child: string): boolean {
  return DEFAULT_VIEWERS.some((viewer) => typeSeen(policies, viewer, parent) && !typeSeen(policies, viewer, child));
}

function visible(policies: GuardPolicies, facts: ViewerFacts, target: Target, object: any): boolean | Promise<boolean> {
  const typeName = target.kind === 'node' ? object?.__typename : target.typeName;
  return typeof typeName === 'string' ? rowVisible(facts, policies.of(typeName), object) : false;
}

/** Edges the guard had to drop from connections, per field ("Order.students"): see keepConnection. */
const droppedEdges = new Map<string, number>();

/** How many edges the guard dropped from each connection field since the process started (or the last reset). */
export function guardDrops(): Record<string, number> {
  return Object.fromEntries(droppedEdges);
}

export function resetGuardDrops(): void {
  droppedEdges.clear();
}

/** Judges the objects a guarded field returns, for one viewer's facts. */
class Keeper {
  constructor(private readonly policies: GuardPolicies, private readonly facts: ViewerFacts, private readonly target: Target, private readonly coordinate: string) {}

  private visible(object: unknown) {
    return visible(this.policies, this.facts, this.target, object);
  }

  /** One object: itself or null. */
  one(object: unknown): unknown {
    if (object == null || object instanceof Error) return object;
    return andThen(this.visible(object), (ok) => (ok ? object : null));
  }

  /**
   * The safety net under the SQL scopes. Every connection whose node type has row rules is limited
   * in SQL, so its page, cursors and totalCount hold only visible rows; should a row the viewer may
   * not see still arrive, it is dropped here, and the connection is cut at the kept edges: its page
   * info is rebuilt from them (no cursor of a hidden row leaves), it has no next page and its
   * totalCount is the kept edges' number (a count that included hidden rows would reveal them). The
   * drop is counted per field and logged (test/integration/hardening/visibility.test.ts sweeps every connection
   * as each limited role and expects no drop at all, so an unscoped connection fails it).
   */
  async connection(connection: any): Promise<unknown> {
    if (!connection) return connection;
    const edges: { node: unknown; cursor: string }[] | undefined = connection.edges;
    const items: unknown[] = Array.isArray(edges) ? edges.map((e) => e.node) : (connection.nodes ?? []);
    const verdicts = await Promise.all(items.map((n) => this.visible(n)));
    if (verdicts.every(Boolean)) return connection;
    const dropped = verdicts.filter((ok) => !ok).length;
    droppedEdges.set(this.coordinate, (droppedEdges.get(this.coordinate) ?? 0) + dropped);
    logger.warn('The guard dropped hidden rows from a connection that SQL did not limit', { field: this.coordinate, dropped, role: this.facts.viewer.role });
    const keptEdges = Array.isArray(edges) ? edges.filter((_, i) => verdicts[i]) : [];
    const keptNodes = items.filter((_, i) => verdicts[i]);
    return {
      edges: keptEdges,
      nodes: keptNodes,
      pageInfo: pageInfoOf(keptEdges, false, !!connection.pageInfo?.hasPreviousPage),
      totalCount: keptNodes.length,
    };
  }

  list(items: unknown): unknown {
    if (items == null || items instanceof Error) return items;
    const array = Array.from(items as Iterable<unknown>);
    if (this.target.kind === 'connection') return Promise.all(array.map((c) => andThen(c, (value) => this.connection(value))));
    if (this.target.itemNullable) {
      // Positions matter (`nodes(ids:)`): a forbidden entry becomes null, like a missing one, and an
      // entry that failed keeps its own error.
      return array.map((item) => andThen(item, (object) => this.one(object)));
    }
    return Promise.all(array).then(async (objects) => {
      const verdicts = await Promise.all(objects.map((o) => (o == null || o instanceof Error ? true : this.visible(o))));
      return objects.filter((_, i) => verdicts[i]);
    });
  }
}

export function guardRelation(policies: GuardPolicies, coordinate: string, field: GraphQLField<any, HubContext>, target: Target, vouched: boolean): Resolver {
  const resolve: Resolver = field.resolve ?? defaultFieldResolver;
  const policy = policies.of(target.typeName);
  const domain = policy?.domain ?? null;
  const rowsFree = !!policy && (policy.rows === 'public' || policy.rows === 'parent');
  const nonNullSingle = isNonNullType(field.type) && !target.list && target.kind !== 'connection';
  registerGuardedRelation(field, target.typeName, policy, nonNullSingle && target.kind === 'object');
  return function guarded(source, args, context, info) {
    const viewer = context.viewer;
    if (viewer.role === Role.ADMIN) return resolve(source, args, context, info);
    if (target.kind !== 'node') {
      // A domain the viewer does not read, or a type its reach sees no object of (anonymous
      // callers and employees): nothing to resolve, and a required object cannot vouch for it.
      if (!policy || !canRead(viewer, domain) || !reachesType(viewer, policy)) {
        if (nonNullSingle || target.refusedWhenHidden) throw new HubError(ErrorCode.FORBIDDEN, `This access does not include ${domain ?? 'this'} data.`, { domain });
        return emptyValue(target);
      }
      if (vouched || rowsFree || reachOf(viewer) === 'all') return resolve(source, args, context, info);
    }
    const keep = new Keeper(policies, factsOf(context), target, coordinate);
    const value = resolve(source, args, context, info);
    if (target.kind === 'connection' && !target.list) return andThen(value, (c) => keep.connection(c));
    if (target.list) return andThen(value, (items) => keep.list(items));
    return andThen(value, (object) => keep.one(object));
  };
}
