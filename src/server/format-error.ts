/**
 * The one place errors leave the hub. Errors the hub raised on purpose (with a code) pass as they
 * are; anything else is logged and replaced by a generic message, so SQL, host names or personal
 * data in an internal error never reach a client. A value a database refused as malformed (class
 * 22 of SQLSTATE: bad number, bad text encoding, out of range) is the caller's input, not a crash:
 * it becomes VALIDATION_FAILED — without the database's message, which can quote the value.
 * With introspection off, no message suggests field or type names.
 */
import type { ExecutionResult, FormattedExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, HubError } from '../common/errors';
import { logger } from '../common/logger';
import { hideSuggestions } from './safety/suggestions';

const APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
]);

export function createFormatError(options: { hideSuggestions: boolean }): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  if (!options.hideSuggestions) return formatError;
  return (formatted, error) => {
    const shown = formatError(formatted, error);
    const message = hideSuggestions(shown.message);
    return message === shown.message ? shown : { ...shown, message };
  };
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof HubError) return formatted;
  const code = formatted.extensions?.code;
  // INTERNAL_SERVER_ERROR is what Apollo gives any unexpected error: it is never passed on as is.
  if (typeof code === 'string' && code !== ErrorCode.INTERNAL && (APOLLO_CODES.has(code) || Object.values(ErrorCode).includes(code as ErrorCode))) {
    return formatted;
  }
  const sqlState = (original as { code?: unknown })?.code;
  if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) {
    logger.warn('A database refused a value as malformed', { path: formatted.path?.join('.'), sqlState });
    return {
      message: 'A value in this request is malformed (a number, date or text the database cannot take). Nothing was changed.',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.VALIDATION_FAILED, sqlState },
    };
  }
  logger.error('Unexpected error while resolving', {
    path: formatted.path?.join('.'),
    error: (original as Error)?.message ?? String(original),
  });
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL },
  };
}

type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** Errors that leave by another way than Apollo (graphql-ws frames) pass the same formatter. */
export function formatErrors(errors: readonly GraphQLError[], format: ErrorFormatter): GraphQLFormattedError[] {
  return errors.map((error) => format(error.toJSON(), error));
}

/** An execution result whose errors passed the formatter (unchanged when it has none). */
export function formatResult(result: ExecutionResult, format: ErrorFormatter): ExecutionResult | FormattedExecutionResult {
  if (!result.errors?.length) return result;
  return { ...result, errors: formatErrors(result.errors, format) };
}
