/**
 * AVN → organisation: how AVN's fakultet / kafedra / specialnost / gruppa rows become the hub's
 * Faculty, Chair, Programme and Group, and the loaders that read them in batches.
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader, manyByKeyLoader } from '../../db/loaders';
import { toGlobalId } from '../../domain/global-id';
import { DegreeLevel, FacultyKind } from '../../domain/organisation';
import { type Chair, type Faculty, type Group, type Programme } from '../../modules/organisation/organisation.types';

const avn = (context: SourceContext) => context.db.avn;

export interface FakultetRow { fak_id: number; kod: string; name_ky: string; name_ru: string; short_name: string; is_institute: boolean; dekan_emp_id: number | null }
export interface KafedraRow { kaf_id: number; fak_id: number; name_ky: string; name_ru: string; zav_emp_id: number | null }
export interface SpecialnostRow { spec_id: number; fak_id: number; kaf_id: number; shifr: string; name_ky: string; name_ru: string; uroven: string; srok_let: number }
export interface GruppaRow { grp_id: number; spec_id: number; name: string; kurs: number; god_postupleniya: number; kurator_emp_id: number | null; yazyk: string }

export const FAKULTET_COLUMNS = 'f.fak_id, f.kod, f.name_ky, f.name_ru, f.short_name, f.is_institute, f.dekan_emp_id';
export const KAFEDRA_COLUMNS = 'k.kaf_id, k.fak_id, k.name_ky, k.name_ru, k.zav_emp_id';
export const SPECIALNOST_COLUMNS = 'sp.spec_id, sp.fak_id, sp.kaf_id, sp.shifr, sp.name_ky, sp.name_ru, sp.uroven, sp.srok_let';
export const GRUPPA_COLUMNS = 'g.grp_id, g.spec_id, g.name, g.kurs, g.god_postupleniya, g.kurator_emp_id, g.yazyk';

export function toFaculty(r: FakultetRow): Faculty {
  return {
    __typename: 'Faculty', id: toGlobalId('Faculty', r.fak_id), key: r.fak_id, deanKey: r.dekan_emp_id,
    code: r.kod, name: r.name_ky, nameRu: r.name_ru, shortName: r.short_name,
    kind: r.is_institute ? FacultyKind.INSTITUTE : FacultyKind.FACULTY,
  };
}

export function toChair(r: KafedraRow): Chair {
  return { __typename: 'Chair', id: toGlobalId('Chair', r.kaf_id), key: r.kaf_id, facultyKey: r.fak_id, headKey: r.zav_emp_id, name: r.name_ky, nameRu: r.name_ru };
}

const LEVELS: Record<string, DegreeLevel> = { bakalavr: DegreeLevel.BACHELOR, magistr: DegreeLevel.MASTER, specialist: DegreeLevel.SPECIALIST };

export function toProgramme(r: SpecialnostRow): Programme {
  return {
    __typename: 'Programme', id: toGlobalId('Programme', r.spec_id), key: r.spec_id, facultyKey: r.fak_id, chairKey: r.kaf_id,
    code: r.shifr, name: r.name_ky, nameRu: r.name_ru, level: LEVELS[r.uroven], durationYears: r.srok_let,
  };
}

export function toGroup(r: GruppaRow): Group {
  return {
    __typename: 'Group', id: toGlobalId('Group', r.grp_id), key: r.grp_id, programmeKey: r.spec_id, curatorKey: r.kurator_emp_id,
    name: r.name, yearOfStudy: r.kurs, intakeYear: r.god_postupleniya, language: r.yazyk,
  };
}

export const facultyById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.facultyById', avn, `select ${FAKULTET_COLUMNS}, f.fak_id as _key from fakultet f where f.fak_id = any($1::int[])`, toFaculty);

export const chairById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.chairById', avn, `select ${KAFEDRA_COLUMNS}, k.kaf_id as _key from kafedra k where k.kaf_id = any($1::int[])`, toChair);

export const chairsByFaculty = (c: SourceContext) =>
  manyByKeyLoader(c, 'avn.chairsByFaculty', avn, `select ${KAFEDRA_COLUMNS}, k.fak_id as _key from kafedra k where k.fak_id = any($1::int[]) order by k.name_ky, k.kaf_id`, toChair);

export const programmeById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.programmeById', avn, `select ${SPECIALNOST_COLUMNS}, sp.spec_id as _key from specialnost sp where sp.spec_id = any($1::int[])`, toProgramme);

export const programmesByFaculty = (c: SourceContext) =>
  manyByKeyLoader(c, 'avn.programmesByFaculty', avn, `select ${SPECIALNOST_COLUMNS}, sp.fak_id as _key from specialnost sp where sp.fak_id = any($1::int[]) order by sp.shifr, sp.spec_id`, toProgramme);

export const groupById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.groupById', avn, `select ${GRUPPA_COLUMNS}, g.grp_id as _key from gruppa g where g.grp_id = any($1::int[])`, toGroup);

export const groupsByProgramme = (c: SourceContext) =>
  manyByKeyLoader(c, 'avn.groupsByProgramme', avn, `select ${GRUPPA_COLUMNS}, g.spec_id as _key from gruppa g where g.spec_id = any($1::int[]) order by g.kurs, g.name`, toGroup);
