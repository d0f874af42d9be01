/**
 * Koha keeps naive timestamps (no zone) in the library's local time. The hub reads them as
 * Asia/Bishkek wall-clock time (UTC+6, no daylight saving), so they become exact instants whatever
 * the time zone of the hub's process or database session. "Now" and "today" for due dates are the
 * business clock's (src/common/business-time.ts), passed in as a parameter and read on the
 * library's wall clock: never the database's now().
 */
export const LIBRARY_TIME_ZONE = 'Asia/Bishkek';

/** A naive library timestamp column as an instant (timestamptz). */
export const instant = (column: string) => `(${column} at time zone '${LIBRARY_TIME_ZONE}')`;

/** The business instant (`now`: a placeholder of a timestamptz parameter) on the library's wall clock, comparable with its naive timestamps. */
export const libraryNow = (now: string) => `(${now}::timestamptz at time zone '${LIBRARY_TIME_ZONE}')`;

/** The library's date at the business instant `now` (a placeholder). */
export const libraryToday = (now: string) => `(${libraryNow(now)})::date`;
