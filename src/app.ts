/**
 * The composition root shared by `npm start` and the tests: configuration → databases (embedded
 * or external) → demo seed on first run → identity registry → change feed and the registry's
 * relinker → schema → server.
 */
import type { Config } from './config';
import { logger, setLogLevel } from './common/logger';
import { openDatabases, type Databases } from './db/databases';
import { ENTITIES } from './orm-entities';
import { setMaxPageSize } from './graphql/connection';
import { setOpaqueSecret } from './domain/opaque-keys';
import type { HubRuntime } from './graphql/context';
import { buildHubSchema } from './modules/schema';
import { startHttpServer, type HubServer } from './server/http-server';
import { prepareData } from './prepare-data';
import { startAccess } from './auth/credentials/access';
import { startHubChangeFeed, type ChangeFeed } from './events/ingestor';
import { BusinessClock } from './common/business-time';
import { startIdentityRelinker, type IdentityRelinker } from './hub/identity/identity.relinker';
import { subscribeEventLog } from './events/pubsub';

export interface RunningHub {
  readonly config: Config;
  readonly databases: Databases;
  readonly server: HubServer;
  readonly runtime: HubRuntime;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Tests: embedded PostgreSQL without fsync. */
  fastEmbedded?: boolean;
  /** Tests: keep each request's SQL text for inspection. */
  keepStatements?: boolean;
}

export async function startHub(config: Config, options: StartOptions = {}): Promise<RunningHub> {
  const started = Date.now();
  setLogLevel(config.logLevel);
  setMaxPageSize(config.maxPageSize);
  // Global IDs and cursors are encrypted under keys derived from the registry's secret.
  setOpaqueSecret(config.identityPinKey);
  const businessClock = new BusinessClock(config.businessTime);
  const databases = await openDatabases(config, { entities: ENTITIES, fastEmbedded: options.fastEmbedded });
  let changeFeed: ChangeFeed | null = null;
  let relinker: IdentityRelinker | null = null;
  try {
    await prepareData(config, databases, businessClock);
    const avn = databases.handles.avn;
    const access = await startAccess(config, databases.handles.hub.reader.pool, !avn.external && avn.orm ? avn.reader.pool : null);
    // Live data: ingest the sources' captured changes (one instance at a time) and publish the event log.
    changeFeed = await startHubChangeFeed(databases, { retainChangesMs: config.changeRetentionHours * 3600_000 });
    // The identity registry follows the sources' person records from the log (in the ingesting instance).
    const feed = changeFeed;
    relinker = startIdentityRelinker({
      hub: databases.handles.hub.reader.pool,
      sources: { avn: databases.handles.avn.reader.pool, library: databases.handles.library.reader.pool, dormitory: databases.handles.dormitory.reader.pool },
      pinKey: config.identityPinKey,
      isLeader: () => feed.isLeader(),
      watchChanges: subscribeEventLog,
    });
    const runtime: HubRuntime = { config, databases, access, businessClock, changeFeed };
    const schema = await buildHubSchema();
    const server = await startHttpServer(runtime, schema, { keepStatements: options.keepStatements });
    logger.info('Campus Graph is ready', { url: server.url, graphiql: config.graphiql, startupMs: Date.now() - started });
    let stopping: Promise<void> | null = null;
    return {
      config,
      databases,
      server,
      runtime,
      stop: () =>
        (stopping ??= (async () => {
          await server.stop();
          await relinker!.stop();
          await changeFeed!.stop();
          await access.stop();
          logger.debug('Server stopped; closing databases');
          await databases.close();
          logger.debug('Databases closed');
        })()),
    };
  } catch (error) {
    await relinker?.stop().catch(() => undefined);
    await changeFeed?.stop().catch(() => undefined);
    await databases.close().catch(() => undefined);
    throw error;
  }
}

