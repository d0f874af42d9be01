/** Reads of accounts and keys for the schema (through the request's hub reader). */
import { ROLE_DEFAULTS } from '../../auth/roles';
import type { Domain, Role } from '../../auth/viewer';
import type { HubContext } from '../../graphql/context';
import { identityLoaders } from '../../hub/identity/identity.loaders';
import type { Account, ApiKey } from './access.types';
import type { PersonalField } from '../../domain/access';

export async function accountOf(context: HubContext, id: string | null): Promise<Account[]> {
  const rows = await context.db.hub.query<{ id: string; login: string; role: Role; active: boolean }>(
    `select id::text, login, role, active from account ${id === null ? '' : 'where id = $1'} order by login`,
    id === null ? [] : [id],
  );
  return rows;
}

export async function apiKeysOf(context: HubContext, id: string | null): Promise<ApiKey[]> {
  const rows = await context.db.hub.query<{
    id: string; name: string; role: Role; purpose: string; read_domains: Domain[] | null; write_domains: Domain[] | null;
    personal_fields: PersonalField[] | null; expires_at: Date | null; revoked_at: Date | null;
  }>(
    `select id::text, name, role, purpose, read_domains, write_domains, personal_fields, expires_at, revoked_at
       from api_key ${id === null ? '' : 'where id = $1'} order by created_at desc, id desc`,
    id === null ? [] : [id],
  );
  return rows.map((r) => {
    const defaults = ROLE_DEFAULTS[r.role];
    return {
      id: r.id, name: r.name, role: r.role, purpose: r.purpose,
      readDomains: r.read_domains ?? defaults.read,
      writeDomains: r.write_domains ?? defaults.write,
      personalFields: (r.personal_fields ?? defaults.personal) as PersonalField[],
      expiresAt: r.expires_at, revokedAt: r.revoked_at,
    };
  });
}

/** The registry's person of the account's student or employee record (null when not linked). */
export async function personOfStudentOrEmployee(context: HubContext, studentKey: number | null, employeeKey: number | null): Promise<number | null> {
  const record = studentKey !== null ? `avn.student:${studentKey}` : employeeKey !== null ? `avn.employee:${employeeKey}` : null;
  return record ? identityLoaders(context).personIdByRecord.load(record) : null;
}
