/**
 * Brings up the six databases: the embedded cluster where no URL is configured, one ORM and one
 * read pool per database, migrations. A source that cannot be reached at start does not stop the
 * hub: it is reported down and retried in the background.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { DATABASE_NAMES, type Config, type DatabaseName, SOURCE_NAMES } from '../config';
import { logger } from '../common/logger';
import { startEmbeddedCluster, type EmbeddedCluster } from './embedded-postgres';
import { createOrm, migrate } from './orm';
import { SourceDb } from './source-db';

export interface DatabaseHandle {
  readonly name: DatabaseName;
  readonly external: boolean;
  readonly url: string;
  readonly reader: SourceDb;
  /** The ORM entities mapped onto this database's tables (its write paths). */
  readonly entities: Function[];
  /** Null while the database has never been reachable. */
  orm: MikroORM | null;
}

export interface Databases {
  readonly handles: Readonly<Record<DatabaseName, DatabaseHandle>>;
  readonly embedded: EmbeddedCluster | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** The ORM entities of each database (src/orm-entities.ts). */
  entities: Readonly<Record<DatabaseName, Function[]>>;
  fastEmbedded?: boolean;
}

export async function openDatabases(config: Config, options: OpenOptions): Promise<Databases> {
  // Databases without a URL live on the embedded cluster; one with a URL may still be the hub's own (tests).
  const needEmbedded = DATABASE_NAMES.filter((name) => config.databases[name].url === null);
  let embedded: EmbeddedCluster | null = null;
  if (needEmbedded.length > 0) {
    embedded = await startEmbeddedCluster({ dataDir: config.dataDir, port: config.embeddedPgPort, fast: options.fastEmbedded });
    const created = await embedded.ensureDatabases(needEmbedded);
    if (created.length) logger.info('Created embedded databases', { created });
  }

  const handles = {} as Record<DatabaseName, DatabaseHandle>;
  for (const name of DATABASE_NAMES) {
    const { external, url } = config.databases[name];
    const resolvedUrl = url ?? embedded!.urlFor(name);
    handles[name] = {
      name,
      external,
      url: resolvedUrl,
      reader: new SourceDb(name, resolvedUrl, {
        connectTimeoutMs: config.sourceConnectTimeoutMs,
        statementTimeoutMs: config.statementTimeoutMs,
        max: config.sourcePoolSize,
        share: {
          perCaller: config.sourceSlotsPerCaller,
          anonymous: config.anonymousSourceSlots,
          queuePerCaller: config.sourceQueuePerCaller,
          queueTimeoutMs: config.sourceQueueTimeoutMs,
        },
      }),
      entities: options.entities[name],
      orm: null,
    };
  }

  // The hub's own database must come up; a source may be down and is retried later.
  await bringUp(handles.hub);
  const retry: DatabaseHandle[] = [];
  await Promise.all(
    SOURCE_NAMES.map(async (name) => {
      try {
        await bringUp(handles[name]);
      } catch (error) {
        logger.warn('Source unavailable at start; retrying in the background', { source: name, code: (error as { code?: string }).code });
        retry.push(handles[name]);
      }
    }),
  );
  const retryTimer = retry.length ? startRetry(retry) : null;

  return {
    handles,
    embedded,
    async close() {
      if (retryTimer) clearInterval(retryTimer);
      for (const handle of Object.values(handles)) {
        await handle.reader.close().catch(() => undefined);
        await handle.orm?.close(true).catch(() => undefined);
        logger.debug('Closed database connections', { database: handle.name });
      }
      await embedded?.stop();
    },
  };
}

async function bringUp(handle: DatabaseHandle): Promise<void> {
  const orm = await createOrm(handle.name, handle.url, handle.external, handle.entities);
  try {
    const applied = await migrate(orm, handle.url);
    if (applied.length) logger.info('Migrated', { database: handle.name, applied });
    handle.orm = orm;
  } catch (error) {
    await orm.close(true).catch(() => undefined);
    throw error;
  }
}

function startRetry(pending: DatabaseHandle[]): NodeJS.Timeout {
  const timer = setInterval(async () => {
    for (const handle of [...pending]) {
      try {
        await bringUp(handle);
        pending.splice(pending.indexOf(handle), 1);
        logger.info('Source is back', { source: handle.name });
      } catch {
        // still down: /readyz reports it
      }
    }
    if (pending.length === 0) clearInterval(timer);
  }, 5000);
  timer.unref();
  return timer;
}
