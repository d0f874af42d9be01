/** `npm start`: the hub with no configuration needed (embedded PostgreSQL, demo data, GraphiQL). */
import 'reflect-metadata';
import { loadConfig, ConfigError } from './config';
import { logger, setLogLevel } from './common/logger';
import { startHub, type RunningHub } from './app';
import { removeEmbeddedSignalHandlers } from './db/embedded-postgres';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  setLogLevel(config.logLevel);

  // Our handlers go in before anything starts: a SIGTERM that arrives while the hub is starting
  // (or a moment after it said it is ready) waits for the start to finish, then drains and stops.
  let starting: Promise<RunningHub> | null = null;
  let hub: RunningHub | null = null;
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info('Shutting down', { signal });
    const force = setTimeout(() => {
      logger.error('Shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await starting?.catch(() => undefined);
      await hub?.stop();
      logger.info('Stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error('Shutdown failed', { error: String(error) });
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  starting = startHub(config);
  hub = await starting;
  // The embedded PostgreSQL's own exit hooks would stop the database under a draining hub: from
  // here on the hub drains first and stops the embedded cluster itself.
  removeEmbeddedSignalHandlers();
  if (!shuttingDown) process.stderr.write(`\n  Campus Graph is up: open ${hub.server.url} in a browser for GraphiQL.\n\n`);
}

main().catch((error) => {
  logger.error('Campus Graph failed to start', { error: String(error?.message ?? error) });
  process.exit(1);
});
