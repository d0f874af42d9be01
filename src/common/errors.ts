/**
 * Every error a client can see carries one of these stable codes in `extensions.code`.
 * They are created in one place so the codes and messages stay consistent.
 */
import { GraphQLError } from 'graphql';

export enum ErrorCode {
  /** A source system's database cannot be reached; `extensions.source` names it. */
  SOURCE_UNAVAILABLE = 'SOURCE_UNAVAILABLE',
  /**
   * This caller already runs its share of a source's connections and its statement waited too
   * long (or too many of its statements wait): retry shortly. Other callers are not affected.
   */
  SOURCE_BUSY = 'SOURCE_BUSY',
  /** The request sent more SQL statements than its budget allows (`extensions.limit`); the rest of its fields are null. */
  STATEMENT_BUDGET_EXCEEDED = 'STATEMENT_BUDGET_EXCEEDED',
  /** Input failed validation; `extensions.field` names the argument where known. */
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  /** A pagination cursor that this hub did not issue (cursors are encrypted and authenticated), was altered, or belongs to another list or order. */
  INVALID_CURSOR = 'INVALID_CURSOR',
  /** A global ID that this hub did not issue (IDs are encrypted and authenticated), was altered, or names another type than expected. */
  INVALID_ID = 'INVALID_ID',
  /** A page size above the maximum. */
  PAGE_TOO_LARGE = 'PAGE_TOO_LARGE',
  /** A statistic grouped so finely that it has more groups than the hub builds (`extensions.maxGroups`); group by fewer dimensions or filter. */
  STATISTICS_TOO_DETAILED = 'STATISTICS_TOO_DETAILED',
  /** The credentials sent (token or key) are invalid, expired or revoked; send none or valid ones. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** Login and password do not match an active account (the same answer for both cases). */
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  /** The viewer may not perform this operation. */
  FORBIDDEN = 'FORBIDDEN',
  /**
   * A personal-data field the viewer's scope does not cover: null on that path, the rest of the
   * answer stands (`extensions.kind`). Also a field of a domain the viewer's access does not
   * include (a student's `gpa` for a library key, an employee's `person` for HR): null on that
   * path, `extensions.field` and `extensions.domain` (src/graphql/guard/relation-guard.ts). Also a filter, search or ordering on such a field, or on a
   * name or number a pseudonymous viewer may not see (`extensions.argument`, e.g. "where.pin"):
   * the field is refused before anything is read.
   */
  FORBIDDEN_FIELD = 'FORBIDDEN_FIELD',
  /** The object does not exist or the viewer may not touch it (the two are indistinguishable on purpose). */
  NOT_FOUND = 'NOT_FOUND',
  /** The grade-entry window of this control is not open; `extensions` give `control`, `opensAt` / `closedAt`. */
  GRADE_WINDOW_CLOSED = 'GRADE_WINDOW_CLOSED',
  /** The grade sheet is submitted (locked); only an administrator can reopen it. */
  SHEET_LOCKED = 'SHEET_LOCKED',
  /** The operation nests deeper than the server allows (`extensions.limit`, `extensions.measured`); it did not run. */
  QUERY_TOO_DEEP = 'QUERY_TOO_DEEP',
  /** The operation's estimated cost is above the server's limit (`extensions.limit`, `extensions.measured`); it did not run. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** The request is larger than the server accepts (HTTP 413; a WebSocket message: close code 1009). */
  REQUEST_TOO_LARGE = 'REQUEST_TOO_LARGE',
  /** Too many requests for this key, account or address (HTTP 429); retry after `Retry-After` seconds. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** The hub runs in trusted-operations mode and this request is not a registered operation (HTTP 400). */
  OPERATION_NOT_TRUSTED = 'OPERATION_NOT_TRUSTED',
  /** A QR check-in token that this hub did not sign (bad format or signature); the attempt is recorded as a scan when its session is known. */
  QR_TOKEN_INVALID = 'QR_TOKEN_INVALID',
  /** A QR check-in token older than the previous rotation plus the grace period; scan the code on screen now. */
  QR_TOKEN_EXPIRED = 'QR_TOKEN_EXPIRED',
  /** The lesson session is closed: its teacher no longer takes check-ins. */
  SESSION_CLOSED = 'SESSION_CLOSED',
  /** The student is neither in the lesson's group nor registered for its discipline this term. */
  NOT_REGISTERED = 'NOT_REGISTERED',
  /** The student has already checked in to this lesson session. */
  ALREADY_CHECKED_IN = 'ALREADY_CHECKED_IN',
  /** The device's location is outside the session's radius (`extensions.distanceMeters`, `extensions.radiusMeters`). */
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  /**
   * A QR session opens only on its lesson's own date (the business date): this lesson is on another
   * day (`extensions.lessonDate`, `extensions.today`). Nothing was written.
   */
  LESSON_NOT_TODAY = 'LESSON_NOT_TODAY',
  /**
   * A QR session opens only from QR_OPEN_BEFORE_MINUTES before its lesson's period until the period
   * ends (`extensions.opensAt`, `extensions.endsAt`). Nothing was written.
   */
  OUTSIDE_LESSON_TIME = 'OUTSIDE_LESSON_TIME',
  /**
   * The journal already holds the student's mark for this lesson — excused, or entered by the
   * teacher (`extensions.presence`, `extensions.source`): a check-in never changes it. The attempt is
   * recorded as a `duplicate` scan; the teacher corrects the journal by hand if need be.
   */
  ATTENDANCE_ALREADY_MARKED = 'ATTENDANCE_ALREADY_MARKED',
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
