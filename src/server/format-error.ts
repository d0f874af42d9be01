/**
 * The one place errors leave the hub. Errors the hub raised on purpose (with a code) pass as they
 * are; anything else is logged and replaced by a generic message, so SQL, host names or personal
 * data in an internal error never reach a client.
 */
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, HubError } from '../common/errors';
import { logger } from '../common/logger';

const APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
]);

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof HubError) return formatted;
  const code = formatted.extensions?.code;
  // INTERNAL_SERVER_ERROR is what Apollo gives any unexpected error: it is never passed on as is.
  if (typeof code === 'string' && code !== ErrorCode.INTERNAL && (APOLLO_CODES.has(code) || Object.values(ErrorCode).includes(code as ErrorCode))) {
    return formatted;
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
