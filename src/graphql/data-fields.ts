/**
 * Which fields fetch data. type-graphql gives a `resolve` only to root fields and
 * `@FieldResolver`s (object properties are read as they are), and in this hub every such resolver
 * reads through a loader or a service: each occurrence of one in an operation can cause a SQL
 * statement (one per batch of parents, not one per parent). The query limits count statements by
 * this mark before anything runs (src/server/safety/operation-limits.ts).
 *
 * Recorded once, when the schema is built and before the guard wraps resolvers of its own.
 */
import { isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';

const dataFields = new WeakSet<GraphQLField<unknown, unknown>>();

export function markDataFields(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve || field.subscribe) dataFields.add(field as GraphQLField<unknown, unknown>);
    }
  }
}

/** True when an occurrence of this field may send a statement to a database. */
export function fetchesData(field: GraphQLField<unknown, unknown>): boolean {
  return dataFields.has(field);
}
