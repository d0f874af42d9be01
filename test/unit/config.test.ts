import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

describe(loadConfig.name, () => {
  it('needs no configuration: embedded databases, port 4000, GraphiQL on', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.graphiql).toBe(true);
    expect(config.introspection).toBe(true);
    for (const db of Object.values(config.databases)) expect(db).toEqual({ url: null, external: false });
    expect(Object.isFrozen(config)).toBe(true);
  });

  /** Secrets an operator chose (an external database needs them: issue 9, B9). */
  const SECRETS = { AUTH_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'a-long-password', IDENTITY_PIN_KEY: 'an-operator-pin-key' };

  it('treats a database URL as an external source', () => {
    const config = loadConfig({ ...SECRETS, DATABASE_URL_LIBRARY: 'postgres://koha@library.example:5432/koha' });
    expect(config.databases.library).toEqual({ url: 'postgres://koha@library.example:5432/koha', external: true });
    expect(config.databases.avn.external).toBe(false);
  });

  it('reports every mistake at once, each with a clear message', () => {
    let error: unknown;
    try {
      loadConfig({ ...SECRETS, PORT: 'eighty', DATABASE_URL_AVN: 'mysql://x/avn', DATABASE_URL_HUB: 'postgres://host:5432', DEMO_SCALE: '-1', GRAPHIQL: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/PORT must be a whole number/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL_AVN must be a postgres:\/\//);
    expect(problems.join('\n')).toMatch(/DATABASE_URL_HUB must name a database/);
    expect(problems.join('\n')).toMatch(/DEMO_SCALE must be a number/);
    expect(problems.join('\n')).toMatch(/GRAPHIQL must be true or false/);
  });

  it('turns GraphiQL and introspection off in production unless asked, and wants its secrets there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/IDENTITY_PIN_KEY must be set in production/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET must be set in production/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ADMIN_PASSWORD must be set in production/);
    expect(() => loadConfig({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET must be at least 32 characters/);
    const config = loadConfig({ NODE_ENV: 'production', IDENTITY_PIN_KEY: 'secret', AUTH_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'a-long-password' });
    expect(config.graphiql).toBe(false);
    expect(config.introspection).toBe(false);
    expect(config.demoAccounts).toBe(false);
  });
});
