/**
 * One demo account per role on the demo university, so a newcomer can try every rule from
 * GraphiQL (README → Access lists them). Only on demo data (an embedded AVN) and only when
 * DEMO_ACCOUNTS is on (off in production).
 */
import type pg from 'pg';
import { logger } from '../../common/logger';
import { Role } from '../viewer';
import type { AccountService } from './account.service';
import { demoAccountKeys } from '../../sources/avn/avn.demo-keys';

/** The password of every demo account: `<login>-demo-2026`. */
export const demoPassword = (login: string) => `${login}-demo-2026`;

/** The logins of the demo accounts (README → Access; their passwords are published). */
export const DEMO_LOGINS = ['dean', 'chair', 'teacher', 'student', 'library', 'dormitory', 'registrar', 'accounting', 'hr', 'admissions', 'analyst'] as const;

/**
 * Outside the embedded demo no demo account is created; but a hub database that served the demo
 * before may still hold them, with their published passwords. Say so at start (one query; their
 * passwords are not checked, which would cost a hash each).
 */
export async function warnAboutDemoAccounts(hub: pg.Pool): Promise<void> {
  const { rows } = await hub.query<{ login: string }>('select login from account where active and login = any($1::text[]) order by login', [[...DEMO_LOGINS]]);
  if (rows.length) {
    logger.warn('Active demo accounts in a hub that is not the embedded demo: their passwords are published; deactivate them or give them new passwords (reactivateAccount with newPassword)', {
      logins: rows.map((r) => r.login),
    });
  }
}

/**
 * The student the GraphiQL first query (and README's) opens on, when the demo has it: the default
 * scale does; smaller ones may not, and then the `student` account is the studying student with the
 * lowest record id (README → Access says both).
 */
export const SHOWCASE_STUDENT = '22030331';

export async function ensureDemoAccounts(hub: pg.Pool, avn: pg.Pool, accounts: AccountService): Promise<void> {
  const { rows: existing } = await hub.query<{ login: string }>('select login from account');
  const taken = new Set(existing.map((r) => r.login));
  const person = async (record: string) =>
    (await hub.query<{ person_id: string }>(`select person_id from identity_link where source || ':' || local_key = $1`, [record])).rows[0]?.person_id ?? null;
  const keys = await demoAccountKeys(avn, SHOWCASE_STUDENT);

  const plan: { login: string; role: Role; limits: Record<string, number | null> }[] = [
    { login: 'dean', role: Role.DEAN, limits: { facultyKey: keys.facultyKey } },
    { login: 'chair', role: Role.CHAIR, limits: { chairKey: keys.chairKey } },
    { login: 'teacher', role: Role.TEACHER, limits: { employeeKey: keys.teacherKey } },
    { login: 'student', role: Role.STUDENT, limits: { studentKey: keys.studentKey } },
    { login: 'library', role: Role.LIBRARY, limits: {} },
    { login: 'dormitory', role: Role.DORMITORY, limits: {} },
    { login: 'registrar', role: Role.REGISTRAR, limits: {} },
    { login: 'accounting', role: Role.ACCOUNTING, limits: {} },
    { login: 'hr', role: Role.HR, limits: {} },
    { login: 'admissions', role: Role.ADMISSIONS, limits: {} },
    { login: 'analyst', role: Role.ANALYST, limits: {} },
  ];
  let created = 0;
  for (const { login, role, limits } of plan) {
    if (taken.has(login)) continue;
    const personKey =
      limits.studentKey != null ? await person(`avn.student:${limits.studentKey}`) : limits.employeeKey != null ? await person(`avn.employee:${limits.employeeKey}`) : null;
    await accounts.register({ login, password: demoPassword(login), role, ...limits, personKey: personKey === null ? null : Number(personKey) });
    created++;
  }
  if (created) logger.info('Created demo accounts (README → Access)', { created });
}
