/**
 * Depth, cost, root-field, statement and text limits, measured on the parsed operation before it
 * runs (HTTP: after validation, before execution; WebSocket: in graphql-ws `onSubscribe`). An
 * oversized operation is refused whole, so no statement reaches a source for it. (Tokens, aliases
 * and directives are counted even earlier, before parsing: document-scan.ts.)
 *
 * Statements: every occurrence of a field that fetches data (graphql/data-fields.ts) — each root
 * field and each alias of one, each relation — can send one statement per batch, whatever the
 * size of the lists around it (loaders batch). Their number is limited (`maxStatements`) and each
 * adds STATEMENT_COST to the cost, so a thousand aliases of a cheap list cost what the thousand
 * statements they cause cost a source. A grouped statistic scans whole tables: it counts as
 * AGGREGATE_STATEMENT_WEIGHT statements.
 *
 * Text: every String and ID value, from the document or from variables, is at most its
 * argument's maximum length and holds no NUL character (graphql/text-limits.ts).
 *
 * Cost is an estimate of the objects an answer can hold, from list sizes, plus its statements:
 * - an object field costs 1 plus the cost of its selection; scalars and enums cost 0;
 * - a connection costs 1 plus its page size (`first`, 20 by default, at most the page maximum)
 *   times the cost of what each item selects (`nodes` / `edges`); `pageInfo` and `totalCount`
 *   are counted once;
 * - another list costs its `first`/`last` argument, or the length of its list argument
 *   (`nodes(ids:)`), or else an estimate of UNPAGED_LIST_ESTIMATE items, times its item's cost.
 * Introspection (`__schema`, `__type`) answers from memory: it costs nothing, but its depth is
 * limited too (to the larger of the limit and the standard introspection query's depth), and so
 * is the number of its fields (aliases could otherwise copy the whole schema many times).
 */
import {
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getArgumentValues,
  getDirectiveValues,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ErrorCode, HubError } from '../../common/errors';
import { DEFAULT_PAGE_SIZE } from '../../graphql/connection';
import { statementWeight } from '../../graphql/data-fields';
import { checkTexts } from './text-values';

export interface OperationLimits {
  /** Deepest nesting of fields allowed (a root field is at depth 1). */
  readonly maxDepth: number;
  /** Highest estimated cost allowed. */
  readonly maxCost: number;
  /** The largest `first` a connection accepts (MAX_PAGE_SIZE). */
  readonly maxPageSize: number;
  /** Most root fields (aliases count) one operation may select. */
  readonly maxRootFields: number;
  /** Most SQL statements one operation may cause (estimated here, counted again while it runs). */
  readonly maxStatements: number;
}

export const DEFAULT_LIMITS: OperationLimits = Object.freeze({ maxDepth: 12, maxCost: 50_000, maxPageSize: 100, maxRootFields: 20, maxStatements: 150 });

/** What one statement adds to an operation's cost (an object in the answer costs 1). */
export const STATEMENT_COST = 10;

/** Items assumed for a list that takes no size argument (short lists under one parent). */
export const UNPAGED_LIST_ESTIMATE = 10;

/**
 * Introspection is free, but not in bulk: a thousand aliases of `__schema` would build a thousand
 * copies of the schema. The standard introspection query has one such field.
 */
export const MAX_INTROSPECTION_FIELDS = 10;


/** What one operation measures. */
export interface OperationMeasure {
  /** Depth of the operation's fields outside introspection. */
  depth: number;
  /** Depth of its introspection fields (`__schema`, `__type` and below); 0 without any. */
  introspectionDepth: number;
  /** How many `__schema` / `__type` fields it selects (aliases count). */
  introspectionFields: number;
  cost: number;
  /** Root fields selected (aliases count; `__typename` does not). */
  rootFields: number;
  /** Statements the operation may send (occurrences of fields that fetch data). */
  statements: number;
  /** Connections asked for with a `first` above the page maximum. */
  oversizedPages: { field: string; requested: number }[];
  /** Text values over their maximum length or holding a NUL character. */
  textErrors: HubError[];
}

/**
 * Checks an operation against the limits; returns the errors (empty when it may run). Variables
 * matter: `first: $n` costs what `$n` is. Invalid variables are left to execution, which refuses
 * them before any resolver runs.
 */
export function validateOperationLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables?: Record<string, unknown> | null,
  limits: OperationLimits = DEFAULT_LIMITS,
  operationName?: string | null,
): GraphQLError[] {
  const selected = getOperationAST(document, operationName ?? undefined);
  // With several operations and no (or a wrong) name nothing will run; measure them all anyway.
  const operations = selected
    ? [selected]
    : document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const errors: GraphQLError[] = [];
  for (const operation of operations) {
    const measure = measureOperation(schema, document, operation, variables ?? {}, limits);
    if (!measure) continue;
    errors.push(...limitErrors(measure, limits, operation.name?.value ?? null));
  }
  return errors;
}

function limitErrors(measure: OperationMeasure, limits: OperationLimits, name: string | null): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const what = name ? `Operation "${name}"` : 'The operation';
  if (measure.depth > limits.maxDepth) {
    errors.push(
      new HubError(
        ErrorCode.QUERY_TOO_DEEP,
        `${what} nests ${measure.depth} levels deep; the limit is ${limits.maxDepth}. It did not run: select less deeply, or split it into several operations.`,
        { limit: limits.maxDepth, measured: measure.depth, limitName: 'depth' },
      ),
    );
  }
  const introspectionLimit = Math.max(limits.maxDepth, STANDARD_INTROSPECTION_DEPTH);
  if (measure.introspectionDepth > introspectionLimit) {
    errors.push(
      new HubError(
        ErrorCode.QUERY_TOO_DEEP,
        `${what} nests its introspection ${measure.introspectionDepth} levels deep; the limit is ${introspectionLimit} (the standard introspection query needs ${STANDARD_INTROSPECTION_DEPTH}). It did not run.`,
        { limit: introspectionLimit, measured: measure.introspectionDepth },
      ),
    );
  }
  if (measure.introspectionFields > MAX_INTROSPECTION_FIELDS) {
    errors.push(
      new HubError(
        ErrorCode.QUERY_TOO_COMPLEX,
        `${what} selects __schema or __type ${measure.introspectionFields} times; the limit is ${MAX_INTROSPECTION_FIELDS}. It did not run.`,
        { limit: MAX_INTROSPECTION_FIELDS, measured: measure.introspectionFields },
      ),
    );
  }
  if (measure.cost > limits.maxCost) {
    errors.push(
      new HubError(
        ErrorCode.QUERY_TOO_COMPLEX,
        `${what} has an estimated cost of ${measure.cost}; the limit is ${limits.maxCost}. It did not run: a connection costs its page size (\`first\`, ${DEFAULT_PAGE_SIZE} by default) times what each item selects, so ask for smaller pages or fewer nested lists, and page through with \`after\`.`,
        { limit: limits.maxCost, measured: measure.cost, limitName: 'cost' },
      ),
    );
  }
  if (measure.rootFields > limits.maxRootFields) {
    errors.push(
      new HubError(
        ErrorCode.QUERY_TOO_COMPLEX,
        `${what} selects ${measure.rootFields} root fields (aliases count); the limit is ${limits.maxRootFields}. It did not run: ask for fewer at once.`,
        { limit: limits.maxRootFields, measured: measure.rootFields, limitName: 'rootFields' },
      ),
    );
  }
  if (measure.statements > limits.maxStatements) {
    errors.push(
      new HubError(
        ErrorCode.QUERY_TOO_COMPLEX,
        `${what} could send ${measure.statements} statements to the sources (each root field, alias and relation sends one); the limit is ${limits.maxStatements}. It did not run: select fewer fields that fetch data, or split it.`,
        { limit: limits.maxStatements, measured: measure.statements, limitName: 'statements' },
      ),
    );
  }
  errors.push(...measure.textErrors);
  for (const page of measure.oversizedPages) {
    errors.push(
      new HubError(ErrorCode.PAGE_TOO_LARGE, `\`first\` may be at most ${limits.maxPageSize} (${page.field} asks for ${page.requested}).`, {
        field: 'first',
        max: limits.maxPageSize,
        requested: page.requested,
      }),
    );
  }
  return errors;
}

interface Tally {
  depth: number;
  introspectionDepth: number;
  introspectionFields: number;
  cost: number;
  statements: number;
}

const ZERO: Tally = { depth: 0, introspectionDepth: 0, introspectionFields: 0, cost: 0, statements: 0 };

/** Measures one operation; null when its variables do not coerce (execution reports that). */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
  limits: OperationLimits,
): OperationMeasure | null {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) return null;
  const variables = coerced.coerced;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return null;

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const oversizedPages: OperationMeasure['oversizedPages'] = [];
  const textErrors: HubError[] = [];
  // A fragment is measured once per page size it is spread under: fragments spreading fragments
  // twice at every level would otherwise take exponential time to walk.
  const fragmentTallies = new Map<string, Tally>();
  const walking = new Set<string>();

  const included = (node: { directives?: readonly any[] }): boolean => {
    if (!node.directives?.length) return true;
    try {
      if (getDirectiveValues(GraphQLSkipDirective, node as FieldNode, variables)?.if === true) return false;
      if (getDirectiveValues(GraphQLIncludeDirective, node as FieldNode, variables)?.if === false) return false;
    } catch {
      // An invalid directive argument fails at execution; count the selection.
    }
    return true;
  };

  /** `pageSize`: the page size of the connection whose selection this is (null elsewhere). */
  function walk(selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, pageSize: number | null): Tally {
    let depth = 0;
    let introspectionDepth = 0;
    let introspectionFields = 0;
    let cost = 0;
    let statements = 0;
    const add = (tally: Tally) => {
      depth = Math.max(depth, tally.depth);
      introspectionDepth = Math.max(introspectionDepth, tally.introspectionDepth);
      introspectionFields += tally.introspectionFields;
      cost += tally.cost;
      statements += tally.statements;
    };
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        add(measureField(selection, parentType, pageSize));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (type && isCompositeType(type)) add(walk(selection.selectionSet, type, pageSize));
      } else {
        const name = selection.name.value;
        const key = `${name}|${pageSize}`;
        let tally = fragmentTallies.get(key);
        if (!tally) {
          const fragment = fragments.get(name);
          const type = fragment && schema.getType(fragment.typeCondition.name.value);
          // A cycle is refused by validation; here it only must not loop.
          if (!fragment || !type || !isCompositeType(type) || walking.has(name)) continue;
          walking.add(name);
          tally = walk(fragment.selectionSet, type, pageSize);
          walking.delete(name);
          fragmentTallies.set(key, tally);
        }
        add(tally);
      }
    }
    return { depth, introspectionDepth, introspectionFields, cost, statements };
  }

  function measureField(node: FieldNode, parentType: GraphQLCompositeType, pageSize: number | null): Tally {
    const name = node.name.value;
    if (name === '__typename') return { ...ZERO, depth: 1 };
    if (name === '__schema' || name === '__type') {
      const type = name === '__schema' ? schema.getType('__Schema') : schema.getType('__Type');
      const inner = node.selectionSet && type && isCompositeType(type) ? walk(node.selectionSet, type, null) : ZERO;
      return { ...ZERO, introspectionDepth: 1 + Math.max(inner.depth, inner.introspectionDepth), introspectionFields: 1 };
    }
    const field = fieldOf(parentType, name);
    if (!field) return ZERO; // unknown fields are refused by validation
    const namedType = getNamedType(field.type);
    const args = argumentsOf(field, node, variables);
    if (field.args.length) textErrors.push(...checkTexts(`${parentType.name}.${name}`, field.args, args));
    const own = statementWeight(field);
    if (!node.selectionSet || !isCompositeType(namedType)) return { ...ZERO, depth: 1, statements: own, cost: own * STATEMENT_COST };

    if (isConnection(field)) {
      const requested = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
      if (requested > limits.maxPageSize) oversizedPages.push({ field: `${parentType.name}.${name}`, requested });
      const size = clamp(requested, limits.maxPageSize);
      const inner = walk(node.selectionSet, namedType, size);
      return {
        depth: 1 + inner.depth,
        introspectionDepth: nested(inner),
        introspectionFields: inner.introspectionFields,
        cost: 1 + inner.cost + own * STATEMENT_COST,
        statements: own + inner.statements,
      };
    }
    const inner = walk(node.selectionSet, namedType, null);
    const items = isListType(getNullableType(field.type)) ? listSize(args, parentType, pageSize, limits) : 1;
    // Statements are not multiplied by the list's size: the items' relations load in one batch.
    const objectsCost = items * (1 + inner.cost - inner.statements * STATEMENT_COST);
    return {
      depth: 1 + inner.depth,
      introspectionDepth: nested(inner),
      introspectionFields: inner.introspectionFields,
      cost: objectsCost + (own + inner.statements) * STATEMENT_COST,
      statements: own + inner.statements,
    };
  }

  const tally = walk(operation.selectionSet, rootType, null);
  return { ...tally, rootFields: countRootFields(operation.selectionSet, fragments, included), oversizedPages, textErrors };
}

/** Root fields of an operation, through fragments (each alias is one; `__typename` is free). */
function countRootFields(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  included: (node: { directives?: readonly any[] }) => boolean,
  seen = new Set<string>(),
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (!included(selection)) continue;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countRootFields(selection.selectionSet, fragments, included, seen);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) continue;
      seen.add(fragment.name.value);
      count += countRootFields(fragment.selectionSet, fragments, included, seen);
      seen.delete(fragment.name.value);
    }
  }
  return count;
}

const nested = (inner: Tally) => (inner.introspectionDepth > 0 ? 1 + inner.introspectionDepth : 0);

const clamp = (value: number, max: number) => Math.min(Math.max(0, Math.floor(value)), max);

function fieldOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

/** A Relay connection of this hub: returns `<Name>Connection` and pages with `first`. */
function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  return getNamedType(field.type).name.endsWith('Connection') && field.args.some((a) => a.name === 'first');
}

function argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  if (!field.args.length) return {};
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    return {}; // invalid arguments fail at execution, before the resolver
  }
}

function listSize(args: Record<string, unknown>, parentType: GraphQLCompositeType, pageSize: number | null, limits: OperationLimits): number {
  // The items (`nodes`, `edges`) of a connection: its page size.
  if (pageSize !== null && parentType.name.endsWith('Connection')) return pageSize;
  for (const name of ['first', 'last']) {
    const value = args[name];
    if (typeof value === 'number') return clamp(value, limits.maxPageSize);
  }
  for (const value of Object.values(args)) {
    if (Array.isArray(value)) return Math.max(1, value.length);
  }
  return UNPAGED_LIST_ESTIMATE;
}

/** Depth of the introspection query graphql-js and GraphiQL send (all options on). */
export const STANDARD_INTROSPECTION_DEPTH = (() => {
  const document = parse(
    getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }),
  );
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
  const depthOf = (set: SelectionSetNode): number =>
    Math.max(
      0,
      ...set.selections.map((s) =>
        s.kind === Kind.FIELD
          ? 1 + (s.selectionSet ? depthOf(s.selectionSet) : 0)
          : s.kind === Kind.INLINE_FRAGMENT
            ? depthOf(s.selectionSet)
            : depthOf(fragments.get(s.name.value)!),
      ),
    );
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return depthOf(operation.selectionSet);
})();
