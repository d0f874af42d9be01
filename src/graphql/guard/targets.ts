/**
 * What a field returns, as the schema guard sees it: a guarded object, the `Node` interface or a
 * `…Connection` of guarded objects; single or a list; and the empty answer of each shape.
 */
import {
  getNamedType, getNullableType, isInterfaceType, isListType, isNonNullType, isObjectType,
  type GraphQLObjectType, type GraphQLOutputType,
} from 'graphql';

export interface Target {
  kind: 'object' | 'node' | 'connection';
  /** The guarded type (for a connection: its node type); null for `Node`. */
  typeName: string | null;
  list: boolean;
  itemNullable: boolean;
  nonNull: boolean;
  /**
   * A connection with a required `total` (a statistics connection): it has no empty answer that
   * is not a false figure, so a viewer who may not read it is refused (FORBIDDEN).
   */
  refusedWhenHidden?: boolean;
}

/** `XConnection` types (ConnectionType in graphql/connection.ts): the node type of their `nodes`. */
export function connectionNodeType(type: GraphQLObjectType): string | null {
  if (!type.name.endsWith('Connection')) return null;
  const fields = type.getFields();
  if (!fields.edges || !fields.nodes || !fields.pageInfo) return null;
  return getNamedType(fields.nodes.type).name;
}

export const isEdgeType = (type: GraphQLObjectType) => type.name.endsWith('Edge') && !!type.getFields().cursor && !!type.getFields().node;

export function targetOf(type: GraphQLOutputType): Target | null {
  const nonNull = isNonNullType(type);
  const inner = getNullableType(type);
  const list = isListType(inner);
  const itemNullable = list && !isNonNullType(inner.ofType);
  const named = getNamedType(type);
  if (isInterfaceType(named)) return named.name === 'Node' ? { kind: 'node', typeName: null, list, itemNullable, nonNull } : null;
  if (!isObjectType(named)) return null;
  const nodeType = connectionNodeType(named);
  if (nodeType) {
    const total = named.getFields().total;
    return { kind: 'connection', typeName: nodeType, list, itemNullable, nonNull, refusedWhenHidden: !!total && isNonNullType(total.type) };
  }
  return { kind: 'object', typeName: named.name, list, itemNullable, nonNull };
}

const EMPTY_PAGE = Object.freeze({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });

/** What a field answers when the viewer can see nothing of its type: null, an empty list or an empty connection. */
export function emptyValue(target: Target): unknown {
  if (target.kind === 'connection' && !target.list) return { edges: [], nodes: [], pageInfo: EMPTY_PAGE, totalCount: 0 };
  return target.list ? [] : null;
}

const isPromise = (value: unknown): value is Promise<unknown> => !!value && typeof (value as Promise<unknown>).then === 'function';

/** Continues with `value`, synchronously when it is not a promise (most guarded fields answer at once). */
export const andThen = <T, R>(value: T | Promise<T>, next: (value: T) => R | Promise<R>): R | Promise<R> => (isPromise(value) ? value.then(next) : next(value as T));
