/** `npm start`: the hub with no configuration needed (embedded PostgreSQL, demo data, GraphiQL). */
import 'reflect-metadata';
import { loadConfig, ConfigError } from './config';
import { logger, setLogLevel } from './common/logger';
import { startHub } from './app';
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
  const hub = await startHub(config);
  process.stderr.write(`\n  Campus Graph is up: open ${hub.server.url} in a browser for GraphiQL.\n\n`);

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
      await hub.stop();
      logger.info('Stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error('Shutdown failed', { error: String(error) });
      process.exit(1);
    }
  };
  // From here on the hub drains first and stops the embedded cluster itself.
  removeEmbeddedSignalHandlers();
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  logger.error('Campus Graph failed to start', { error: String(error?.message ?? error) });
  process.exit(1);
});
