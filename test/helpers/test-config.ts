/** Configuration of a hub whose databases live on the test PostgreSQL server. */
import { DATABASE_NAMES, loadConfig, type Config, type DatabaseName } from '../../src/config';

/** The demo scale of the tests: a small but complete university (every kind of case present). */
export const TEST_SCALE = 0.02;

export function urlOf(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A config whose six databases are `${prefix}_${name}` on the test server, owned by the hub (seeded). */
export function testConfig(adminUrl: string, prefix: string, env: Record<string, string> = {}): Config {
  const base = loadConfig({ PORT: '0', HOST: '127.0.0.1', DEMO_SCALE: String(TEST_SCALE), LOG_LEVEL: 'warn', ...env });
  const databases = {} as Record<DatabaseName, { url: string; external: boolean }>;
  for (const name of DATABASE_NAMES) databases[name] = { url: urlOf(adminUrl, `${prefix}_${name}`), external: false };
  return Object.freeze({ ...base, databases });
}
