/**
 * `@HubObject` = type-graphql's `@ObjectType` with simple resolvers: plain properties resolve with
 * graphql-js's default resolver instead of type-graphql's per-field middleware wrapper, which on
 * this stack costs most of a request's time (see the speed notes in README).
 */
import { ObjectType } from 'type-graphql';
import { Node } from './node';

export function HubObject(description: string, options: { node?: boolean; name?: string } = {}): ClassDecorator {
  const node = options.node ?? true;
  const typeOptions = { description, simpleResolvers: true, ...(node ? { implements: Node } : {}) };
  return options.name ? ObjectType(options.name, typeOptions) : ObjectType(typeOptions);
}
