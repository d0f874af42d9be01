/**
 * Subscriptions announce nothing they hide (issue 9, B7). A subscriber learns of an event only by a
 * frame, so a frame per forbidden event — even an error — gives away the timing and volume of
 * changes it may not see. Three rules, applied by the guard to every Subscription field:
 *
 * 1. **Refused when subscribing**, before any replay read or live listening, with one FORBIDDEN
 *    error: a subscription whose event type the viewer can see no object of (its domain is not
 *    read, or its reach has no rule for the type: anonymous callers on attendance, a library key
 *    on orders, a teacher on clearances), whose field declares domains of which the viewer reads
 *    none (`readsOneOf`, e.g. clearanceRequired's units), or whose selection asks for a required
 *    relation the viewer can never read (the guard would throw FORBIDDEN on every event). Over
 *    WebSocket this is one graphql-ws `error` message (admitSubscription, in `onSubscribe`); the
 *    guard's own `subscribe` checks the same, so any other path is refused too.
 * 2. **Dropped silently**: an event whose object the viewer may not see (its row rule) sends no
 *    frame, as a hidden row is absent from a list (subscription-guard.ts).
 * 3. **Dropped, not reported**: an executed event whose answer carries a FORBIDDEN error (a
 *    refusal the rules above did not foresee) is not sent either (subscribeGuarded). Other errors on
 *    a visible event are the subscriber's to know and are sent as usual: SOURCE_UNAVAILABLE on a
 *    field, FORBIDDEN_FIELD on a personal field outside its scope (as in a query).
 */
import {
  getArgumentValues, getDirectiveValues, getNamedType, getOperationAST, getVariableValues, isAbstractType, isObjectType,
  subscribe, GraphQLIncludeDirective, GraphQLSkipDirective, Kind,
  type ExecutionArgs, type ExecutionResult, type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType,
  type GraphQLError, type GraphQLSchema, type SelectionSetNode,
} from 'graphql';
import { ErrorCode, HubError } from '../../common/errors';
import type { AnyAccessPolicy } from '../../auth/policies';
import { isAdmin, type Domain, type Viewer } from '../../auth/viewer';
import { canRead, reachesType } from '../../auth/guard/visibility';

/**
 * What a Subscription field may declare in its extensions (type-graphql `@Extensions`): for these
 * arguments, the domains of which the viewer must read at least one (its events are about them).
 */
export interface SubscriptionAccessExtensions {
  readsOneOf?: (args: Record<string, unknown>) => readonly Domain[];
}

/** What the guard wrapped a relation field for: the guarded type it returns, and whether it is a required single object. */
interface GuardedRelation {
  readonly typeName: string | null;
  /** The policy of that type (undefined: none, administrators only). */
  readonly policy: AnyAccessPolicy | undefined;
  /** Non-null single object: the guard throws FORBIDDEN (never null) when the viewer cannot see its type. */
  readonly required: boolean;
}

const relations = new WeakMap<GraphQLField<unknown, unknown>, GuardedRelation>();

/** Called by the guard for every relation it wraps (relation-guard.ts). */
export function registerGuardedRelation(field: GraphQLField<any, any>, typeName: string | null, policy: AnyAccessPolicy | undefined, required: boolean): void {
  relations.set(field, { typeName, policy, required });
}

type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;
type Variables = Readonly<Record<string, unknown>>;

const refusal = (field: string, why: string) =>
  new HubError(ErrorCode.FORBIDDEN, `This access may not subscribe to ${field}: ${why}`, { subscription: field });

function included(node: { directives?: readonly unknown[] }, variables: Variables): boolean {
  if (!node.directives?.length) return true;
  const skip = getDirectiveValues(GraphQLSkipDirective, node as FieldNode, variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node as FieldNode, variables);
  return include?.if !== false;
}

/**
 * The first required relation in the selection that the viewer can never see (`Type.field`), or
 * null. Each selection set is walked once per parent type (fragments reused many times cost once).
 */
function unreadableRequired(
  viewer: Viewer, schema: GraphQLSchema, parent: GraphQLNamedType, sets: readonly (SelectionSetNode | undefined)[],
  fragments: Fragments, variables: Variables, walked: WeakMap<SelectionSetNode, Set<string>>,
): string | null {
  for (const set of sets) {
    if (!set) continue;
    let parents = walked.get(set);
    if (!parents) walked.set(set, (parents = new Set()));
    if (parents.has(parent.name)) continue;
    parents.add(parent.name);
    for (const selection of set.selections) {
      if (!included(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const types = isObjectType(parent) ? [parent] : isAbstractType(parent) ? schema.getPossibleTypes(parent) : [];
        for (const type of types) {
          const field = type.getFields()[selection.name.value];
          if (!field) continue;
          const relation = relations.get(field);
          if (relation?.required && relation.typeName && !reachesType(viewer, relation.policy)) return `${type.name}.${field.name}`;
          const found = unreadableRequired(viewer, schema, getNamedType(field.type), [selection.selectionSet], fragments, variables, walked);
          if (found) return found;
        }
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        if (!condition) continue;
        const found = unreadableRequired(viewer, schema, condition, [fragment.selectionSet], fragments, variables, walked);
        if (found) return found;
      }
    }
  }
  return null;
}

/**
 * Why the viewer may not use this subscription at all (a FORBIDDEN error), or null. `field` is the
 * Subscription field, `args` its coerced arguments, `fieldNodes` its selection in the operation.
 */
export function subscriptionRefusal(
  viewer: Viewer, schema: GraphQLSchema, field: GraphQLField<any, any>, args: Record<string, unknown>,
  fieldNodes: readonly FieldNode[], fragments: Fragments, variables: Variables,
): HubError | null {
  if (isAdmin(viewer)) return null;
  const event = relations.get(field);
  if (event?.typeName && !reachesType(viewer, event.policy)) return refusal(field.name, `it does not include the data of its events (${event.typeName}).`);
  const oneOf = (field.extensions as SubscriptionAccessExtensions).readsOneOf?.(args);
  if (oneOf && !oneOf.some((domain) => canRead(viewer, domain))) {
    return refusal(field.name, `it reads none of ${oneOf.join(', ')}, which these events are about.`);
  }
  const unreadable = unreadableRequired(viewer, schema, getNamedType(field.type), fieldNodes.map((n) => n.selectionSet), fragments, variables, new WeakMap());
  if (unreadable) return refusal(field.name, `the selection asks for ${unreadable}, which it does not include.`);
  return null;
}

/**
 * graphql-ws `onSubscribe`, after the operation is parsed and validated: the refusal of the
 * operation's subscription (as graphql-ws errors, sent as one `error` message), or null to run it.
 * Variables that do not coerce are left to execution, which reports them as usual.
 */
export function admitSubscription(args: Pick<ExecutionArgs, 'schema' | 'document' | 'operationName' | 'variableValues'>, viewer: Viewer): GraphQLError[] | null {
  if (isAdmin(viewer)) return null;
  const operation = getOperationAST(args.document, args.operationName);
  const root = args.schema.getSubscriptionType();
  if (!operation || operation.operation !== 'subscription' || !root) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of args.document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], (args.variableValues ?? {}) as Record<string, unknown>);
  if (coerced.errors) return null;
  const variables = coerced.coerced;
  // A subscription has one root field (validation); it may sit in fragments on the root type.
  const nodes: FieldNode[] = [];
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (!included(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) nodes.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (fragments[selection.name.value]) collect(fragments[selection.name.value].selectionSet);
    }
  };
  collect(operation.selectionSet);
  const first = nodes[0];
  const field = first && root.getFields()[first.name.value];
  if (!field) return null;
  const key = (n: FieldNode) => n.alias?.value ?? n.name.value;
  let fieldArgs: Record<string, unknown>;
  try {
    fieldArgs = getArgumentValues(field, first, variables);
  } catch {
    return null;
  }
  const refused = subscriptionRefusal(viewer, args.schema, field, fieldArgs, nodes.filter((n) => key(n) === key(first)), fragments, variables);
  return refused ? [refused] : null;
}

const isStream = (value: unknown): value is AsyncIterableIterator<ExecutionResult> =>
  !!value && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';

/** A result carrying a refusal (FORBIDDEN) says something about what the viewer may not see: never sent. */
const refusedResult = (result: ExecutionResult) => !!result.errors?.some((e) => e.extensions?.code === ErrorCode.FORBIDDEN);

/**
 * graphql-js `subscribe`, with rule 3: results carrying a FORBIDDEN error are dropped. The server
 * runs every subscription through this (src/server/subscription-groups.ts).
 */
export async function subscribeGuarded(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const result = await subscribe(args);
  if (!isStream(result) || isAdmin((args.contextValue as { viewer: Viewer }).viewer)) return result;
  const inner = result;
  const filtered: AsyncIterableIterator<ExecutionResult> = {
    [Symbol.asyncIterator]: () => filtered,
    async next() {
      for (;;) {
        const next = await inner.next();
        if (next.done || !refusedResult(next.value)) return next;
      }
    },
    return: () => (inner.return ? inner.return() : Promise.resolve({ done: true as const, value: undefined })),
    throw: (error?: unknown) => (inner.throw ? inner.throw(error) : Promise.reject(error)),
  };
  return filtered;
}
