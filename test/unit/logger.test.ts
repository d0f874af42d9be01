/**
 * The logger's last line of defence: a 14-digit run (a PIN's shape) is masked in what is written,
 * wherever it slipped in. (That no caller hands it a PIN in the first place is checked on a real
 * session in test/integration/no-pin-in-logs.test.ts, before this redaction.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { logger, observeLogCalls, redact, setLogLevel, setLogSink, type LogCall } from '../../src/common/logger';

const PIN = '21203199900123';

afterEach(() => {
  observeLogCalls(null);
  setLogSink((line) => process.stderr.write(line + '\n'));
  setLogLevel('warn');
});

describe('redact', () => {
  it('masks every 14-digit run and leaves other numbers alone', () => {
    expect(redact(`pin ${PIN} and ${PIN}`)).toBe('pin [PIN] and [PIN]');
    expect(redact('student 22030331, cursor 1234567890123, 123456789012345')).toBe('student 22030331, cursor 1234567890123, 123456789012345');
  });
});

describe('logger', () => {
  it('writes a PIN that slipped into the message or a field as [PIN]', () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    setLogLevel('debug');
    logger.warn(`lookup of ${PIN} failed`, { detail: { pin: PIN }, note: `again ${PIN}` });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(PIN);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', message: 'lookup of [PIN] failed', detail: { pin: '[PIN]' }, note: 'again [PIN]' });
  });

  it('shows observers each call as the caller made it, below the level too, before redaction', () => {
    const calls: LogCall[] = [];
    setLogSink(() => undefined);
    setLogLevel('warn');
    observeLogCalls((call) => calls.push(call));
    logger.debug(`raw ${PIN}`, { pin: PIN });
    expect(calls).toEqual([{ level: 'debug', message: `raw ${PIN}`, fields: { pin: PIN } }]);
  });
});
