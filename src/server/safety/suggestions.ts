/**
 * graphql-js helps a developer with "Did you mean …?" in validation and coercion errors, which
 * names fields, types and enum values. With introspection off the schema is not public, and those
 * hints would hand it out one typo at a time (`pn` → "Did you mean pin?"): they are removed.
 */
import { GraphQLError } from 'graphql';

const SUGGESTION = / ?Did you mean(.+?)\?$/;

export function hideSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/** The error without its suggestion (a copy; the original may be cached and shared). */
export function withoutSuggestions(error: GraphQLError): GraphQLError {
  const message = hideSuggestions(error.message);
  if (message === error.message) return error;
  return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions: error.extensions });
}
