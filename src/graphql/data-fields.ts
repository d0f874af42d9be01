/**
 * Which fields fetch data. type-graphql gives a `resolve` only to root fields and
 * `@FieldResolver`s (object properties are read as they are), and in this hub every such resolver
 * reads through a loader or a service: each occurrence of one in an operation can cause a SQL
 * statement (one per batch of parents, not one per parent). The query limits count statements by
 * this mark before anything runs (src/server/safety/operation-limits.ts).
 *
 * Recorded once, when the schema is built and before the guard wraps resolvers of its own.
 */
import { getNamedType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';

const dataFields = new WeakSet<GraphQLField<unknown, unknown>>();

export function markDataFields(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve || field.subscribe) dataFields.add(field as GraphQLField<unknown, unknown>);
    }
  }
}


/**
 * What one occurrence of a grouped statistic counts as in the statement limits: it aggregates a
 * source's whole tables, not a page, so with the default MAX_STATEMENTS (150) an operation holds
 * at most six, and an anonymous one (20) none — refused before any SQL.
 */
export const AGGREGATE_STATEMENT_WEIGHT = 25;

/** Grouped statistics and the reports built on them, by their result types. */
const AGGREGATE_TYPE = /StatisticsConnection$|^AchievementReport/;

/** The statements an occurrence of this field counts as: 0 when it fetches nothing. */
export function statementWeight(field: GraphQLField<unknown, unknown>): number {
  if (!dataFields.has(field)) return 0;
  return AGGREGATE_TYPE.test(getNamedType(field.type).name) ? AGGREGATE_STATEMENT_WEIGHT : 1;
}
