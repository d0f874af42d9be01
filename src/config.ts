/**
 * Configuration: read from the environment once, validated as a whole (every mistake is reported,
 * not just the first), then frozen. No other module reads process.env.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { isTimeZone, type BusinessTimeSettings } from './common/business-time';

/**
 * The embedded demo university's "today": its generator writes the state of the university at
 * this date (src/demo/calendar.ts), so the embedded demo keeps it as the business date.
 */
export const DEMO_REFERENCE_DATE = '2026-11-27';

/** Starting minute of each lesson pair ("пара", 80 minutes) of the day, pair 1 at index 1: the default timetable, the demo's. */
export const PARA_START = [0, 8 * 60, 9 * 60 + 30, 11 * 60, 12 * 60 + 50, 14 * 60 + 20, 15 * 60 + 50, 17 * 60 + 20];

/** The six databases the hub works with: its own and the five source systems. */
export const DATABASE_NAMES = ['hub', 'avn', 'qrvisit', 'library', 'dormitory', 'registrar'] as const;
export type DatabaseName = (typeof DATABASE_NAMES)[number];
/** The five source systems (every database but the hub's own). */
export const SOURCE_NAMES = ['avn', 'qrvisit', 'library', 'dormitory', 'registrar'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];


export interface DatabaseConfig {
  /** Connection URL; for embedded databases it is filled in once the embedded server is up. */
  readonly url: string | null;
  /** True when the URL came from configuration: the hub then never seeds or reshapes it. */
  readonly external: boolean;
}

/**
 * Which proxies in front of the hub may name the client in `X-Forwarded-For`
 * (src/server/client-address.ts): none (the socket's peer is the client), a number of hops, or
 * the proxies' addresses and ranges.
 */
export type TrustProxy = null | { readonly hops: number } | { readonly ranges: readonly string[] };

/**
 * The published demo values of the secrets. They are used only when every database is the
 * embedded demo cluster; anywhere else (and in production) the operator must choose their own.
 */
export const DEMO_SECRETS = Object.freeze({
  AUTH_SECRET: 'campus-graph-demo-secret-change-me-in-production',
  ADMIN_PASSWORD: 'admin-demo-2026',
  IDENTITY_PIN_KEY: 'campus-graph-demo-pin-key',
});

/** IDENTITY_PIN_KEY of the demo; also the opaque IDs' and cursors' default key before a hub starts. */
export const DEMO_IDENTITY_PIN_KEY = DEMO_SECRETS.IDENTITY_PIN_KEY;

export interface Config {
  readonly host: string;
  readonly port: number;
  /** Folder for the embedded PostgreSQL cluster (git-ignored). */
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  readonly databases: Readonly<Record<DatabaseName, DatabaseConfig>>;
  /** True when every database is the embedded demo cluster (no DATABASE_URL_*): only then do demo secrets work. */
  readonly embeddedDemo: boolean;
  /** Demo university size: 1 is close to KNU's real size, 0.01 is a small test set. */
  readonly demoScale: number;
  readonly demoSeed: number;
  /**
   * Secret mixed into the PIN digests of the identity registry; the keys of the opaque global IDs
   * and cursors are derived from it too (src/domain/opaque-keys.ts).
   */
  readonly identityPinKey: string;
  readonly graphiql: boolean;
  readonly introspection: boolean;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Milliseconds a source may take to hand out a connection before it counts as down. */
  readonly sourceConnectTimeoutMs: number;
  /** Milliseconds one statement may run before it is cancelled. */
  readonly statementTimeoutMs: number;
  readonly maxPageSize: number;
  /**
   * Statistics: a group counting fewer distinct people than this has its measures withheld from
   * viewers without personal-data scope (src/hub/statistics/disclosure.ts); 1 turns the rule off.
   */
  readonly statisticsMinGroupSize: number;
  /** The limits of a request, for authenticated callers and (stricter) for anonymous ones (src/server/safety/request-limits.ts). */
  readonly limits: Readonly<{ authenticated: RequestLimitSettings; anonymous: RequestLimitSettings }>;
  /** Anonymous reads a minute of all anonymous callers together, per instance (0 = no such limit). */
  readonly anonymousTotalPerMinute: number;
  /** How many of them may come at once (the shared bucket's size). */
  readonly anonymousTotalBurst: number;
  /** Largest WebSocket message, in bytes (the socket is closed with 1009 beyond); HTTP bodies: `limits.*.maxRequestBytes`. */
  readonly maxRequestBytes: number;
  /** Connections of each database's read pool. */
  readonly sourcePoolSize: number;
  /** Statements one caller (key, account or address) may run at once on one source. */
  readonly sourceSlotsPerCaller: number;
  /** Statements all anonymous callers together may run at once on one source. */
  readonly anonymousSourceSlots: number;
  /** Statements one caller may have waiting for a source at once (SOURCE_BUSY beyond). */
  readonly sourceQueuePerCaller: number;
  /** How long a statement may wait for its caller's share of a source (SOURCE_BUSY after). */
  readonly sourceQueueTimeoutMs: number;
  /** Manifest of trusted operations; when set, only those run (absolute path; null = any operation). */
  readonly trustedOperations: string | null;
  /** Secret that signs access tokens (HS256). */
  readonly authSecret: string;
  /** The first administrator, created at start when no administrator account exists. */
  readonly adminLogin: string;
  readonly adminPassword: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  /** Create one demo account per role on the demo university (README lists them). */
  readonly demoAccounts: boolean;
  /** How often each instance re-reads accounts and keys (revocations take effect within this). */
  readonly accessRefreshMs: number;
  /** Which proxies may name the client in X-Forwarded-For (null: none; the socket's peer is the client). */
  readonly trustProxy: TrustProxy;
  /** First delay (ms) of a login that keeps failing from one address; it doubles with each further failure. */
  readonly loginDelayBaseMs: number;
  /** Longest delay (ms) before a login and address that keep failing may try again. */
  readonly loginDelayMaxMs: number;
  /** Longest delay (ms) failures from other addresses may add to a login (what the owner elsewhere may wait). */
  readonly loginDelayPerLoginMaxMs: number;
  /** Password checks (scrypt, 32 MiB each) running at once on this instance. */
  readonly passwordCheckConcurrency: number;
  /** Password checks a second for suspects (a login or address that failed recently), one at a time; 0 = no pacing. */
  readonly passwordSuspectChecksPerSecond: number;
  /** Login attempts waiting (for their delay or a password check) at once on this instance; more are refused (RATE_LIMITED). */
  readonly loginWaitingMax: number;
  /** Seconds over which repeated failed logins from one address are summed into one audit entry. */
  readonly loginAuditWindowSeconds: number;
  /** Hours a source keeps a captured change after the hub ingested it (then it is deleted there; the hub's event log keeps it). */
  readonly changeRetentionHours: number;
  /** Seconds each QR check-in token lives before the next one replaces it (lesson sessions). */
  readonly qrRotateSeconds: number;
  /** Seconds the previous QR token stays valid after it rotated (a scan in flight still counts). */
  readonly qrGraceSeconds: number;
  /** Add each request's SQL statement counts per database to HTTP responses (`extensions.sqlStatements`; benchmarks only). */
  readonly statementCounts: boolean;
  /** What executes queries over HTTP: graphql-jit (compiled once per document) or plain graphql-js (mutations always run on graphql-js). */
  readonly executor: 'graphql-jit' | 'graphql-js';
  /**
   * The institution's business date and time zone ("today" of every answer: src/common/business-time.ts).
   * `date` null = the real clock; the embedded demo pins the generator's date unless configured.
   */
  readonly businessTime: BusinessTimeSettings;
  /** Starting minute of the day of each lesson period (пара 1, 2, …), in the institution's zone. */
  readonly lessonPeriodStarts: readonly number[];
  /** Length of a lesson period in minutes. */
  readonly lessonPeriodMinutes: number;
  /** How many minutes before its period a lesson's QR session may open. */
  readonly qrOpenBeforeMinutes: number;
  /** A check-in more than this many minutes after the period's start marks the student late. */
  readonly qrLateAfterMinutes: number;
}

/** One profile of request limits (authenticated or anonymous). */
export interface RequestLimitSettings {
  /** Largest HTTP request body, in bytes (413 beyond). */
  readonly maxRequestBytes: number;
  /** Longest operation text, in characters (refused before it is read token by token). */
  readonly maxDocumentChars: number;
  readonly maxDepth: number;
  readonly maxCost: number;
  readonly maxTokens: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  readonly maxRootFields: number;
  /** SQL statements one request may send to all sources together. */
  readonly maxStatements: number;
  readonly ratePerMinute: number;
  readonly rateBurst: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parses and validates configuration from an environment (process.env by default). */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const num = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      problems.push(`${name} must be a number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const trustProxy = (): TrustProxy => {
    const raw = (env.TRUST_PROXY ?? '').trim();
    if (raw === '') return null;
    if (/^\d+$/.test(raw)) {
      const hops = Number(raw);
      if (hops > 32) problems.push(`TRUST_PROXY as a hop count must be from 0 to 32 (got "${raw}")`);
      return hops === 0 || hops > 32 ? null : { hops };
    }
    const ranges: string[] = [];
    for (const entry of raw.split(',').map((e) => e.trim()).filter(Boolean)) {
      if (entry === 'loopback') {
        ranges.push('127.0.0.0/8', '::1/128');
        continue;
      }
      const [address, prefix, extra] = entry.split('/');
      const family = net.isIP(address);
      const bits = family === 4 ? 32 : 128;
      const valid = family !== 0 && extra === undefined && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits));
      if (!valid) {
        problems.push(`TRUST_PROXY must be a hop count or a comma list of proxy addresses or CIDR ranges (e.g. "10.0.0.0/8, ::1") or "loopback" (bad entry "${entry}")`);
        continue;
      }
      ranges.push(prefix === undefined ? `${address}/${bits}` : entry);
    }
    return ranges.length ? { ranges } : null;
  };

  /** BUSINESS_DATE: YYYY-MM-DD (that date, real time of day), YYYY-MM-DDTHH:MM (a clock started there), `clock` (the real clock). */
  const businessDate = (fallback: BusinessTimeSettings['date']): BusinessTimeSettings['date'] => {
    const raw = (env.BUSINESS_DATE ?? '').trim();
    if (raw === '') return fallback;
    if (raw === 'clock') return null;
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(raw);
    const [y, m, d, hh, mm] = (match ?? []).slice(1).map((v) => (v === undefined ? undefined : Number(v)));
    const calendarDay = match !== null && new Date(Date.UTC(y!, m! - 1, d!)).toISOString().slice(0, 10) === raw.slice(0, 10);
    if (!calendarDay || (hh !== undefined && (hh > 23 || mm! > 59))) {
      problems.push(`BUSINESS_DATE must be a date YYYY-MM-DD, a date and time YYYY-MM-DDTHH:MM, or "clock" for the real clock (got "${raw}")`);
      return fallback;
    }
    return { date: raw.slice(0, 10), startMinute: hh === undefined ? null : hh * 60 + mm! };
  };
  const timeZone = (): string => {
    const raw = (env.BUSINESS_TIME_ZONE ?? '').trim() || 'Asia/Bishkek';
    if (!isTimeZone(raw)) problems.push(`BUSINESS_TIME_ZONE must be an IANA time zone such as Asia/Bishkek (got "${raw}")`);
    return isTimeZone(raw) ? raw : 'Asia/Bishkek';
  };
  /** LESSON_PERIOD_STARTS: "08:00,09:30,…", strictly increasing times of day. */
  const periodStarts = (): number[] => {
    const fallback = PARA_START.slice(1);
    const raw = (env.LESSON_PERIOD_STARTS ?? '').trim();
    if (raw === '') return fallback;
    const minutes = raw.split(',').map((part) => {
      const match = /^(\d{1,2}):(\d{2})$/.exec(part.trim());
      return match && Number(match[1]) < 24 && Number(match[2]) < 60 ? Number(match[1]) * 60 + Number(match[2]) : NaN;
    });
    if (minutes.some((m, i) => Number.isNaN(m) || (i > 0 && m <= minutes[i - 1]))) {
      problems.push(`LESSON_PERIOD_STARTS must be a comma list of increasing times of day HH:MM, e.g. "08:00,09:30,11:00" (got "${raw}")`);
      return fallback;
    }
    return minutes;
  };

  const databases = {} as Record<DatabaseName, DatabaseConfig>;
  for (const name of DATABASE_NAMES) {
    const key = `DATABASE_URL_${name.toUpperCase()}`;
    const raw = env[key];
    if (raw === undefined || raw === '') {
      databases[name] = { url: null, external: false };
      continue;
    }
    try {
      const url = new URL(raw);
      if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
        problems.push(`${key} must be a postgres:// or postgresql:// URL (got protocol "${url.protocol}")`);
      } else if (url.pathname.length <= 1) {
        problems.push(`${key} must name a database in its path, e.g. postgres://host:5432/${name}`);
      }
      databases[name] = { url: raw, external: true };
    } catch {
      problems.push(`${key} is not a valid URL`);
      databases[name] = { url: null, external: false };
    }
  }

  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of debug, info, warn, error (got "${env.LOG_LEVEL}")`);
  }
  const production = env.NODE_ENV === 'production';
  // Demo secrets are published (README): they may only protect the embedded demo university.
  const embeddedDemo = DATABASE_NAMES.every((name) => !databases[name].external);
  /** A secret the operator chose: set, and not the published demo value. */
  const chosen = (name: keyof typeof DEMO_SECRETS) => Boolean(env[name]) && env[name] !== DEMO_SECRETS[name];
  const executor = (env.EXECUTOR || 'graphql-jit') as Config['executor'];
  if (executor !== 'graphql-jit' && executor !== 'graphql-js') {
    problems.push(`EXECUTOR must be graphql-jit or graphql-js (got "${env.EXECUTOR}")`);
  }

  const config: Config = {
    host: env.HOST || '127.0.0.1',
    port: int('PORT', 4000, 0, 65535),
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329, 1024, 65535),
    databases,
    embeddedDemo,
    demoScale: num('DEMO_SCALE', 1, 0.001, 20),
    demoSeed: int('DEMO_SEED', 20260119, 0, 2 ** 31 - 1),
    identityPinKey: env.IDENTITY_PIN_KEY || DEMO_SECRETS.IDENTITY_PIN_KEY,
    graphiql: bool('GRAPHIQL', !production),
    introspection: bool('INTROSPECTION', !production),
    logLevel,
    sourceConnectTimeoutMs: int('SOURCE_CONNECT_TIMEOUT_MS', 2000, 100, 60000),
    statementTimeoutMs: int('STATEMENT_TIMEOUT_MS', 15000, 100, 600000),
    maxPageSize: int('MAX_PAGE_SIZE', 100, 1, 10000),
    statisticsMinGroupSize: int('STATISTICS_MIN_GROUP_SIZE', 5, 1, 1000),
    limits: Object.freeze({
      authenticated: Object.freeze({
        maxRequestBytes: int('MAX_REQUEST_BYTES', 1_000_000, 10_000, 100_000_000),
        maxDocumentChars: int('MAX_DOCUMENT_CHARS', 100_000, 1_000, 100_000_000),
        maxDepth: int('MAX_QUERY_DEPTH', 12, 2, 100),
        maxCost: int('MAX_QUERY_COST', 50000, 1, 1_000_000_000),
        maxTokens: int('MAX_TOKENS', 3000, 50, 1_000_000),
        maxAliases: int('MAX_ALIASES', 30, 0, 100_000),
        maxDirectives: int('MAX_DIRECTIVES', 30, 0, 100_000),
        maxRootFields: int('MAX_ROOT_FIELDS', 20, 1, 100_000),
        maxStatements: int('MAX_STATEMENTS', 150, 1, 1_000_000),
        ratePerMinute: int('RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000),
        rateBurst: int('RATE_LIMIT_BURST', 120, 1, 1_000_000),
      }),
      anonymous: Object.freeze({
        maxRequestBytes: int('ANONYMOUS_MAX_REQUEST_BYTES', 100_000, 10_000, 100_000_000),
        maxDocumentChars: int('ANONYMOUS_MAX_DOCUMENT_CHARS', 20_000, 1_000, 100_000_000),
        maxDepth: int('ANONYMOUS_MAX_QUERY_DEPTH', 8, 2, 100),
        maxCost: int('ANONYMOUS_MAX_QUERY_COST', 5000, 1, 1_000_000_000),
        maxTokens: int('ANONYMOUS_MAX_TOKENS', 1000, 50, 1_000_000),
        maxAliases: int('ANONYMOUS_MAX_ALIASES', 10, 0, 100_000),
        maxDirectives: int('ANONYMOUS_MAX_DIRECTIVES', 10, 0, 100_000),
        maxRootFields: int('ANONYMOUS_MAX_ROOT_FIELDS', 5, 1, 100_000),
        maxStatements: int('ANONYMOUS_MAX_STATEMENTS', 20, 1, 1_000_000),
        ratePerMinute: int('ANONYMOUS_RATE_LIMIT_PER_MINUTE', 120, 0, 1_000_000),
        rateBurst: int('ANONYMOUS_RATE_LIMIT_BURST', 30, 1, 1_000_000),
      }),
    }),
    maxRequestBytes: int('MAX_REQUEST_BYTES', 1_000_000, 10_000, 100_000_000),
    anonymousTotalPerMinute: int('ANONYMOUS_TOTAL_RATE_PER_MINUTE', 1800, 0, 10_000_000),
    anonymousTotalBurst: int('ANONYMOUS_TOTAL_BURST', 60, 1, 1_000_000),
    sourcePoolSize: int('SOURCE_POOL_SIZE', 10, 2, 1000),
    sourceSlotsPerCaller: int('SOURCE_SLOTS_PER_CALLER', 3, 1, 1000),
    anonymousSourceSlots: int('ANONYMOUS_SOURCE_SLOTS', 2, 1, 1000),
    sourceQueuePerCaller: int('SOURCE_QUEUE_PER_CALLER', 64, 1, 100_000),
    sourceQueueTimeoutMs: int('SOURCE_QUEUE_TIMEOUT_MS', 10000, 100, 600_000),
    trustedOperations: env.TRUSTED_OPERATIONS ? path.resolve(env.TRUSTED_OPERATIONS) : null,
    authSecret: env.AUTH_SECRET || DEMO_SECRETS.AUTH_SECRET,
    adminLogin: env.ADMIN_LOGIN || 'admin',
    adminPassword: env.ADMIN_PASSWORD || DEMO_SECRETS.ADMIN_PASSWORD,
    accessTokenTtlSeconds: int('ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86400),
    refreshTokenTtlSeconds: int('REFRESH_TOKEN_TTL_SECONDS', 30 * 86400, 300, 365 * 86400),
    demoAccounts: bool('DEMO_ACCOUNTS', !production && embeddedDemo),
    accessRefreshMs: int('ACCESS_REFRESH_MS', 2000, 100, 60000),
    trustProxy: trustProxy(),
    loginDelayBaseMs: int('LOGIN_DELAY_BASE_MS', 250, 1, 60_000),
    loginDelayMaxMs: int('LOGIN_DELAY_MAX_MS', 10_000, 0, 600_000),
    loginDelayPerLoginMaxMs: int('LOGIN_DELAY_PER_LOGIN_MAX_MS', 2000, 0, 60_000),
    passwordCheckConcurrency: int('PASSWORD_CHECK_CONCURRENCY', 4, 1, 64),
    passwordSuspectChecksPerSecond: num('PASSWORD_SUSPECT_CHECKS_PER_SECOND', 2, 0, 1000),
    loginWaitingMax: int('LOGIN_WAITING_MAX', 256, 1, 100_000),
    loginAuditWindowSeconds: int('LOGIN_AUDIT_WINDOW_SECONDS', 900, 1, 86_400),
    changeRetentionHours: num('CHANGE_RETENTION_HOURS', 24, 0, 24 * 365),
    qrRotateSeconds: int('QR_ROTATE_SECONDS', 10, 2, 3600),
    qrGraceSeconds: int('QR_GRACE_SECONDS', 5, 0, 3600),
    statementCounts: bool('STATEMENT_COUNTS', false),
    executor,
    // The demo university is the state of its generator's date: the embedded demo keeps that date.
    businessTime: Object.freeze({ timeZone: timeZone(), date: businessDate(embeddedDemo ? Object.freeze({ date: DEMO_REFERENCE_DATE, startMinute: null }) : null) }),
    lessonPeriodStarts: Object.freeze(periodStarts()),
    lessonPeriodMinutes: int('LESSON_PERIOD_MINUTES', 80, 10, 600),
    qrOpenBeforeMinutes: int('QR_OPEN_BEFORE_MINUTES', 10, 0, 240),
    qrLateAfterMinutes: int('QR_LATE_AFTER_MINUTES', 15, 0, 600),
  };
  // Production and any external database need secrets of their own; the published demo values count as unset.
  const why = production ? 'in production' : 'when any database is external (a DATABASE_URL_* is set): the demo value is published and works only with the embedded demo databases';
  if ((production || !embeddedDemo) && !chosen('AUTH_SECRET')) problems.push(`AUTH_SECRET must be set ${why} (it signs access tokens)`);
  if ((production || !embeddedDemo) && !chosen('ADMIN_PASSWORD')) problems.push(`ADMIN_PASSWORD must be set ${why} (the first administrator's password)`);
  if ((production || !embeddedDemo) && !chosen('IDENTITY_PIN_KEY')) problems.push(`IDENTITY_PIN_KEY must be set ${why} (it keys the PIN digests of the identity registry)`);
  if (!embeddedDemo && config.demoAccounts) {
    problems.push('DEMO_ACCOUNTS must be off when any database is external: demo accounts have published passwords');
  }
  if (env.AUTH_SECRET !== undefined && env.AUTH_SECRET.length > 0 && env.AUTH_SECRET.length < 32) {
    problems.push('AUTH_SECRET must be at least 32 characters');
  }
  if (env.ADMIN_PASSWORD !== undefined && env.ADMIN_PASSWORD.length > 0 && env.ADMIN_PASSWORD.length < 10) {
    problems.push('ADMIN_PASSWORD must be at least 10 characters');
  }
  if (config.trustedOperations && !fs.existsSync(config.trustedOperations)) {
    problems.push(`TRUSTED_OPERATIONS must name an existing manifest file, e.g. schema/trusted-operations.json (not found: ${config.trustedOperations})`);
  }
  if (config.sourceSlotsPerCaller >= config.sourcePoolSize || config.anonymousSourceSlots >= config.sourcePoolSize) {
    problems.push('SOURCE_SLOTS_PER_CALLER and ANONYMOUS_SOURCE_SLOTS must be below SOURCE_POOL_SIZE (one caller must never hold a whole pool)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
