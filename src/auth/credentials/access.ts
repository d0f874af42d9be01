/**
 * The access part of the running hub: token signer, in-memory registry of accounts and keys,
 * and the account service; plus the first administrator from configuration.
 */
import type pg from 'pg';
import type { Config } from '../../config';
import { logger } from '../../common/logger';
import { Role } from '../viewer';
import { AccessRegistry } from './access-registry';
import { AccessTokens } from './access-tokens';
import { AccountService } from './account.service';
import { ensureDemoAccounts, warnAboutDemoAccounts } from './demo-accounts';
import { FailedLoginAudit } from '../audit/failed-logins';
import { insertAuditEntries } from '../../hub/audit/audit.store';
import { reportingPool } from '../../db/source-unavailable';

export interface Access {
  readonly tokens: AccessTokens;
  readonly registry: AccessRegistry;
  readonly accounts: AccountService;
  /** Failed logins, summed per client address and window for the audit (failed-logins.ts). */
  readonly failedLogins: FailedLoginAudit;
  /** Stops the refresh and writes the failed-login summaries still open. */
  stop(): Promise<void>;
}

/**
 * `demoAvn`: the AVN of the demo university, when it is the hub's own (demo accounts are made on
 * it, and only when DEMO_ACCOUNTS is on, which configuration allows only on the embedded demo).
 */
export async function startAccess(config: Config, hubPool: pg.Pool, demoAvn: pg.Pool | null): Promise<Access> {
  // With the hub's database down, logins, refreshes and account changes answer SOURCE_UNAVAILABLE
  // naming the hub, not an internal error.
  const hub = reportingPool(hubPool, 'hub');
  const tokens = new AccessTokens(config.authSecret, config.accessTokenTtlSeconds);
  const registry = new AccessRegistry(hub, tokens, config.accessRefreshMs);
  const accounts = new AccountService(hub, tokens, registry, config);
  await ensureFirstAdmin(config, hub, accounts);
  if (config.demoAccounts && demoAvn) await ensureDemoAccounts(hub, demoAvn, accounts);
  if (!config.embeddedDemo) await warnAboutDemoAccounts(hub);
  await registry.start();
  const failedLogins = new FailedLoginAudit((rows) => insertAuditEntries(hub, rows), config.loginAuditWindowSeconds * 1000);
  failedLogins.start();
  return {
    tokens,
    registry,
    accounts,
    failedLogins,
    async stop() {
      registry.stop();
      await failedLogins.stop();
    },
  };
}

/** The first administrator comes from configuration (ADMIN_LOGIN / ADMIN_PASSWORD). */
async function ensureFirstAdmin(config: Config, hub: pg.Pool, accounts: AccountService): Promise<void> {
  const { rows } = await hub.query(`select 1 from account where role = $1 and active limit 1`, [Role.ADMIN]);
  if (rows.length > 0) return;
  const { rows: taken } = await hub.query('select 1 from account where login = $1', [config.adminLogin]);
  if (taken.length > 0) {
    logger.warn('No active administrator, and ADMIN_LOGIN is taken by another account; none created', { login: config.adminLogin });
    return;
  }
  await accounts.register({ login: config.adminLogin, password: config.adminPassword, role: Role.ADMIN });
  logger.info('Created the first administrator from configuration', { login: config.adminLogin });
}
