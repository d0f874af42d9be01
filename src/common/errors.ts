/**
 * Every error a client can see carries one of these stable codes in `extensions.code`.
 * They are created in one place so the codes and messages stay consistent.
 */
import { GraphQLError } from 'graphql';

export enum ErrorCode {
  /** A source system's database cannot be reached; `extensions.source` names it. */
  SOURCE_UNAVAILABLE = 'SOURCE_UNAVAILABLE',
  /** Input failed validation; `extensions.field` names the argument where known. */
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  /** A pagination cursor that this hub did not issue or that belongs to another list. */
  INVALID_CURSOR = 'INVALID_CURSOR',
  /** A global ID that is malformed or names an unknown type. */
  INVALID_ID = 'INVALID_ID',
  /** A page size above the maximum. */
  PAGE_TOO_LARGE = 'PAGE_TOO_LARGE',
  INTERNAL = 'INTERNAL_SERVER_ERROR',
}

export class HubError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export function sourceUnavailable(source: string, cause?: unknown): HubError {
  // The cause's text is not passed on: it can carry host names and credentials.
  void cause;
  return new HubError(ErrorCode.SOURCE_UNAVAILABLE, `The ${source} source is unavailable; its fields are null.`, { source });
}

export function validationFailed(message: string, field?: string): HubError {
  return new HubError(ErrorCode.VALIDATION_FAILED, message, field ? { field } : {});
}
