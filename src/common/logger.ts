/**
 * A small structured logger (one JSON line per entry on stderr). Personal data must never reach
 * it: callers pass ids and counts, never PINs, names, phones or addresses, and `redact` masks any
 * 14-digit run (a PIN's shape) that slips into a message as a last line of defence.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let threshold: Level = 'info';
let sink: (line: string) => void = (line) => process.stderr.write(line + '\n');

export function setLogLevel(level: Level): void {
  threshold = level;
}

/** Tests capture the log to check that no personal data is written. */
export function setLogSink(next: (line: string) => void): void {
  sink = next;
}

/** What a caller handed to the logger, before the level filter and before redaction. */
export interface LogCall {
  level: Level;
  message: string;
  fields?: Record<string, unknown>;
}

let observer: ((call: LogCall) => void) | null = null;

/**
 * Tests see every call as the caller made it: redaction is a last line of defence, so a test of
 * "no PIN is logged" must look before it, or it could never fail. null stops observing.
 */
export function observeLogCalls(next: ((call: LogCall) => void) | null): void {
  observer = next;
}

export function redact(text: string): string {
  return text.replace(/\b\d{14}\b/g, '[PIN]');
}

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  observer?.({ level, message, fields });
  if (ORDER[level] < ORDER[threshold]) return;
  // A field named like the line's own keys (an error's `message`…) must not replace them: it is kept as `detail`.
  const { time: _time, level: _level, message: detail, ...rest } = fields ?? {};
  const entry = { time: new Date().toISOString(), level, message, ...rest, ...(detail !== undefined ? { detail } : {}) };
  sink(redact(JSON.stringify(entry)));
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
