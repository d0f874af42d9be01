/**
 * Read access to one database through its own pg pool. Read paths use plain SQL returning plain
 * rows (no hydrated ORM entities): measured on this stack that choice alone is worth several times
 * the throughput (see NOTES in README). Writes go through MikroORM (src/db/orm.ts).
 *
 * Every statement is counted per request (QueryStats) so tests can prove there is no N+1, and any
 * connection-level failure becomes SOURCE_UNAVAILABLE naming the database, so that one source down
 * costs only its own fields.
 */
import pg from 'pg';
import { ErrorCode, HubError, sourceUnavailable } from '../common/errors';
import { logger } from '../common/logger';
import { FairShare, type Caller, type FairShareOptions } from './fair-share';
import { isConnectionError } from './source-unavailable';

// Return int8 and numeric as JS numbers: ids and sums here stay far below 2^53. A numeric becomes
// the number nearest to it, which prints (and is sent as JSON) as the same decimal up to 15
// significant digits — money up to 10^13 som to the tiyin. It is a faithful copy, not a decimal
// to compute with: money is summed and subtracted in SQL only, and the few figures computed in
// JavaScript from numerics (GPA, credit sums, score totals) go through src/common/decimal.ts.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
// Dates (no time) stay as 'YYYY-MM-DD' strings: no time-zone shifts.
pg.types.setTypeParser(1082, (v) => v);

export type SourceState = 'up' | 'down' | 'unknown';

/** Distinct statement texts kept prepared per database (the hub's read paths use far fewer). */
const MAX_PREPARED_STATEMENTS = 500;

/**
 * Counts the statements one request sends to each database, and holds the request to its
 * statement budget: the statement over it is refused before it is sent (STATEMENT_BUDGET_EXCEEDED).
 */
export class QueryStats {
  readonly counts = new Map<string, number>();
  readonly statements: { db: string; sql: string }[] = [];
  private total = 0;
  constructor(
    readonly keepStatements = false,
    readonly budget = Number.POSITIVE_INFINITY,
  ) {}
  record(db: string, sql: string): void {
    if (this.total >= this.budget) {
      throw new HubError(ErrorCode.STATEMENT_BUDGET_EXCEEDED, `This request has sent its ${this.budget} statements; the fields that needed more are null. Ask for less in one request.`, {
        limit: this.budget,
      });
    }
    this.total += 1;
    this.counts.set(db, (this.counts.get(db) ?? 0) + 1);
    if (this.keepStatements) this.statements.push({ db, sql });
  }
  count(db: string): number {
    return this.counts.get(db) ?? 0;
  }
}

export class SourceDb {
  readonly pool: pg.Pool;
  /** Each caller's share of this pool (requests' statements only; the hub's own work bypasses it). */
  readonly share: FairShare;
  private state: SourceState = 'unknown';
  private lastError: string | null = null;

  constructor(
    readonly name: string,
    url: string,
    options: { connectTimeoutMs: number; statementTimeoutMs: number; max?: number; share?: Omit<FairShareOptions, 'slots'> },
  ) {
    const max = options.max ?? 10;
    this.share = new FairShare(name, {
      slots: Math.max(1, max - 1),
      perCaller: 3,
      anonymous: 2,
      queuePerCaller: 64,
      queueTimeoutMs: 10_000,
      ...options.share,
    });
    this.pool = new pg.Pool({
      connectionString: url,
      max,
      connectionTimeoutMillis: options.connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      statement_timeout: options.statementTimeoutMs,
      application_name: `campus-graph:${name}`,
    });
    // An idle client losing its server (database stopped) must not crash the process.
    this.pool.on('error', (error) => this.markDown(error));
  }

  get status(): { state: SourceState; error: string | null } {
    return { state: this.state, error: this.lastError };
  }

  /**
   * Runs one statement and returns its rows; connection failures become SOURCE_UNAVAILABLE. A
   * request's statement (`caller` given) first waits for its caller's share of the pool.
   */
  async query<T extends object = Record<string, unknown>>(sql: string, params: unknown[] = [], stats?: QueryStats, caller?: Caller): Promise<T[]> {
    stats?.record(this.name, sql);
    const release = caller ? await this.share.acquire(caller) : null;
    try {
      const result = await this.run<T>(sql, params);
      this.state = 'up';
      this.lastError = null;
      return result.rows;
    } catch (error) {
      if (isConnectionError(error)) {
        this.markDown(error);
        throw sourceUnavailable(this.name, error);
      }
      throw error;
    } finally {
      release?.();
    }
  }

  /** Checks the connection now (for /readyz). */
  async ping(): Promise<SourceState> {
    try {
      await this.query('select 1');
      return 'up';
    } catch {
      return 'down';
    }
  }

  /**
   * Runs a statement as a named prepared statement: each connection parses and plans a text once
   * and then only binds and executes it (about a quarter of the database's CPU per read here).
   * A server that cannot keep it (a pooler without prepared statements, a table changed under a
   * cached plan) gets the text as an unnamed statement from then on.
   */
  private async run<T extends object>(sql: string, params: unknown[]): Promise<pg.QueryResult<T>> {
    const name = this.statementName(sql);
    if (!name) return this.pool.query<T>(sql, params);
    try {
      return await this.pool.query<T>({ name, text: sql, values: params });
    } catch (error) {
      const code = (error as { code?: string }).code;
      // 26000: no such prepared statement (a transaction pooler); 0A000: cached plan must not change result type.
      if (code !== '26000' && code !== '0A000') throw error;
      this.statementNames.set(sql, null);
      return this.pool.query<T>(sql, params);
    }
  }

  /** Statement names by text; null: run unnamed. Distinct texts are bounded (beyond it, unnamed). */
  private readonly statementNames = new Map<string, string | null>();

  private statementName(sql: string): string | null {
    let name = this.statementNames.get(sql);
    if (name === undefined) {
      if (this.statementNames.size >= MAX_PREPARED_STATEMENTS) return null;
      name = `cg_${this.name}_${this.statementNames.size + 1}`;
      this.statementNames.set(sql, name);
    }
    return name;
  }

  private markDown(error: unknown): void {
    if (this.state !== 'down') logger.warn('Source became unavailable', { source: this.name, code: (error as { code?: string })?.code });
    this.state = 'down';
    this.lastError = (error as { code?: string })?.code ?? 'connection error';
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
