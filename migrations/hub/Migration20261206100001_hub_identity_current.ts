import { Migration } from '@mikro-orm/migrations';

/**
 * The identity registry kept current (issue 10, items 5 and 6):
 * - two review reasons: `near_name` (a twin's near name: same birth date, another given name or a
 *   gender ending; never linked without a PIN or student number) and `link_broken` (a change in a
 *   source no longer supports an existing link; the link stays until an administrator decides);
 * - an index on the people's birth dates: the relinker looks up the candidates of a changed
 *   record by birth date (twins and typos in names share one);
 * - the audit trail's actor `hub` and action `identity_link`: every link the hub makes, moves or
 *   removes on its own (from the change feed) is audited, with no account or key behind it.
 */
export class Migration20261206100001HubIdentityCurrent extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table identity_review drop constraint identity_review_reason_check;
alter table identity_review add constraint identity_review_reason_check
  check (reason in ('ambiguous','conflict','no_match','near_name','link_broken'));
create index person_birth_date_idx on person (birth_date);
alter table audit_log drop constraint audit_log_actor_kind_check;
alter table audit_log add constraint audit_log_actor_kind_check check (actor_kind in ('anonymous','account','apiKey','hub'));
alter table audit_log drop constraint audit_log_action_check;
alter table audit_log add constraint audit_log_action_check check (action in ('mutation','personal_read','identity_link'));
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
alter table audit_log drop constraint audit_log_action_check;
alter table audit_log add constraint audit_log_action_check check (action in ('mutation','personal_read')) not valid;
alter table audit_log drop constraint audit_log_actor_kind_check;
alter table audit_log add constraint audit_log_actor_kind_check check (actor_kind in ('anonymous','account','apiKey')) not valid;
drop index if exists person_birth_date_idx;
alter table identity_review drop constraint identity_review_reason_check;
delete from identity_review where reason in ('near_name','link_broken');
alter table identity_review add constraint identity_review_reason_check check (reason in ('ambiguous','conflict','no_match'));
`);
  }
}
