/**
 * The guard, applied once to the built schema (buildHubSchema) instead of a middleware on every
 * field. It wraps only the resolvers that need it:
 *
 * - every field whose (unwrapped) return type is a guarded object type, the `Node` interface or a
 *   `…Connection` — root queries, relations, `node`/`nodes`, mutations' answers and every
 *   Subscription field's `resolve` — so that an object the viewer may not see becomes null (a
 *   single object), is dropped (lists, connection edges and nodes), exactly as if it did not
 *   exist: no error, the same shape as "not found". A domain outside the viewer's scope — or a
 *   type its reach sees no object of (anonymous callers and employees) — yields null / an empty
 *   list / an empty connection without running the resolver at all.
 *   A required (non-null) single relation is part of its parent's description (a grade sheet's
 *   teacher, a contract's student): the parent's visibility vouches for its row, only its domain
 *   and type are checked; where a role (or an anonymous caller) could see the parent but not that
 *   domain or type the field is made nullable.
 *   Subscription fields also refuse a viewer who may not use them, and send no frame for an event
 *   it may not see (subscription-access.ts).
 * - every `@PersonalData` field: a viewer whose scope lacks the kind — or who may not see this
 *   very object's personal data (a student: only its own) — gets null and a FORBIDDEN_FIELD error
 *   on that path, the rest of the answer stands; every permitted read is audited. These fields
 *   are made nullable.
 * - every `@Identifying` field: a pseudonymous viewer (analyst) gets a stable pseudonym.
 * - the few scalar fields that carry another domain's data (FIELD_DOMAINS).
 * - every Query and Subscription field, root or nested, whose arguments can reach a marked input
 *   field or ordering value (argument-guard.ts): a filter, search or ordering on a field is
 *   allowed only to a viewer who may read that field, and audited like reading it.
 *
 * Connections are limited in SQL (the sources' `*.scopes.ts`, key-scope.ts); should the guard still have to
 * drop an edge, the connection is cut at the kept edges (keepConnection) and the drop counted.
 *
 * Administrators take a fast path: one role comparison, then the original resolver, untouched.
 */
import {
  GraphQLError, defaultFieldResolver, getNamedType, getNullableType, isInterfaceType, isListType, isNonNullType, isObjectType,
  type GraphQLField, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLOutputType, type GraphQLSchema,
} from 'graphql';
import type { HubContext } from '../../graphql/context';
import { pageInfoOf } from '../../db/pages';
import { logger } from '../../common/logger';
import type { PersonalDataKind } from '../../graphql/personal-data';
import { ErrorCode, HubError } from '../../common/errors';
import { recordAudit, recordPersonalRead, recordedCount } from '../audit/audit.service';
import { FIELD_DOMAINS, POLICIES, reachOf, type Reach } from '../policies';
import { scopeFor } from '../roles';
import { ANONYMOUS, Role, type Domain, type Viewer } from '../viewer';
import { argumentRulesOf, guardArguments, pseudonymousDefaultsOf } from './argument-guard';
import { factsOf, type ViewerFacts } from './facts';
import { pseudonym } from './pseudonym';
import { registerGuardedRelation, subscriptionRefusal } from './subscription-access';
import { canRead, personalVisible, reachesType, rowVisible, ruleFor } from './visibility';

const GUARDED = Symbol('campus-graph.guarded');

type Resolver = GraphQLFieldResolver<any, HubContext>;

/** What a field returns, as the guard sees it. */
interface Target {
  kind: 'object' | 'node' | 'connection';
  /** The guarded type (for a connection: its node type); null for `Node`. */
  typeName: string | null;
  list: boolean;
  itemNullable: boolean;
  nonNull: boolean;
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** `XConnection` types (ConnectionType in graphql/connection.ts): the node type of their `nodes`. */
function connectionNodeType(type: GraphQLObjectType): string | null {
  if (!type.name.endsWith('Connection')) return null;
  const fields = type.getFields();
  if (!fields.edges || !fields.nodes || !fields.pageInfo) return null;
  return getNamedType(fields.nodes.type).name;
}

const isEdgeType = (type: GraphQLObjectType) => type.name.endsWith('Edge') && !!type.getFields().cursor && !!type.getFields().node;

function targetOf(type: GraphQLOutputType): Target | null {
  const nonNull = isNonNullType(type);
  const inner = getNullableType(type);
  const list = isListType(inner);
  const itemNullable = list && !isNonNullType(inner.ofType);
  const named = getNamedType(type);
  if (isInterfaceType(named)) return named.name === 'Node' ? { kind: 'node', typeName: null, list, itemNullable, nonNull } : null;
  if (!isObjectType(named)) return null;
  const nodeType = connectionNodeType(named);
  if (nodeType) return { kind: 'connection', typeName: nodeType, list, itemNullable, nonNull };
  return { kind: 'object', typeName: named.name, list, itemNullable, nonNull };
}

/** A type anyone may read in full needs no wrapper (PageInfo, Heartbeat…). */
function isFree(typeName: string | null): boolean {
  if (typeName === null) return false;
  const policy = POLICIES[typeName];
  return !!policy && policy.domain === null && policy.rows === 'public';
}

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
function typeSeen(viewer: { read: ReadonlySet<Domain>; reach: Reach }, typeName: string): boolean {
  const policy = POLICIES[typeName];
  return !!policy && (policy.domain === null || viewer.read.has(policy.domain)) && ruleFor(policy, viewer.reach) !== 'no';
}

/**
 * Could one of the role table's viewers (or an anonymous caller) see a `parent` object but no
 * `child` object at all — a domain it does not read, or a type its reach has no rule for (an
 * anonymous caller sees a group's teaching load but no employee)?
 */
function visibilityGap(parent: string, child: string): boolean {
  return DEFAULT_VIEWERS.some((viewer) => typeSeen(viewer, parent) && !typeSeen(viewer, child));
}

const EMPTY_PAGE = Object.freeze({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });

function emptyValue(target: Target): unknown {
  if (target.kind === 'connection' && !target.list) return { edges: [], nodes: [], pageInfo: EMPTY_PAGE, totalCount: 0 };
  return target.list ? [] : null;
}

const isPromise = (value: unknown): value is Promise<unknown> => !!value && typeof (value as Promise<unknown>).then === 'function';
const then = <T, R>(value: T | Promise<T>, next: (value: T) => R | Promise<R>): R | Promise<R> => (isPromise(value) ? value.then(next) : next(value as T));

function visible(facts: ViewerFacts, target: Target, object: any): boolean | Promise<boolean> {
  const typeName = target.kind === 'node' ? object?.__typename : target.typeName;
  return typeof typeName === 'string' ? rowVisible(facts, typeName, object) : false;
}

/** One object: itself or null. */
function keepOne(facts: ViewerFacts, target: Target, object: unknown): unknown {
  if (object == null || object instanceof Error) return object;
  return then(visible(facts, target, object), (ok) => (ok ? object : null));
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

/**
 * The safety net under the SQL scopes. Every connection whose node type has row rules is limited
 * in SQL, so its page, cursors and totalCount hold only visible rows; should a row the viewer may
 * not see still arrive, it is dropped here, and the connection is cut at the kept edges: its page
 * info is rebuilt from them (no cursor of a hidden row leaves), it has no next page and its
 * totalCount is the kept edges' number (a count that included hidden rows would reveal them). The
 * drop is counted per field and logged (test/hardening/visibility.test.ts sweeps every connection
 * as each limited role and expects no drop at all, so an unscoped connection fails it).
 */
async function keepConnection(facts: ViewerFacts, target: Target, connection: any, coordinate: string): Promise<unknown> {
  if (!connection) return connection;
  const edges: { node: unknown; cursor: string }[] | undefined = connection.edges;
  const items: unknown[] = Array.isArray(edges) ? edges.map((e) => e.node) : (connection.nodes ?? []);
  const verdicts = await Promise.all(items.map((n) => visible(facts, target, n)));
  if (verdicts.every(Boolean)) return connection;
  const dropped = verdicts.filter((ok) => !ok).length;
  droppedEdges.set(coordinate, (droppedEdges.get(coordinate) ?? 0) + dropped);
  logger.warn('The guard dropped hidden rows from a connection that SQL did not limit', { field: coordinate, dropped, role: facts.viewer.role });
  const keptEdges = Array.isArray(edges) ? edges.filter((_, i) => verdicts[i]) : [];
  const keptNodes = items.filter((_, i) => verdicts[i]);
  return {
    edges: keptEdges,
    nodes: keptNodes,
    pageInfo: pageInfoOf(keptEdges, false, !!connection.pageInfo?.hasPreviousPage),
    totalCount: keptNodes.length,
  };
}

function keepList(facts: ViewerFacts, target: Target, items: unknown, coordinate: string): unknown {
  if (items == null || items instanceof Error) return items;
  const array = Array.from(items as Iterable<unknown>);
  if (target.kind === 'connection') return Promise.all(array.map((c) => then(c, (value) => keepConnection(facts, target, value, coordinate))));
  if (target.itemNullable) {
    // Positions matter (`nodes(ids:)`): a forbidden entry becomes null, like a missing one, and an
    // entry that failed keeps its own error.
    return array.map((item) => then(item, (object) => keepOne(facts, target, object)));
  }
  return Promise.all(array).then(async (objects) => {
    const verdicts = await Promise.all(objects.map((o) => (o == null || o instanceof Error ? true : visible(facts, target, o))));
    return objects.filter((_, i) => verdicts[i]);
  });
}

function guardRelation(coordinate: string, field: GraphQLField<any, HubContext>, target: Target, vouched: boolean): Resolver {
  const resolve: Resolver = field.resolve ?? defaultFieldResolver;
  const policy = target.typeName ? POLICIES[target.typeName] : undefined;
  const domain = policy?.domain ?? null;
  const rowsFree = !!policy && (policy.rows === 'public' || policy.rows === 'parent');
  const nonNullSingle = isNonNullType(field.type) && !target.list && target.kind !== 'connection';
  registerGuardedRelation(field, target.typeName, nonNullSingle && target.kind === 'object');
  return function guarded(source, args, context, info) {
    const viewer = context.viewer;
    if (viewer.role === Role.ADMIN) return resolve(source, args, context, info);
    if (target.kind !== 'node') {
      // A domain the viewer does not read, or a type its reach sees no object of (anonymous
      // callers and employees): nothing to resolve, and a required object cannot vouch for it.
      if (!policy || !canRead(viewer, domain) || !reachesType(viewer, target.typeName!)) {
        if (nonNullSingle) throw new HubError(ErrorCode.FORBIDDEN, `This access does not include ${domain ?? 'this'} data.`, { domain });
        return emptyValue(target);
      }
      if (vouched || rowsFree || reachOf(viewer) === 'all') return resolve(source, args, context, info);
    }
    const facts = factsOf(context);
    const value = resolve(source, args, context, info);
    if (target.kind === 'connection' && !target.list) return then(value, (c) => keepConnection(facts, target, c, coordinate));
    if (target.list) return then(value, (items) => keepList(facts, target, items, coordinate));
    return then(value, (object) => keepOne(facts, target, object));
  };
}

/** A subscription event the guard already resolved (and let through), as the payload of `resolve`. */
const RESOLVED = Symbol('campus-graph.resolved');
type Resolved = { [RESOLVED]: unknown };
const isResolved = (value: unknown): value is Resolved => !!value && typeof value === 'object' && RESOLVED in value;

const isRefusal = (error: unknown) => error instanceof GraphQLError && error.extensions?.code === ErrorCode.FORBIDDEN;

/**
 * A Subscription field (subscription-access.ts has the rules): a viewer who may not use it at all
 * is refused before the source is asked for anything (no replay read, no live listening). Its
 * events go through the guarded `resolve` before they are sent, and an event that resolves to
 * nothing the viewer may see — or to a refusal — is not sent at all: a forbidden object's change is
 * as invisible as a change that never happened, with no frame, not even an error. An event whose
 * visibility cannot be decided (a source the rule reads is down) is not sent either: the
 * subscription ends with that error, and the subscriber resumes with `after` from its last cursor.
 * The resolved value rides on to `resolve`, so nothing is computed twice; `return()` reaches the
 * source at once (unsubscribing does not wait for the next event).
 */
function guardSubscription(field: GraphQLField<any, HubContext>, target: Target, guarded: Resolver): void {
  const subscribe = field.subscribe;
  if (!subscribe) return;
  field.resolve = (source, args, context, info) => (isResolved(source) ? source[RESOLVED] : guarded(source, args, context, info));
  field.subscribe = async (source, args, context: HubContext, info) => {
    const refused = subscriptionRefusal(context.viewer, info.schema, field, args, info.fieldNodes, info.fragments, info.variableValues);
    if (refused) throw refused;
    const events = await subscribe(source, args, context, info);
    if (context.viewer.role === Role.ADMIN || !events || typeof (events as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') return events;
    const inner = (events as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const filtered: AsyncIterableIterator<unknown> = {
      [Symbol.asyncIterator]: () => filtered,
      async next() {
        for (;;) {
          const event = await inner.next();
          if (event.done) return event;
          let value: unknown;
          try {
            value = await guarded(event.value, args, context, info);
          } catch (error) {
            if (isRefusal(error)) continue;
            throw error;
          }
          const empty = value == null || (target.list && Array.isArray(value) && value.length === 0);
          if (!empty) return { done: false, value: { [RESOLVED]: value } };
        }
      },
      return: (value?: unknown) => (inner.return ? inner.return(value) : Promise.resolve({ done: true as const, value })),
      throw: (error?: unknown) => (inner.throw ? inner.throw(error) : Promise.reject(error)),
    };
    return filtered;
  };
}

/**
 * Every mutation is audited, by construction: a mutation that succeeds without recording an entry
 * itself (with its old and new values, through recordAudit) gets a plain one — who, when, the
 * operation and the object it returned. Arguments are never recorded (they can hold passwords).
 */
function auditMutation(field: GraphQLField<any, HubContext>): Resolver {
  const resolve: Resolver = field.resolve ?? defaultFieldResolver;
  const operation = field.name;
  return async function audited(source, args, context, info) {
    const before = recordedCount(context, operation);
    const result = await resolve(source, args, context, info);
    if (recordedCount(context, operation) === before) {
      const returned = getNamedType(info.returnType).name;
      const objects = (Array.isArray(result) ? result : [result])
        .filter((o): o is { id: unknown; __typename?: string } => !!o && typeof o === 'object' && 'id' in o && o.id != null)
        .map((o) => ({ type: o.__typename ?? returned, id: String(o.id) }));
      recordAudit(context, { operation, objects });
    }
    return result;
  };
}

function guardPersonal(parentType: string, field: GraphQLField<any, HubContext>, kind: PersonalDataKind): Resolver {
  const resolve: Resolver = field.resolve ?? defaultFieldResolver;
  const coordinate = `${parentType}.${field.name}`;
  const forbidden = () =>
    new HubError(ErrorCode.FORBIDDEN_FIELD, `${coordinate} is personal data (${kind}) outside this access's scope.`, { kind, field: coordinate });
  const read: Resolver = (source, args, context, info) => {
    recordPersonalRead(context, info.operation.name?.value ?? info.operation.operation, parentType, coordinate, source?.key);
    return resolve(source, args, context, info);
  };
  return function personal(source, args, context, info) {
    const viewer = context.viewer;
    if (viewer.role === Role.ADMIN && viewer.scope.personal.has(kind)) return read(source, args, context, info);
    return then(personalVisible(factsOf(context), parentType, source, kind), (ok) => {
      if (!ok) throw forbidden();
      return read(source, args, context, info);
    });
  };
}

/** Types that are a person's record: their name fields are pseudonymised by the record's key. */
const PERSON_RECORDS = new Set(['Person', 'Student', 'Employee', 'Applicant', 'LibraryReader', 'DormitoryResident']);

function guardIdentifying(parentType: string, field: GraphQLField<any, HubContext>): Resolver {
  const resolve: Resolver = field.resolve ?? defaultFieldResolver;
  const byRecord = PERSON_RECORDS.has(parentType);
  return function identifying(source, args, context, info) {
    if (!context.viewer.scope.pseudonymous) return resolve(source, args, context, info);
    const secret = context.runtime.config.identityPinKey;
    return then(resolve(source, args, context, info), (value) => {
      if (value == null) return value;
      // A person record's names all give the record's one pseudonym. A name or number quoted on
      // another object (a request's applicant, a scan's student number) is keyed by its value, so
      // the same person quoted twice still reads as the same pseudonym.
      return byRecord && source?.key != null ? pseudonym(secret, parentType, source.key) : pseudonym(secret, parentType, `value:${String(value)}`);
    });
  };
}

function guardFieldDomain(field: GraphQLField<any, HubContext>, domain: Domain): Resolver {
  const resolve: Resolver = field.resolve ?? defaultFieldResolver;
  return function domainField(source, args, context, info) {
    return canRead(context.viewer, domain) ? resolve(source, args, context, info) : null;
  };
}

function makeNullable(field: GraphQLField<any, HubContext>): void {
  if (isNonNullType(field.type)) field.type = getNullableType(field.type) as GraphQLOutputType;
}

/** What the transform did, for tests and the README. */
export interface GuardReport {
  relations: string[];
  personal: string[];
  identifying: string[];
  madeNullable: string[];
  unguardedTypes: string[];
  /** Fields whose arguments reach a marked input or ordering value, with those arguments ("Query.students(where.pin)"). */
  arguments: string[];
}

let lastReport: GuardReport | null = null;
export const guardReport = (): GuardReport | null => lastReport;

/** Applies the guard to `schema` in place (once; a second call does nothing) and returns it. */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  const marked = schema as GraphQLSchema & { [GUARDED]?: boolean };
  if (marked[GUARDED]) return schema;
  marked[GUARDED] = true;
  const report: GuardReport = { relations: [], personal: [], identifying: [], madeNullable: [], unguardedTypes: [], arguments: [] };

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    // Connections and edges are filtered as a whole by the field that returns them.
    if (connectionNodeType(type) || isEdgeType(type)) continue;
    const root = ROOT_TYPES.has(type.name);
    if (!root && !POLICIES[type.name]) report.unguardedTypes.push(type.name);

    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const extensions = field.extensions as { personalData?: PersonalDataKind; identifying?: boolean };

      const target = targetOf(field.type);
      if (target && !isFree(target.typeName)) {
        const single = !target.list && target.kind !== 'connection';
        const vouched = !root && single && isNonNullType(field.type);
        if (vouched && target.typeName && visibilityGap(type.name, target.typeName)) {
          makeNullable(field);
          report.madeNullable.push(coordinate);
        }
        const guarded = guardRelation(coordinate, field, target, vouched);
        field.resolve = guarded;
        if (type.name === 'Subscription') guardSubscription(field, target, guarded);
        report.relations.push(coordinate);
      }

      if (extensions.personalData) {
        if (isNonNullType(field.type)) report.madeNullable.push(coordinate);
        makeNullable(field);
        field.resolve = guardPersonal(type.name, field, extensions.personalData);
        report.personal.push(coordinate);
      }
      if (extensions.identifying) {
        field.resolve = guardIdentifying(type.name, field);
        report.identifying.push(coordinate);
      }
      // Outermost, so it sees the answer as the client will (after the guard).
      if (type.name === 'Mutation') field.resolve = auditMutation(field);
      const scalarDomain = FIELD_DOMAINS[coordinate];
      if (scalarDomain) {
        if (isNonNullType(field.type)) report.madeNullable.push(coordinate);
        makeNullable(field);
        field.resolve = guardFieldDomain(field, scalarDomain);
      }
      // Outermost of all: a filter the viewer may not use is refused before anything runs.
      if (type.name !== 'Mutation') {
        const rules = argumentRulesOf(field);
        const defaults = pseudonymousDefaultsOf(field);
        if (rules.length || defaults.length) {
          guardArguments(coordinate, field, rules, defaults);
          for (const rule of rules) report.arguments.push(`${coordinate}(${rule.path.join('.')})`);
        }
      }
    }
  }
  lastReport = report;
  return schema;
}
