/**
 * A copy of the seeded demo databases for a test that runs hubs (or bench scripts) as separate
 * processes: the six databases cloned from the templates, their URLs as the DATABASE_URL_<NAME>
 * variables a process reads, and a way to drop them again.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { DATABASE_NAMES, type DatabaseName } from '../../src/config';
import { copyPrefixOf, createDatabases } from '../global-setup';
import { urlOf } from './test-config';

export interface ClonedDatabases {
  readonly adminUrl: string;
  readonly urls: Readonly<Record<DatabaseName, string>>;
  /**
   * DATABASE_URL_HUB, DATABASE_URL_AVN, …: the hub treats them as external (no seed, no native
   * migrations) — and so wants secrets of its own (the demo ones work only on the embedded demo):
   * AUTH_SECRET, ADMIN_PASSWORD and IDENTITY_PIN_KEY are here too. The copy keeps the demo's
   * accounts (their passwords) and its identity registry, whose PIN digests the demo key made
   * (a search by PIN finds nothing in a copy).
   */
  readonly env: Readonly<Record<string, string>>;
  drop(): Promise<void>;
}

export async function cloneDemoDatabases(): Promise<ClonedDatabases> {
  const adminUrl = inject('pgAdminUrl');
  const templatePrefix = inject('templatePrefix');
  const prefix = `${copyPrefixOf(templatePrefix)}_${randomBytes(4).toString('hex')}`;
  await createDatabases(adminUrl, DATABASE_NAMES.map((n) => `${prefix}_${n}`), (name) => name.replace(prefix, templatePrefix));
  const urls = {} as Record<DatabaseName, string>;
  const env: Record<string, string> = {
    AUTH_SECRET: `clone-signing-secret-${randomBytes(16).toString('hex')}`,
    ADMIN_PASSWORD: `clone-admin-${randomBytes(8).toString('hex')}`,
    IDENTITY_PIN_KEY: `clone-pin-key-${randomBytes(16).toString('hex')}`,
  };
  for (const name of DATABASE_NAMES) {
    urls[name] = urlOf(adminUrl, `${prefix}_${name}`);
    env[`DATABASE_URL_${name.toUpperCase()}`] = urls[name];
  }
  return {
    adminUrl,
    urls,
    env,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        for (const name of DATABASE_NAMES) await client.query(`drop database if exists "${prefix}_${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
