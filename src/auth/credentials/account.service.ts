/**
 * Accounts, logins and partner keys (regulation 5.6). Each function validates everything first
 * and writes in one transaction, so a failed call changes nothing; the access registry is
 * refreshed right after a change so it takes effect on this instance at once (and on the others
 * within ACCESS_REFRESH_MS).
 */
import type pg from 'pg';
import type { Config } from '../../config';
import { ErrorCode, HubError, validationFailed } from '../../common/errors';
import type { PersonalDataKind } from '../../domain/access';
import { Domain, Role, type Viewer } from '../viewer';
import type { AccessRegistry } from './access-registry';
import type { AccessTokens } from './access-tokens';
import { hashPassword, newApiKey, newRefreshToken, sha256, verifyPassword } from './secrets';
import { withTransaction } from '../../db/transaction';
import { LoginThrottle } from './login-throttle';
import { PasswordChecks } from './password-checks';

export interface AuthResult {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  accountId: string;
}

export interface NewAccount {
  login: string;
  password: string;
  role: Role;
  /** Row limits and links, already resolved from global IDs by the caller. */
  employeeKey?: number | null;
  studentKey?: number | null;
  facultyKey?: number | null;
  chairKey?: number | null;
  personKey?: number | null;
}

export interface NewApiKey {
  name: string;
  role: Role;
  purpose: string;
  read?: Domain[] | null;
  write?: Domain[] | null;
  personal?: PersonalDataKind[] | null;
  facultyKey?: number | null;
  expiresAt?: Date | null;
}

const LOGIN = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const PERSONAL_KINDS: PersonalDataKind[] = ['pin', 'passport', 'phone', 'address', 'birthDate', 'photo', 'email'];

type AccountConfig = Pick<
  Config,
  'refreshTokenTtlSeconds' | 'loginDelayBaseMs' | 'loginDelayMaxMs' | 'loginDelayPerLoginMaxMs' | 'passwordCheckConcurrency' | 'passwordSuspectChecksPerSecond' | 'loginWaitingMax'
>;

/** Longest password any account can have (checkPassword): a longer one is wrong without hashing it. */
const MAX_PASSWORD = 200;
/** Longest login name (LOGIN): a longer one names no account. */
const MAX_LOGIN = 64;

export class AccountService {
  /** Growing delays for failing logins, per login and address and per login (login-throttle.ts). */
  readonly throttle: LoginThrottle;
  /** Every scrypt call of this instance goes through here: a bounded number at once. */
  readonly passwordChecks: PasswordChecks;

  constructor(
    private readonly hub: pg.Pool,
    private readonly tokens: AccessTokens,
    private readonly registry: AccessRegistry,
    private readonly config: AccountConfig,
  ) {
    this.throttle = new LoginThrottle({
      baseMs: config.loginDelayBaseMs,
      maxMs: config.loginDelayMaxMs,
      perLoginMaxMs: config.loginDelayPerLoginMaxMs,
      waitingMax: config.loginWaitingMax,
    });
    this.passwordChecks = new PasswordChecks(config.passwordCheckConcurrency, config.passwordSuspectChecksPerSecond);
  }

  /**
   * Logs in. `address` is the client's (src/server/client-address.ts; in-process callers have
   * none): failing attempts are slowed per login and address, never locked out. Throws
   * INVALID_CREDENTIALS (the same for an unknown login, a wrong password and a deactivated
   * account) or RATE_LIMITED when the attempt was refused without a check.
   */
  async login(login: string, password: string, address = 'in-process'): Promise<AuthResult> {
    const name = login.trim().toLowerCase().slice(0, MAX_LOGIN + 1);
    const attempt = await this.throttle.admit(name, address);
    let outcome: 'succeeded' | 'failed' | 'error' = 'error';
    try {
      const possible = name.length <= MAX_LOGIN && password.length <= MAX_PASSWORD;
      const { rows } = possible ? await this.hub.query('select id::text, password_hash, active from account where login = $1', [name]) : { rows: [] };
      const account = rows[0];
      // Same answer (and a hash's worth of time) whether the login exists or not.
      const ok = possible && (await this.passwordChecks.run(() => verifyPassword(password, account ? account.password_hash : DUMMY_HASH), { suspect: attempt.suspect }));
      if (!account || !ok || !account.active) {
        outcome = 'failed';
        throw new HubError(ErrorCode.INVALID_CREDENTIALS, 'Login or password is wrong, or the account is deactivated.');
      }
      const result = await this.issueTokens(account.id);
      outcome = 'succeeded';
      return result;
    } finally {
      attempt.settle(outcome);
    }
  }

  private hash(password: string): Promise<string> {
    return this.passwordChecks.run(() => hashPassword(password));
  }

  /** Rotates a refresh token: the old one is spent; reusing a spent one revokes all of the account's. */
  async refresh(refreshToken: string): Promise<AuthResult> {
    const outcome = await withTransaction(this.hub, async (client) => {
      const { rows } = await client.query(
        `select r.id, r.account_id::text, r.expires_at, r.used_at, r.revoked_at, a.active from refresh_token r join account a on a.id = r.account_id
          where r.token_hash = $1 for update of r`,
        [sha256(refreshToken)],
      );
      const token = rows[0];
      if (!token) throw new HubError(ErrorCode.UNAUTHENTICATED, 'Unknown refresh token; log in again.');
      // Ended on purpose (deactivation, password change, an earlier theft response): refused, and
      // no new theft response — the sessions opened since stay.
      if (token.revoked_at) throw new HubError(ErrorCode.UNAUTHENTICATED, 'This refresh token was revoked when the sessions of its account ended; log in again.');
      if (token.used_at) {
        // A spent token presented again: someone else may hold it. End every session of the account
        // (committed: the refusal below must not undo it). Every refresh token of the account so far is revoked, this one too: presented again, it is
        // refused plainly — one theft response per stolen token, not one per replay (which would
        // let a thief end the owner's new sessions over and over).
        await client.query('update refresh_token set revoked_at = now() where account_id = $1 and revoked_at is null', [token.account_id]);
        // …and its access tokens: a new session epoch refuses every token issued before.
        await client.query('update account set session_epoch = session_epoch + 1, changed_at = now() where id = $1', [token.account_id]);
        return { reused: true as const };
      }
      if (!token.active || token.expires_at.getTime() <= Date.now()) throw new HubError(ErrorCode.UNAUTHENTICATED, 'The refresh token has expired or the account is deactivated; log in again.');
      await client.query('update refresh_token set used_at = now() where id = $1', [token.id]);
      return { result: await this.issueTokens(token.account_id, client) };
    }, 'hub');
    if ('reused' in outcome) {
      // At once on this instance (and its sockets close); other instances within ACCESS_REFRESH_MS.
      await this.registry.refresh();
      throw new HubError(ErrorCode.UNAUTHENTICATED, 'This refresh token was already used; all sessions of the account were ended. Log in again.');
    }
    return outcome.result;
  }

  async changePassword(viewer: Viewer, oldPassword: string, newPassword: string): Promise<void> {
    if (viewer.kind !== 'account' || !viewer.id) throw new HubError(ErrorCode.FORBIDDEN, 'Only an account can change its password.');
    checkPassword(newPassword, 'newPassword');
    const { rows } = await this.hub.query('select password_hash from account where id = $1', [viewer.id]);
    if (!rows[0] || oldPassword.length > MAX_PASSWORD || !(await this.passwordChecks.run(() => verifyPassword(oldPassword, rows[0].password_hash)))) {
      throw new HubError(ErrorCode.INVALID_CREDENTIALS, 'The current password is wrong.', { field: 'oldPassword' });
    }
    await this.hub.query(
      `update account set password_hash = $2, password_changed_at = now(), session_epoch = session_epoch + 1, changed_at = now() where id = $1`,
      [viewer.id, await this.hash(newPassword)],
    );
    await this.revokeRefreshTokens(viewer.id);
    await this.registry.refresh();
  }

  async register(input: NewAccount): Promise<string> {
    const login = input.login.trim().toLowerCase();
    if (!LOGIN.test(login)) throw validationFailed('login: 2 to 64 characters, lower-case letters, digits, ".", "_" or "-".', 'login');
    checkPassword(input.password, 'password');
    if (!Object.values(Role).includes(input.role)) throw validationFailed('Unknown role.', 'role');
    const needs: Partial<Record<Role, [keyof NewAccount, string]>> = {
      [Role.DEAN]: ['facultyKey', 'facultyId'],
      [Role.CHAIR]: ['chairKey', 'chairId'],
      [Role.TEACHER]: ['employeeKey', 'employeeId'],
      [Role.STUDENT]: ['studentKey', 'studentId'],
    };
    const need = needs[input.role];
    if (need && input[need[0]] == null) throw validationFailed(`A ${input.role} account needs \`${need[1]}\`.`, need[1]);
    try {
      const { rows } = await this.hub.query(
        `insert into account (login, password_hash, role, person_id, employee_key, student_key, faculty_key, chair_key)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id::text`,
        [login, await this.hash(input.password), input.role, input.personKey ?? null, input.employeeKey ?? null,
          input.studentKey ?? null, input.facultyKey ?? null, input.chairKey ?? null],
      );
      await this.registry.refresh();
      return rows[0].id;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw validationFailed(`The login "${login}" is taken.`, 'login');
      throw error;
    }
  }

  /**
   * Deactivates (active = false) or re-activates an account, optionally with a new password.
   * Deactivation and a new password start a new session epoch: every token issued before stays
   * refused, also after a later reactivation (which alone never brings old tokens back).
   */
  async setActive(accountId: string, active: boolean, newPassword?: string | null): Promise<void> {
    if (newPassword != null) checkPassword(newPassword, 'newPassword');
    const hash = newPassword != null ? await this.hash(newPassword) : null;
    const { rowCount } = await this.hub.query(
      `update account set active = $2, changed_at = now(),
              password_hash = coalesce($3, password_hash),
              password_changed_at = case when $3::text is null then password_changed_at else now() end,
              session_epoch = session_epoch + case when not $2 or $3::text is not null then 1 else 0 end
        where id = $1`,
      [accountId, active, hash],
    );
    if (!rowCount) throw new HubError(ErrorCode.VALIDATION_FAILED, 'No such account.', { field: 'id' });
    if (!active || hash !== null) await this.revokeRefreshTokens(accountId);
    await this.registry.refresh();
  }

  /** Ends the account's refresh tokens on purpose (not a theft signal when presented later). */
  private async revokeRefreshTokens(accountId: string): Promise<void> {
    await this.hub.query('update refresh_token set revoked_at = now() where account_id = $1 and used_at is null and revoked_at is null', [accountId]);
  }

  async issueApiKey(input: NewApiKey, createdBy: string | null): Promise<{ id: string; key: string }> {
    if (!input.name.trim()) throw validationFailed('A key needs a name (the unit or system that uses it).', 'name');
    if (input.purpose.trim().length < 10) throw validationFailed('State the purpose of the key (at least 10 characters): it is audited with every personal-data read.', 'purpose');
    if (input.role === Role.ADMIN) throw validationFailed('Partner keys cannot be administrators.', 'role');
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw validationFailed('expiresAt must be in the future.', 'expiresAt');
    for (const kind of input.personal ?? []) if (!PERSONAL_KINDS.includes(kind)) throw validationFailed(`Unknown personal field "${kind}".`, 'personalFields');
    const { key, prefix, hash } = newApiKey();
    const { rows } = await this.hub.query(
      `insert into api_key (name, role, prefix, key_hash, purpose, read_domains, write_domains, personal_fields, faculty_key, expires_at, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id::text`,
      [input.name.trim(), input.role, prefix, hash, input.purpose.trim(), input.read ?? null, input.write ?? null, input.personal ?? null,
        input.facultyKey ?? null, input.expiresAt ?? null, createdBy],
    );
    await this.registry.refresh();
    return { id: rows[0].id, key };
  }

  async revokeApiKey(id: string): Promise<void> {
    const { rowCount } = await this.hub.query('update api_key set revoked_at = coalesce(revoked_at, now()), changed_at = now() where id = $1', [id]);
    if (!rowCount) throw new HubError(ErrorCode.VALIDATION_FAILED, 'No such API key.', { field: 'id' });
    await this.registry.refresh();
  }

  private async issueTokens(accountId: string, client: pg.Pool | pg.PoolClient = this.hub): Promise<AuthResult> {
    await this.registry.refresh();
    const account = this.registry.account(accountId);
    if (!account) throw new HubError(ErrorCode.INVALID_CREDENTIALS, 'Login or password is wrong, or the account is deactivated.');
    const access = await this.tokens.issue({ accountId, sessionEpoch: account.sessionEpoch });
    const refreshToken = newRefreshToken();
    const refreshTokenExpiresAt = new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000);
    await client.query('insert into refresh_token (account_id, token_hash, expires_at) values ($1, $2, $3)', [accountId, sha256(refreshToken), refreshTokenExpiresAt]);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt, accountId };
  }
}

function checkPassword(password: string, field: string): void {
  if (password.length < 10) throw validationFailed('Passwords need at least 10 characters.', field);
  if (password.length > 200) throw validationFailed('Passwords may have at most 200 characters.', field);
}

// A real scrypt hash of a random password: login of an unknown user costs the same time.
const DUMMY_HASH = 'scrypt$32768$8$1$2b1VxG0Jm0dW1t7mU5cQXA$M5m2N8v8iZ7cfm0o0N6bLVfUaWcJ7dX0F9W7c5hS8nA';
