/**
 * Accounts, tokens and partner keys over real HTTP and WebSocket: login, refresh rotation,
 * password change, deactivation, key issue and revocation — and the sockets that close with them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { Role } from '../../src/auth/viewer';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;
beforeAll(async () => {
  // Short login delays: the guessing test below waits through them.
  t = await startTestHub({ env: { ACCESS_REFRESH_MS: '300', LOGIN_DELAY_BASE_MS: '10', LOGIN_DELAY_MAX_MS: '100' } });
});
afterAll(async () => {
  await t?.close();
});

const LOGIN = `mutation($login: String!, $password: String!) {
  login(login: $login, password: $password) { accessToken refreshToken accessTokenExpiresAt account { id login role active } }
}`;

async function post(body: unknown, authorization?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  const response = await fetch(t.url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

/** Subscribes to the heartbeat with these credentials; resolves with the close code when the socket closes. */
function openDashboard(authorization: string): { closed: Promise<number>; ticks: () => number; client: Client } {
  let ticks = 0;
  let resolveClosed: (code: number) => void;
  const closed = new Promise<number>((resolve) => (resolveClosed = resolve));
  const client = createClient({
    url: t.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization },
    on: { closed: (event) => resolveClosed((event as { code: number }).code) },
  });
  client.subscribe({ query: 'subscription { heartbeat(intervalSeconds: 1) { sequence } }' }, { next: () => ticks++, error: () => undefined, complete: () => undefined });
  return { closed, ticks: () => ticks, client };
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('accounts and tokens', () => {
  it('logs the first administrator in, and refuses a wrong password without saying which part was wrong', async () => {
    const ok = await t.anonymous.execute(LOGIN, { login: t.config.adminLogin, password: t.config.adminPassword });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.login.account).toMatchObject({ login: t.config.adminLogin, role: 'ADMIN', active: true });
    const wrong = await t.anonymous.execute(LOGIN, { login: t.config.adminLogin, password: 'not-the-password' });
    const unknown = await t.anonymous.execute(LOGIN, { login: 'nobody-here', password: 'not-the-password' });
    expect(wrong.errors![0].extensions!.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.errors![0].message).toBe(wrong.errors![0].message);
  });

  it('stores passwords with scrypt and never in clear', async () => {
    const [row] = await t.rows('hub', 'select password_hash from account where login = $1', [t.config.adminLogin]);
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(t.config.adminPassword);
  });

  it('rotates refresh tokens and ends every session when a spent one comes back', async () => {
    // Its own account: the theft response ends every session of it (the administrator's would end this file's).
    await t.hub.runtime.access.accounts.register({ login: 'rotating', password: 'rotating-password-1', role: Role.ANALYST });
    const first = (await t.anonymous.data(LOGIN, { login: 'rotating', password: 'rotating-password-1' })).login;
    const REFRESH = 'mutation($r: String!) { refreshAccessToken(refreshToken: $r) { accessToken refreshToken } }';
    const second = (await t.anonymous.data(REFRESH, { r: first.refreshToken })).refreshAccessToken;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const replay = await t.anonymous.execute(REFRESH, { r: first.refreshToken });
    expect(replay.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    // The theft response also spent the rotated token.
    const after = await t.anonymous.execute(REFRESH, { r: second.refreshToken });
    expect(after.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('answers an invalid token with 401 UNAUTHENTICATED, not with anonymous data', async () => {
    const { status, body } = await post({ query: '{ viewer { kind } }' }, 'Bearer not-a-token');
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const anonymous = await post({ query: '{ viewer { kind role } }' });
    expect(anonymous.body.data.viewer).toEqual({ kind: 'anonymous', role: null });
  });

  it('changes a password: old tokens stop working, the new password logs in', async () => {
    const teacher = await t.as({ role: Role.TEACHER, employeeKey: 1 });
    const [{ login }] = await t.rows('hub', 'select login from account where id = $1', [teacher.accountId]);
    // The helper's password is unknown here: set a known one as the administrator would.
    await t.hub.runtime.access.accounts.setActive(teacher.accountId!, true, 'first-password-1');
    const session = (await t.anonymous.data(LOGIN, { login, password: 'first-password-1' })).login;
    const CHANGE = 'mutation { changePassword(oldPassword: "first-password-1", newPassword: "second-password-2") }';
    expect((await post({ query: CHANGE }, `Bearer ${session.accessToken}`)).body.data.changePassword).toBe(true);
    expect((await post({ query: '{ viewer { label } }' }, `Bearer ${session.accessToken}`)).status).toBe(401);
    const again = await t.anonymous.execute(LOGIN, { login, password: 'second-password-2' });
    expect(again.errors).toBeUndefined();
  });

  it('lets only administrators register accounts, and validates them', async () => {
    const student = await t.as({ role: Role.STUDENT, studentKey: 1 });
    const REGISTER = `mutation($input: RegisterAccountInput!) { registerAccount(input: $input) { id login role } }`;
    const forbidden = await student.execute(REGISTER, { input: { login: 'someone', password: 'long-enough-1', role: 'ANALYST' } });
    expect(forbidden.errors![0].extensions!.code).toBe('FORBIDDEN');
    const bad = await t.execute(REGISTER, { input: { login: 'x y', password: 'short', role: 'ANALYST' } });
    expect(bad.errors![0].extensions!.code).toBe('VALIDATION_FAILED');
    const noFaculty = await t.execute(REGISTER, { input: { login: 'dean-without-faculty', password: 'long-enough-1', role: 'DEAN' } });
    expect(noFaculty.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'facultyId' });
    expect(await t.rows('hub', `select 1 from account where login in ('someone', 'x y', 'dean-without-faculty')`)).toHaveLength(0);
    const ok = await t.data(REGISTER, { input: { login: 'analyst-2', password: 'long-enough-1', role: 'ANALYST' } });
    expect(ok.registerAccount).toMatchObject({ login: 'analyst-2', role: 'ANALYST' });
  });

  it('deactivates an account: its token stops working and its open subscription closes within seconds', async () => {
    const dean = await t.as({ role: Role.DEAN, facultyKey: 1 });
    const dashboard = openDashboard(dean.authorization!);
    await waitFor(() => dashboard.ticks() >= 1, 5000);
    await t.data('mutation($id: ID!) { deactivateAccount(id: $id) { active } }', { id: dean.accountId });
    expect(await dashboard.closed).toBe(4403);
    expect((await post({ query: '{ viewer { label } }' }, dean.authorization!)).status).toBe(401);
    await dashboard.client.dispose();
  });
});

describe('partner keys', () => {
  const ISSUE = `mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { key apiKey { id name role purpose readDomains personalFields revokedAt } } }`;

  it('issues a key once, stores only its hash, and accepts it as ApiKey or X-Api-Key', async () => {
    const issued = (await t.data(ISSUE, { input: { name: 'Library (Koha)', role: 'LIBRARY', purpose: 'Circulation and clearance of students' } })).issueApiKey;
    expect(issued.key).toMatch(/^cgk_[0-9a-f]{12}_/);
    expect(issued.apiKey).toMatchObject({ role: 'LIBRARY', readDomains: ['ORGANISATION', 'LIBRARY', 'STUDENTS'], revokedAt: null });
    const stored = await t.rows('hub', 'select key_hash, prefix from api_key where id = $1', [issued.apiKey.id]);
    // The secret is everything after the prefix (base64url: it may itself hold underscores).
    expect(JSON.stringify(stored)).not.toContain(issued.key.split('_').slice(2).join('_'));
    const viaHeader = await post({ query: '{ viewer { kind label role } }' }, `ApiKey ${issued.key}`);
    expect(viaHeader.body.data.viewer).toEqual({ kind: 'apiKey', label: 'Library (Koha)', role: 'LIBRARY' });
    const response = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': issued.key }, body: JSON.stringify({ query: '{ viewer { role } }' }) });
    expect(((await response.json()) as any).data.viewer.role).toBe('LIBRARY');
  });

  it('refuses keys without a purpose, for administrators, or already expired', async () => {
    for (const input of [
      { name: 'x', role: 'LIBRARY', purpose: 'short' },
      { name: 'x', role: 'ADMIN', purpose: 'a long enough purpose' },
      { name: 'x', role: 'LIBRARY', purpose: 'a long enough purpose', expiresAt: '2020-01-01T00:00:00Z' },
    ]) {
      const result = await t.execute(ISSUE, { input });
      expect(result.errors![0].extensions!.code).toBe('VALIDATION_FAILED');
    }
  });

  it("closes a revoked key's socket within seconds, and refuses the key afterwards", async () => {
    const key = await t.as({ role: Role.DORMITORY, apiKey: true });
    const dashboard = openDashboard(key.authorization!);
    await waitFor(() => dashboard.ticks() >= 1, 5000);
    await t.data('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: key.keyId });
    expect(await dashboard.closed).toBe(4403);
    const after = await post({ query: '{ viewer { role } }' }, key.authorization!);
    expect(after.status).toBe(401);
    await dashboard.client.dispose();
  });

  it('closes the socket of a key revoked directly in the database (another instance) within seconds', async () => {
    const key = await t.as({ role: Role.REGISTRAR, apiKey: true });
    const dashboard = openDashboard(key.authorization!);
    await waitFor(() => dashboard.ticks() >= 1, 5000);
    await t.rows('hub', 'update api_key set revoked_at = now(), changed_at = now() where id = $1', [key.keyId]);
    expect(await dashboard.closed).toBe(4403);
    await dashboard.client.dispose();
  });

  it('refuses a WebSocket connection with bad credentials', async () => {
    const dashboard = openDashboard('ApiKey cgk_000000000000_' + 'x'.repeat(43));
    expect(await dashboard.closed).toBe(4403);
    await dashboard.client.dispose();
  });
});

describe('guessing', () => {
  it('slows password guessing without locking the owner out: after 10 failures the right password still logs in', async () => {
    const REGISTER = `mutation($input: RegisterAccountInput!) { registerAccount(input: $input) { id } }`;
    await t.data(REGISTER, { input: { login: 'guessed', password: 'the-right-one-1', role: 'ANALYST' } });
    for (let i = 0; i < 10; i++) {
      const wrong = await t.anonymous.execute(LOGIN, { login: 'guessed', password: `wrong-${i}-password` });
      expect(wrong.errors![0].extensions!.code).toBe('INVALID_CREDENTIALS');
    }
    // Delayed (LOGIN_DELAY_*; test/integration/hardening/credentials.test.ts measures the delays), not refused.
    const owner = await t.anonymous.execute(LOGIN, { login: 'guessed', password: 'the-right-one-1' });
    expect(owner.errors).toBeUndefined();
    expect(owner.data.login.account.login).toBe('guessed');
    // Other logins are not affected.
    const other = await t.anonymous.execute(LOGIN, { login: t.config.adminLogin, password: t.config.adminPassword });
    expect(other.errors).toBeUndefined();
  });

  it('answers 429 to an address that keeps sending bad keys', async () => {
    // Earlier tests of this file already spent part of this address's budget of 20 failures.
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await post({ query: '{ viewer { kind } }' }, `ApiKey cgk_000000000000_${'y'.repeat(43)}`)).status);
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThan(0);
    expect(statuses.slice(0, first429).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(first429).every((s) => s === 429)).toBe(true);
  });
});
