/**
 * AVN → organisation: how AVN's fakultet / kafedra / specialnost / gruppa rows become the hub's
 * Faculty, Chair, Programme and Group, the lists of them (by the hub's filters, within the viewer's
 * reach) and the loaders that read them in batches.
 */
import type { BoundReader, SourceContext } from '../../db/read-context';
import { byKeyLoader, manyByKeyLoader } from '../../db/loaders';
import { loadList } from '../../db/list-loaders';
import type { ConnectionShape, Page, SortColumn } from '../../db/pages';
import { likeEscape } from '../../db/sql';
import { toGlobalId } from '../../domain/global-id';
import type { Reach } from '../../domain/reach';
import {
  DegreeLevel, FacultyKind, type ChairRecord, type FacultyRecord, type GroupFilter, type GroupRecord, type GroupSort, type GroupSortField,
  type ProgrammeFilter, type ProgrammeRecord,
} from '../../domain/organisation';
import { groupScope } from './avn.scopes';

const avn = (context: SourceContext) => context.db.avn;

export interface FakultetRow { fak_id: number; kod: string; name_ky: string; name_ru: string; short_name: string; is_institute: boolean; dekan_emp_id: number | null }
export interface KafedraRow { kaf_id: number; fak_id: number; name_ky: string; name_ru: string; zav_emp_id: number | null }
export interface SpecialnostRow { spec_id: number; fak_id: number; kaf_id: number; shifr: string; name_ky: string; name_ru: string; uroven: string; srok_let: number }
export interface GruppaRow { grp_id: number; spec_id: number; name: string; kurs: number; god_postupleniya: number; kurator_emp_id: number | null; yazyk: string }

const FAKULTET_COLUMNS = 'f.fak_id, f.kod, f.name_ky, f.name_ru, f.short_name, f.is_institute, f.dekan_emp_id';
export const KAFEDRA_COLUMNS = 'k.kaf_id, k.fak_id, k.name_ky, k.name_ru, k.zav_emp_id';
const SPECIALNOST_COLUMNS = 'sp.spec_id, sp.fak_id, sp.kaf_id, sp.shifr, sp.name_ky, sp.name_ru, sp.uroven, sp.srok_let';
export const GRUPPA_COLUMNS = 'g.grp_id, g.spec_id, g.name, g.kurs, g.god_postupleniya, g.kurator_emp_id, g.yazyk';

export function toFaculty(r: FakultetRow): FacultyRecord {
  return {
    __typename: 'Faculty', id: toGlobalId('Faculty', r.fak_id), key: r.fak_id, deanKey: r.dekan_emp_id,
    code: r.kod, name: r.name_ky, nameRu: r.name_ru, shortName: r.short_name,
    kind: r.is_institute ? FacultyKind.INSTITUTE : FacultyKind.FACULTY,
  };
}

export function toChair(r: KafedraRow): ChairRecord {
  return { __typename: 'Chair', id: toGlobalId('Chair', r.kaf_id), key: r.kaf_id, facultyKey: r.fak_id, headKey: r.zav_emp_id, name: r.name_ky, nameRu: r.name_ru };
}

const LEVELS: Record<string, DegreeLevel> = { bakalavr: DegreeLevel.BACHELOR, magistr: DegreeLevel.MASTER, specialist: DegreeLevel.SPECIALIST };

export function toProgramme(r: SpecialnostRow): ProgrammeRecord {
  return {
    __typename: 'Programme', id: toGlobalId('Programme', r.spec_id), key: r.spec_id, facultyKey: r.fak_id, chairKey: r.kaf_id,
    code: r.shifr, name: r.name_ky, nameRu: r.name_ru, level: LEVELS[r.uroven], durationYears: r.srok_let,
  };
}

export function toGroup(r: GruppaRow): GroupRecord {
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

/** Every faculty and institute, by name. */
export function listFaculties(context: SourceContext): Promise<FacultyRecord[]> {
  return avn(context).query<FakultetRow>(`select ${FAKULTET_COLUMNS} from fakultet f order by f.name_ky, f.fak_id`).then((rows) => rows.map(toFaculty));
}

/** The keys of every faculty and institute, ascending (read outside a request: the demo calendar's windows). */
export async function allFacultyKeys(reader: BoundReader): Promise<number[]> {
  const rows = await reader.query<{ fak_id: number }>('select f.fak_id from fakultet f order by f.fak_id');
  return rows.map((r) => r.fak_id);
}

const GROUP_SORT: Record<GroupSortField, SortColumn> = {
  NAME: { sql: 'g.name', key: 'name' },
  YEAR_OF_STUDY: { sql: 'g.kurs', key: 'kurs' },
  INTAKE_YEAR: { sql: 'g.god_postupleniya', key: 'god_postupleniya' },
};

/** A page of study groups; only those the viewer's reach covers. */
export function listGroups(
  context: SourceContext, request: { filter: GroupFilter; sort: GroupSort; page: Page; reach: Reach },
): Promise<ConnectionShape<GroupRecord>> {
  const { filter, sort: { field, desc } } = request;
  return loadList<GruppaRow & Record<string, unknown>, GroupRecord>(
    avn(context),
    {
      from: 'gruppa g join specialnost sp on sp.spec_id = g.spec_id',
      columns: GRUPPA_COLUMNS,
      filters: (p) => [
        filter.facultyKey != null && `sp.fak_id = ${p.add(filter.facultyKey)}`,
        filter.programmeKey != null && `g.spec_id = ${p.add(filter.programmeKey)}`,
        filter.yearOfStudy != null && `g.kurs = ${p.add(filter.yearOfStudy)}`,
        filter.intakeYear != null && `g.god_postupleniya = ${p.add(filter.intakeYear)}`,
        filter.nameContains && `g.name ilike ${p.add(`%${likeEscape(filter.nameContains)}%`)}`,
        groupScope(request.reach, p, 'g.grp_id'),
      ],
      sort: [GROUP_SORT[field], { sql: 'g.grp_id', key: 'grp_id' }].map((c) => ({ ...c, desc })),
    },
    request.page,
    toGroup,
  );
}

const UROVEN: Record<DegreeLevel, string> = { [DegreeLevel.BACHELOR]: 'bakalavr', [DegreeLevel.MASTER]: 'magistr', [DegreeLevel.SPECIALIST]: 'specialist' };

/** A page of study programmes, by code (the published catalogue: no row limit). */
export function listProgrammes(context: SourceContext, request: { filter: ProgrammeFilter; page: Page }): Promise<ConnectionShape<ProgrammeRecord>> {
  const { filter } = request;
  return loadList<SpecialnostRow & Record<string, unknown>, ProgrammeRecord>(
    avn(context),
    {
      from: 'specialnost sp',
      columns: SPECIALNOST_COLUMNS,
      filters: (p) => {
        const search = filter.search ? p.add(`%${likeEscape(filter.search)}%`) : null;
        return [
          filter.facultyKey != null && `sp.fak_id = ${p.add(filter.facultyKey)}`,
          filter.level && `sp.uroven = ${p.add(UROVEN[filter.level])}`,
          search && `(sp.shifr ilike ${search} or sp.name_ky ilike ${search} or sp.name_ru ilike ${search})`,
        ];
      },
      sort: [{ sql: 'sp.shifr', key: 'shifr' }, { sql: 'sp.spec_id', key: 'spec_id' }],
    },
    request.page,
    toProgramme,
  );
}
