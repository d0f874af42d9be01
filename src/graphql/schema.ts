/** Builds the unified GraphQL schema from the modules' resolvers (and prints it for schema/). */
import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { RESOLVERS } from '../modules';
import { pubSub } from '../events/pubsub';

let built: Promise<GraphQLSchema> | null = null;

/** The schema is built once per process: building is slow and the result never changes. */
export function buildHubSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    // Input validation is done by each service, with VALIDATION_FAILED errors.
    validate: false,
    pubSub,
    // No global middleware: it would wrap every field (see README, speed).
  });
  return built;
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs are stable). */
export async function printHubSchema(): Promise<string> {
  const schema = await buildHubSchema();
  const header = '# Generated from the code by `npm run schema`. Do not edit: a test fails when this file is stale.\n\n';
  return header + printSchema(lexicographicSortSchema(schema)) + '\n';
}
