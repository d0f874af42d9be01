/**
 * Koha keeps naive timestamps (no zone) in the library's local time. The hub reads them as
 * Asia/Bishkek wall-clock time (UTC+6, no daylight saving), so they become exact instants whatever
 * the time zone of the hub's process or database session, and "now" / "today" for due dates is
 * the library's own clock.
 */
export const LIBRARY_TIME_ZONE = 'Asia/Bishkek';

/** A naive library timestamp column as an instant (timestamptz). */
export const instant = (column: string) => `(${column} at time zone '${LIBRARY_TIME_ZONE}')`;

/** The library's wall-clock now, comparable with its naive timestamps. */
export const LIBRARY_NOW = `(now() at time zone '${LIBRARY_TIME_ZONE}')`;

/** The library's today. */
export const LIBRARY_TODAY = `(${LIBRARY_NOW})::date`;
