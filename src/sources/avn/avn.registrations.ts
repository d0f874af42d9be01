/**
 * AVN 33 → registrations: a student's registrations to curriculum items (registraciya joined to
 * uch_plan_str and disciplina) as the hub's DisciplineRegistration.
 */
import type { SourceContext } from '../../db/read-context';
import { manyByKeyLoader } from '../../db/loaders';
import { RegistrationStatus, type DisciplineRegistrationRecord } from '../../domain/students';
import { toTermItem, type TermItemRow } from './avn.grades';

const avn = (context: SourceContext) => context.db.avn;

const STATUS: Record<string, RegistrationStatus> = { zapisan: RegistrationStatus.REGISTERED, otkazalsya: RegistrationStatus.WITHDRAWN };

interface RegistraciyaRow extends TermItemRow {
  _key: number;
  reg_id: number;
  data_reg: string;
  status: string;
}

function toRegistration(r: RegistraciyaRow): DisciplineRegistrationRecord {
  return {
    key: r.reg_id,
    ...toTermItem(r),
    registeredOn: r.data_reg,
    status: STATUS[r.status],
  };
}

/** All registrations of a batch of students, by academic year, semester and discipline name. */
export const registrationsByStudent = (c: SourceContext) =>
  manyByKeyLoader(
    c,
    'avn.registrationsByStudent',
    avn,
    `select r.stud_id as _key, r.reg_id, r.str_id, ups.disc_id, r.uch_god, r.semestr, r.data_reg, r.status,
            ups.kredity, ups.forma_kontrolya, d.kod, d.name_ky, d.name_ru
       from registraciya r
       join uch_plan_str ups on ups.str_id = r.str_id
       join disciplina d on d.disc_id = ups.disc_id
      where r.stud_id = any($1::int[])
      order by r.stud_id, r.uch_god, r.semestr, d.name_ky, r.reg_id`,
    toRegistration,
  );
