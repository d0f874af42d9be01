/**
 * The Relay `Node` interface and the registry that resolves any global ID to its object through
 * that type's loader, so `node(id:)` and `nodes(ids:)` batch like every other read.
 */
import { Field, ID, InterfaceType } from 'type-graphql';
import type { HubContext } from './context';

/** Resolves `Node` from the `__typename` each object of the hub carries (synchronously: see schema.ts). */
export const resolveNodeType = (value: { __typename?: string }): string | undefined => value.__typename;

@InterfaceType({
  description: 'An object with a globally unique, opaque ID that `node(id:)` can fetch again.',
  resolveType: resolveNodeType,
})
export abstract class Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier of this object.' })
  id!: string;
}

/** Every object the hub returns carries its GraphQL type name, which resolves `Node`. */
export interface Typed {
  __typename: string;
  id: string;
}

export type NodeFetcher = (key: string, context: HubContext) => Promise<Typed | null | undefined>;

const fetchers = new Map<string, NodeFetcher>();

/** Modules register how to fetch each of their node types by key (normally `loader.load(key)`). */
export function registerNode(typeName: string, fetch: NodeFetcher): void {
  fetchers.set(typeName, fetch);
}

export function nodeFetcher(typeName: string): NodeFetcher | undefined {
  return fetchers.get(typeName);
}
