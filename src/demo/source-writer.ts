/**
 * Writes one generated source into its database: tables in foreign-key order, serial sequences
 * moved past the explicit ids, ANALYZE so the hub's first queries get good plans.
 *
 * Speed: per-row foreign-key triggers cost about three times the insert itself on the million-row
 * tables (measured: 1.34 M journal marks 63 s with them, 17 s without, on a loaded 2-core box).
 * When the role may set session_replication_role (a superuser, as on the embedded and test
 * servers) the load skips them, and every foreign key is then checked once, set-based, at the end:
 * the same guarantee, much cheaper. Then the few huge tables are also loaded on connections of
 * their own, in parallel with the rest ("lanes").
 *
 * All or nothing: without lanes everything is one transaction. With lanes each lane is a
 * transaction; all are committed only once every lane has inserted everything (the lane holding
 * the first table, the hub's "is this source seeded?" anchor, commits last), and if anything fails
 * after a commit the tables are emptied again, so a failed seed leaves an empty source.
 * Otherwise (no right to skip triggers) it is one transaction with the triggers running.
 */
import { insertTable, type Queryable } from './bulk-insert';
import type { WritableTable } from './table';

export interface WriteProgress {
  table: string;
  rows: number;
  done: number;
  total: number;
}

export interface SourcePlan {
  tables: WritableTable[];
  /** Statements run after the tables (sequences that follow another table's ids). */
  afterSql: string[];
}

type Client = Queryable & { release(): void };
/**
 * A pg.Pool (lends clients: one transaction per lane), a single connection (pg.Client or a pool's
 * client: one transaction on it), or anything else with `query` (no transaction: its statements
 * may land on different connections).
 */
export type Connection = Queryable & { connect?: () => Promise<unknown>; release?: () => void };

function isPool(db: Connection): db is Queryable & { connect: () => Promise<Client> } {
  return typeof db.connect === 'function' && 'totalCount' in db;
}

function isSingleConnection(db: Connection): boolean {
  return !isPool(db) && (typeof db.connect === 'function' || typeof db.release === 'function');
}

interface Rows<T> {
  rows: T[];
}

/** Tables at least this big get a connection of their own (when triggers can be skipped). */
const LANE_MIN_ROWS = 300_000;
const MAX_EXTRA_LANES = 2;

export async function writeSource(pool: Connection, plan: SourcePlan, onProgress?: (p: WriteProgress) => void): Promise<void> {
  const total = plan.tables.reduce((n, t) => n + t.size, 0);
  let done = 0;
  const load = async (db: Queryable, tables: WritableTable[]) => {
    for (const table of tables) {
      let mine = 0;
      await insertTable(db, table, (written) => {
        done += written - mine;
        mine = written;
        onProgress?.({ table: table.name, rows: written, done, total });
      });
      if (table.size === 0) onProgress?.({ table: table.name, rows: 0, done, total });
    }
  };

  if (!isPool(pool)) {
    const single = isSingleConnection(pool);
    if (single) await begin(pool);
    try {
      const bypass = single ? await skipForeignKeyTriggers(pool) : false;
      await load(pool, plan.tables);
      await finish(pool, plan, bypass);
      if (single) await pool.query('commit');
    } catch (error) {
      if (single) await pool.query('rollback').catch(() => undefined);
      throw error;
    }
    return;
  }

  const main = await pool.connect();
  const extra: Client[] = [];
  let committed = false;
  try {
    await begin(main);
    const bypass = await skipForeignKeyTriggers(main);
    // a pool must keep a client free for each extra lane (pg.Pool's `options.max`, 10 by default)
    const poolMax = (pool as { options?: { max?: number } }).options?.max ?? 10;
    const lanesAllowed = Math.max(0, Math.min(MAX_EXTRA_LANES, poolMax - 1));
    const big = bypass ? plan.tables.filter((t) => t.size >= LANE_MIN_ROWS).sort((a, b) => b.size - a.size).slice(0, lanesAllowed) : [];
    for (let i = 0; i < big.length; i++) {
      const client = await pool.connect();
      extra.push(client);
      await begin(client);
      if (!(await skipForeignKeyTriggers(client))) throw new Error('session_replication_role could be set on one connection but not on another');
    }
    const rest = plan.tables.filter((t) => !big.includes(t));
    const lanes = [load(main, rest), ...big.map((table, i) => load(extra[i], [table]))];
    const results = await Promise.allSettled(lanes);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    if (!extra.length) {
      await finish(main, plan, bypass);
      await main.query('commit');
      committed = true;
      return;
    }
    for (const client of extra) await client.query('commit');
    committed = true;
    await main.query('commit');
    await begin(main);
    await finish(main, plan, true);
    await main.query('commit');
  } catch (error) {
    await main.query('rollback').catch(() => undefined);
    for (const client of extra) await client.query('rollback').catch(() => undefined);
    if (committed) {
      // some lanes had committed: empty the source again so it is seeded afresh next time
      const names = plan.tables.map((t) => `"${t.name}"`).join(', ');
      await main.query(`truncate ${names} restart identity cascade`).catch(() => undefined);
    }
    throw error;
  } finally {
    main.release();
    for (const client of extra) client.release();
  }
}

async function begin(db: Queryable): Promise<void> {
  await db.query('begin');
  await db.query('set local synchronous_commit = off'); // bulk load: no fsync wait at commit
  await db.query('set local statement_timeout = 0'); // a pool may have set a per-statement limit
}

/** Foreign keys (when triggers were skipped), sequences, the plan's extra statements, statistics. */
async function finish(db: Queryable, plan: SourcePlan, checkKeys: boolean): Promise<void> {
  if (checkKeys) await checkForeignKeys(db);
  for (const table of plan.tables) {
    if (!table.serial) continue;
    const column = table.data[table.columns.indexOf(table.serial)] as number[];
    let max = 0;
    for (const id of column) if (id > max) max = id;
    await db.query(`select setval(pg_get_serial_sequence($1, $2), $3, false)`, [`"${table.name}"`, table.serial, max + 1]);
  }
  for (const sql of plan.afterSql) await db.query(sql);
  for (const table of plan.tables) await db.query(`analyze "${table.name}"`);
}

/** True when the foreign-key triggers are off for this transaction (needs the right to set it). */
async function skipForeignKeyTriggers(db: Queryable): Promise<boolean> {
  await db.query('savepoint demo_replica_role');
  try {
    await db.query('set local session_replication_role = replica');
    await db.query('release savepoint demo_replica_role');
    return true;
  } catch {
    await db.query('rollback to savepoint demo_replica_role');
    return false;
  }
}

/** Checks every foreign key of the schema with one anti-join each; throws on the first violation. */
async function checkForeignKeys(db: Queryable): Promise<void> {
  const { rows } = (await db.query(`
    select c.conname, c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
           a.attname as col, p.attname as pcol
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      join pg_attribute p on p.attrelid = c.confrelid and p.attnum = c.confkey[1]
     where c.contype = 'f' and c.connamespace = current_schema()::regnamespace and cardinality(c.conkey) = 1
     order by 1`)) as Rows<{ conname: string; child: string; parent: string; col: string; pcol: string }>;
  for (const fk of rows) {
    const { rows: bad } = (await db.query(
      `select count(*)::int as n from ${fk.child} c where c."${fk.col}" is not null
          and not exists (select 1 from ${fk.parent} p where p."${fk.pcol}" = c."${fk.col}")`,
    )) as Rows<{ n: number }>;
    if (bad[0].n > 0) throw new Error(`demo data breaks foreign key ${fk.conname}: ${bad[0].n} row(s) of ${fk.child}.${fk.col} have no ${fk.parent}`);
  }
}
