/** Builds the unified GraphQL schema from the modules' resolvers (and prints it for schema/). */
import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { lexicographicSortSchema, printSchema, type GraphQLInterfaceType, type GraphQLSchema } from 'graphql';
import { RESOLVERS } from './index';
import { ACCESS_POLICIES } from './access-policies';
import { ARGUMENT_MARKS } from './argument-rules';
import { pubSub } from '../events/pubsub';
import { guardSchema } from '../graphql/guard/guard-schema';
import { resolveNodeType } from '../graphql/node';
import { resolveLazyTotalCounts } from '../graphql/connection';
import { markDataFields } from '../graphql/data-fields';
import { applyTextLimits } from '../graphql/text-limits';

let built: Promise<GraphQLSchema> | null = null;

const ROOT_DESCRIPTIONS = {
  Query:
    'Reads across all source systems. Lists are Relay connections; any object can be fetched again with `node(id:)`. ' +
    'Every field that reads a database is nullable: when its source is unavailable it is null with a SOURCE_UNAVAILABLE error naming the source, and the other fields of the answer stand.',
  Subscription: 'Live data over WebSocket (graphql-ws protocol) on the same /graphql URL.',
  Mutation:
    'Changes, validated before anything is written: a failed mutation changes nothing. A mutation whose database is unavailable answers SOURCE_UNAVAILABLE naming it; ' +
    'when a mutation fails, the later mutations of the same operation do not run.',
};

/** The schema is built once per process: building is slow and the result never changes. */
export function buildHubSchema(): Promise<GraphQLSchema> {
  built ??= build();
  return built;
}

async function build(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    // Input validation is done by each service, with VALIDATION_FAILED errors.
    validate: false,
    pubSub,
    // No global middleware: it would wrap every field (see README, speed).
  });
  // type-graphql gives the root types no description; the schema is the product, so they get one.
  for (const root of [schema.getQueryType(), schema.getSubscriptionType(), schema.getMutationType()]) {
    if (root && !root.description) root.description = ROOT_DESCRIPTIONS[root.name as keyof typeof ROOT_DESCRIPTIONS];
  }
  // type-graphql wraps every resolveType in an async function; graphql-jit (src/server/executor)
  // needs the type name synchronously, and graphql-js takes either.
  (schema.getType('Node') as GraphQLInterfaceType).resolveType = resolveNodeType;
  resolveLazyTotalCounts(schema);
  // Before the guard adds resolvers of its own: which fields fetch data (the statement limit counts them).
  markDataFields(schema);
  // Every text argument gets a documented maximum length (checked before an operation runs).
  applyTextLimits(schema);
  // Access rules by construction: one pass wraps the resolvers that return guarded data (src/graphql/guard),
  // by the policies and argument marks the modules declare next to their types.
  return guardSchema(schema, { policies: ACCESS_POLICIES, arguments: ARGUMENT_MARKS });
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs are stable). */
export async function printHubSchema(): Promise<string> {
  const schema = await buildHubSchema();
  const header = '# Generated from the code by `npm run schema`. Do not edit: a test fails when this file is stale.\n\n';
  return header + printSchema(lexicographicSortSchema(schema)) + '\n';
}
