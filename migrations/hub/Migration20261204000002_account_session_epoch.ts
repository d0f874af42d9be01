import { Migration } from '@mikro-orm/migrations';

/**
 * A session epoch per account. Every access token carries the epoch it was issued in (`sep`);
 * deactivation, a password change and a reused refresh token move the epoch on, so every token
 * issued before stops at once — and stays stopped after a reactivation, which does not move it
 * back. Tokens issued before this migration carry no epoch and are refused (log in again).
 *
 * Refresh tokens ended on purpose (deactivation, password change) are marked `revoked_at`, not
 * `used_at`: presenting one later is refused plainly, while presenting a *used* one is a theft
 * signal that ends every session — which must not end the sessions opened since.
 */
export class Migration20261204000002AccountSessionEpoch extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table account add column session_epoch int not null default 0;');
    this.addSql('alter table refresh_token add column revoked_at timestamptz;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table refresh_token drop column if exists revoked_at;');
    this.addSql('alter table account drop column if exists session_epoch;');
  }
}
