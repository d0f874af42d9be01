/**
 * No PIN reaches the logs. A realistic session runs with every call to the logger recorded as the
 * caller made it — before the level filter and before `redact`, the logger's last line of
 * defence, which would otherwise hide a caller's mistake from this test — and with the console
 * captured, for anything that bypasses the logger: the hub starts (seeding, identity registry), an
 * administrator reads PINs, a partner key is refused one, a query with a PIN in its variables
 * fails inside the database, a request is malformed, mutations get bad input — and not one of the
 * seeded students' 14-digit PINs is handed to the logger or written. That redaction works is
 * test/unit/logger.test.ts's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observeLogCalls, setLogLevel, setLogSink, type LogCall } from '../../src/common/logger';
import { Role } from '../../src/auth/viewer';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const lines: string[] = [];
const calls: LogCall[] = [];
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
const originalConsole = Object.fromEntries(consoleMethods.map((m) => [m, console[m]]));
let t: TestHub;

/** A call as text, with what JSON.stringify would drop: errors' messages, stacks and causes. */
function textOf(call: LogCall): string {
  return JSON.stringify(call, (_key, value: unknown) => {
    if (value instanceof Error) return { ...value, name: value.name, message: value.message, stack: value.stack, cause: value.cause };
    if (typeof value === 'bigint') return value.toString();
    return value;
  });
}

beforeAll(async () => {
  observeLogCalls((call) => calls.push(call));
  setLogSink((line) => lines.push(line));
  for (const method of consoleMethods) console[method] = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  t = await startTestHub({ env: { LOG_LEVEL: 'debug' } });
  setLogLevel('debug');
});

afterAll(async () => {
  await t?.close();
  observeLogCalls(null);
  for (const method of consoleMethods) console[method] = originalConsole[method];
  setLogSink((line) => process.stderr.write(line + '\n'));
});

describe('a session with PINs in queries, answers and errors', () => {
  it('writes no seeded PIN to the logs', async () => {
    const pins = (await t.rows<{ pin: string }>('avn', 'select distinct trim(pin) as pin from students where pin is not null')).map((r) => r.pin);
    expect(pins.length).toBeGreaterThan(50);
    const [pin, other] = pins;

    // An administrator reads PINs, by list and by PIN.
    const list = await t.data('{ students(first: 100) { nodes { pin fullName } } }');
    expect(list.students.nodes.some((n: { pin: string }) => pins.includes(n.pin))).toBe(true);
    expect((await t.data('query($pin: String!) { personByPin(pin: $pin) { pin fullName } }', { pin })).personByPin.pin).toBe(pin);
    await t.data('query($pin: String!) { people(first: 5, where: { pin: $pin }) { nodes { pin } } students(first: 5, where: { pin: $pin }) { nodes { pin } } }', { pin });

    // A partner key is refused the PIN (FORBIDDEN_FIELD).
    const library = await t.as({ role: Role.LIBRARY, apiKey: true, purpose: 'reader registration' });
    const refused = await library.execute('query($pin: String!) { students(first: 3, where: { pin: $pin }) { nodes { pin phone } } }', { pin });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN_FIELD');

    // A query with a PIN in its variables that fails inside the database (a refused value, logged).
    const failing = await t.execute('query($pin: String!, $year: Int!) { students(where: { pin: $pin, intakeYear: $year }) { nodes { id } } }', {
      pin,
      year: 2147483647,
    });
    expect(failing.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    // Invalid documents and variables with PINs in them.
    await t.execute('query($pin: String!) { personByPin(pin: $pin) { noSuchField } }', { pin });
    await t.execute('query($pin: Int!) { personByPin(pin: $pin) { id } }', { pin });
    await t.execute(`{ personByPin(pin: "${pin}") { id } `);
    await t.execute('query($pin: String!) { personByPin(pin: $pin) { id } }', { pin: `${pin}9` });

    // Mutations with bad input: a PIN as login and password, an account for a PIN login with a short password.
    const login = await t.anonymous.execute('mutation($l: String!, $p: String!) { login(login: $l, password: $p) { accessToken } }', { l: pin, p: other });
    expect(login.errors?.length).toBeGreaterThan(0);
    const register = await t.execute(
      'mutation($l: String!) { registerAccount(input: { login: $l, password: "x", role: STUDENT }) { id } }',
      { l: other },
    );
    expect(register.errors?.length).toBeGreaterThan(0);

    // The capture works: the start-up, the failure and the debug lines were handed over and written.
    expect(calls.length).toBeGreaterThan(1);
    expect(lines.length).toBeGreaterThan(1);
    expect(calls.map((c) => c.message)).toContain('A database refused a value as malformed');
    const handed = calls.map(textOf);
    for (const seeded of pins) {
      expect(handed.filter((call) => call.includes(seeded)), 'a seeded PIN handed to the logger').toEqual([]);
    }
    expect(handed.filter((call) => /(?<!\d)\d{14}(?!\d)/.test(call)), 'a PIN-shaped number handed to the logger').toEqual([]);
    const written = lines.join('\n');
    for (const seeded of pins) expect(written.includes(seeded), 'a seeded PIN in the logs').toBe(false);
    expect(written).not.toMatch(/\b\d{14}\b/);
  });
});
