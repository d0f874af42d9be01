/**
 * AVN → people: the personal cards of AVN's other person records (employees, applicants), used
 * when a person has no student record, and the name search over all three AVN person tables that
 * `people(where: { nameContains })` starts from. (Student rows are mapped in avn.students.ts; the
 * Employee type itself belongs to the staff module, avn.staff.ts.)
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader } from '../../db/loaders';
import { Params, and } from '../../db/sql';
import type { AvnRecordSource, PersonalCard } from '../../domain/students';
import { GENDER, clean, joinName, nameConditions } from './avn.students';

const avn = (context: SourceContext) => context.db.avn;

interface PersonCardRow {
  _key: number;
  fam: string;
  imya: string;
  otch: string | null;
  pin: string | null;
  data_rojd: string | null;
  pol: string | null;
  tel: string | null;
  email: string | null;
  adres: string | null;
  passport: string | null;
  foto_url: string | null;
}

function toCard(r: PersonCardRow): PersonalCard {
  const patronymic = clean(r.otch);
  return {
    fullName: joinName(r.fam, r.imya, patronymic),
    surname: r.fam,
    givenName: r.imya,
    patronymic,
    pin: clean(r.pin),
    birthDate: r.data_rojd,
    gender: r.pol ? GENDER[r.pol.trim()] ?? null : null,
    // AVN records citizenship for students only.
    citizenship: null,
    phone: clean(r.tel),
    email: clean(r.email),
    address: clean(r.adres),
    passport: clean(r.passport),
    photoUrl: clean(r.foto_url),
  };
}

export const employeeCardById = (c: SourceContext) =>
  byKeyLoader(
    c,
    'avn.employeeCardById',
    avn,
    `select e.emp_id as _key, e.fam, e.imya, e.otch, e.pin, e.data_rojd, e.pol, e.tel, e.email, e.adres, e.passport, e.foto_url
       from sotrudnik e where e.emp_id = any($1::int[])`,
    toCard,
  );

export const applicantCardById = (c: SourceContext) =>
  byKeyLoader(
    c,
    'avn.applicantCardById',
    avn,
    `select a.abit_id as _key, a.fam, a.imya, a.otch, a.pin, a.data_rojd, a.pol, a.tel,
            null::text as email, null::text as adres, null::text as passport, null::text as foto_url
       from abiturient a where a.abit_id = any($1::int[])`,
    toCard,
  );

/**
 * The AVN person records whose name matches the text (each word in the surname, given name or
 * patronymic), as identity-registry record references. One statement over the three tables.
 */
export async function avnRecordsByName(c: SourceContext, text: string): Promise<{ source: AvnRecordSource; localKey: string }[]> {
  const p = new Params();
  const where = (alias: string) => and(nameConditions(text, p, alias));
  const rows = await avn(c).query<{ source: AvnRecordSource; local_key: string }>(
    `select 'avn.student' as source, s.stud_id::text as local_key from students s where ${where('s')}
     union all select 'avn.employee', e.emp_id::text from sotrudnik e where ${where('e')}
     union all select 'avn.applicant', a.abit_id::text from abiturient a where ${where('a')}`,
    p.values,
  );
  return rows.map((r) => ({ source: r.source, localKey: r.local_key }));
}
