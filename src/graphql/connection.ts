/**
 * Relay cursor connections as GraphQL types: PageInfo, `first`/`after` arguments (checked against
 * the page size limit and the list's order) and the `<Name>Connection` / `<Name>Edge` types. The
 * pages themselves are read by src/db/pages.ts and src/db/list-loaders.ts.
 */
import { isObjectType, type GraphQLSchema } from 'graphql';
import { ArgsType, Field, Int, type ClassType } from 'type-graphql';
import { ErrorCode, HubError } from '../common/errors';
import { decodeCursor } from '../db/cursor';
import type { ConnectionShape, Page } from '../db/pages';
import { HubObject } from './object-type';

@HubObject('Where a page of a connection sits in the whole list.', { node: false })
export class PageInfo {
  @Field({ description: 'True when more items follow this page; pass `endCursor` as `after` to get them.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when this page was asked for with `after` (items precede it).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'How many items to return (default 20, at most the server maximum, 100 unless configured).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (an `endCursor` or edge `cursor` from a previous page).' })
  after?: string;
}

/** Declares `<Name>Edge` and `<Name>Connection` object types for a node type. */
export function ConnectionType<N extends object>(nodeType: ClassType<N>, name: string, what: string): ClassType<ConnectionShape<N>> {
  @HubObject(`An edge of a ${name}Connection: one ${what} and its cursor.`, { node: false, name: `${name}Edge` })
  class Edge {
    @Field({ description: 'Opaque cursor of this edge; pass it as `after` to continue after it.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${what}.` })
    node!: N;
  }

  @HubObject(`A page of ${what} items (Relay cursor connection).`, { node: false, name: `${name}Connection` })
  class Connection {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges!: Edge[];

    @Field(() => [nodeType], { description: 'The items of this page, without cursors (shortcut for `edges { node }`).' })
    nodes!: N[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items match the filter in all (counted only when asked for).' })
    totalCount!: number;
  }
  return Connection as unknown as ClassType<ConnectionShape<N>>;
}

/**
 * Gives every connection's `totalCount` a resolver that runs the lazy count. graphql-js calls a
 * function-valued property by itself; graphql-jit (src/server/executor) reads properties as they
 * are, so the field says what it means.
 */
export function resolveLazyTotalCounts(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith('Connection')) continue;
    const field = type.getFields().totalCount;
    if (!field || field.resolve) continue;
    field.resolve = (connection: ConnectionShape<unknown>) => (typeof connection.totalCount === 'function' ? connection.totalCount() : connection.totalCount);
  }
}

let maxPageSize = 100;
export function setMaxPageSize(size: number): void {
  maxPageSize = size;
}

export const DEFAULT_PAGE_SIZE = 20;

/** Validates `first`/`after` against the list's order. */
export function readPage(args: PageArgs, orderKey: string): Page {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new HubError(ErrorCode.VALIDATION_FAILED, '`first` must be zero or a positive whole number.', { field: 'first' });
  }
  if (limit > maxPageSize) {
    throw new HubError(ErrorCode.PAGE_TOO_LARGE, `\`first\` may be at most ${maxPageSize}.`, { field: 'first', max: maxPageSize });
  }
  return { limit, after: args.after ? decodeCursor(args.after, orderKey) : null, orderKey };
}
