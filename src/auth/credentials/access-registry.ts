/**
 * Every instance keeps the accounts and API keys in memory and re-reads what changed every few
 * seconds (`changed_at`), so resolving a viewer costs no statement per request, and a revocation
 * made on any instance reaches every instance — and closes the sockets it concerns — within
 * seconds.
 */
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { PersonalDataKind } from '../../domain/access';
import { logger } from '../../common/logger';
import { ErrorCode, HubError } from '../../common/errors';
import { scopeFor } from '../roles';
import { ANONYMOUS, Domain, Role, type Viewer } from '../viewer';
import type { AccessTokens } from './access-tokens';
import { parseApiKey, sameDigest } from './secrets';

export interface AccountRecord {
  id: string;
  login: string;
  role: Role;
  active: boolean;
  /** Tokens carry the epoch they were issued in; only the current one is accepted (access-tokens.ts). */
  sessionEpoch: number;
  personKey: number | null;
  employeeKey: number | null;
  studentKey: number | null;
  facultyKey: number | null;
  chairKey: number | null;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  keyHash: string;
  purpose: string;
  read: Domain[] | null;
  write: Domain[] | null;
  personal: PersonalDataKind[] | null;
  facultyKey: number | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** A resolved viewer and until when its credentials hold (sockets close then). */
export interface Authenticated {
  viewer: Viewer;
  expiresAt: Date | null;
}

export class AccessRegistry extends EventEmitter {
  private accounts = new Map<string, AccountRecord>();
  private keysByPrefix = new Map<string, ApiKeyRecord>();
  private lastSeen = new Date(0);
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly hub: pg.Pool, private readonly tokens: AccessTokens, private readonly refreshMs: number) {
    super();
  }

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error) => logger.warn('Access registry refresh failed', { error: String(error?.message ?? error) }));
    }, this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Re-reads the accounts and keys changed since the last read; announces revocations. */
  async refresh(): Promise<void> {
    // Overlap the window a little: rows committed late with an older changed_at are not missed.
    const since = new Date(this.lastSeen.getTime() - 5000);
    const started = new Date();
    const [accounts, keys] = await Promise.all([
      this.hub.query(
        `select a.id::text, a.login, a.role, a.active, a.session_epoch, a.person_id, a.employee_key,
                a.student_key, a.faculty_key, a.chair_key, a.changed_at from account a where a.changed_at >= $1`,
        [since],
      ),
      this.hub.query(
        `select k.id::text, k.name, k.role, k.prefix, k.key_hash, k.purpose, k.read_domains, k.write_domains, k.personal_fields,
                k.faculty_key, k.expires_at, k.revoked_at, k.changed_at from api_key k where k.changed_at >= $1`,
        [since],
      ),
    ]);
    for (const row of accounts.rows) {
      const record: AccountRecord = {
        id: row.id, login: row.login, role: row.role, active: row.active, sessionEpoch: row.session_epoch,
        personKey: row.person_id === null ? null : Number(row.person_id), employeeKey: row.employee_key, studentKey: row.student_key,
        facultyKey: row.faculty_key, chairKey: row.chair_key,
      };
      const before = this.accounts.get(record.id);
      this.accounts.set(record.id, record);
      if (before && (!record.active || record.sessionEpoch !== before.sessionEpoch || record.role !== before.role)) {
        this.emit('revoked', { kind: 'account', id: record.id });
      }
    }
    for (const row of keys.rows) {
      const record: ApiKeyRecord = {
        id: row.id, name: row.name, role: row.role, prefix: row.prefix, keyHash: row.key_hash, purpose: row.purpose,
        read: row.read_domains, write: row.write_domains, personal: row.personal_fields, facultyKey: row.faculty_key,
        expiresAt: row.expires_at, revokedAt: row.revoked_at,
      };
      const before = this.keysByPrefix.get(record.prefix);
      this.keysByPrefix.set(record.prefix, record);
      if (before && record.revokedAt && !before.revokedAt) this.emit('revoked', { kind: 'apiKey', id: record.id });
    }
    this.lastSeen = started;
  }

  account(id: string): AccountRecord | undefined {
    return this.accounts.get(id);
  }

  /**
   * The viewer of an `Authorization` header value (`Bearer <access token>` or `ApiKey <key>`),
   * anonymous without one. Invalid, expired or revoked credentials are an UNAUTHENTICATED error,
   * never a silent downgrade to anonymous.
   */
  async authenticate(authorization: string | null | undefined): Promise<Authenticated> {
    if (!authorization) return { viewer: ANONYMOUS, expiresAt: null };
    const [scheme, value] = authorization.trim().split(/\s+/, 2);
    if (/^apikey$/i.test(scheme) && value) return this.byKey(value);
    if (/^bearer$/i.test(scheme) && value) return value.startsWith('cgk_') ? this.byKey(value) : this.byToken(value);
    throw unauthenticated('Send `Authorization: Bearer <access token>` or `Authorization: ApiKey <key>`.');
  }

  private async byToken(token: string): Promise<Authenticated> {
    const claims = await this.tokens.verify(token);
    if (!claims) throw unauthenticated('The access token is invalid or expired; log in again or use your refresh token.');
    let account = this.accounts.get(claims.accountId);
    if (!account || account.sessionEpoch < claims.sessionEpoch) {
      // Issued by another instance after our last refresh: catch up once before refusing.
      await this.refresh();
      account = this.accounts.get(claims.accountId);
    }
    if (!account || !account.active || account.sessionEpoch !== claims.sessionEpoch) {
      throw unauthenticated('The sessions of this account have ended (deactivated, password changed, or a refresh token was reused); log in again.');
    }
    const exp = decodeExpiry(token);
    return { viewer: accountViewer(account), expiresAt: exp };
  }

  private byKey(key: string): Authenticated {
    const parsed = parseApiKey(key);
    const record = parsed ? this.keysByPrefix.get(parsed.prefix) : undefined;
    if (!parsed || !record || !sameDigest(record.keyHash, parsed.secretHash)) throw unauthenticated('Unknown API key.');
    if (record.revokedAt) throw unauthenticated('This API key has been revoked.');
    if (record.expiresAt && record.expiresAt.getTime() <= Date.now()) throw unauthenticated('This API key has expired.');
    return { viewer: keyViewer(record), expiresAt: record.expiresAt };
  }
}

export function accountViewer(account: AccountRecord): Viewer {
  return {
    kind: 'account',
    id: account.id,
    label: account.login,
    role: account.role,
    purpose: null,
    scope: scopeFor(account.role, {
      facultyKey: account.facultyKey, chairKey: account.chairKey, employeeKey: account.employeeKey,
      studentKey: account.studentKey, personKey: account.personKey,
    }),
  };
}

export function keyViewer(key: ApiKeyRecord): Viewer {
  return {
    kind: 'apiKey',
    id: key.id,
    label: key.name,
    role: key.role,
    purpose: key.purpose,
    scope: scopeFor(key.role, { facultyKey: key.facultyKey }, { read: key.read, write: key.write, personal: key.personal }),
  };
}

function unauthenticated(message: string): HubError {
  return new HubError(ErrorCode.UNAUTHENTICATED, message);
}

function decodeExpiry(token: string): Date | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    return typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : null;
  } catch {
    return null;
  }
}
