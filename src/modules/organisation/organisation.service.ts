/** Root lists of the organisation tree (reads AVN through its mapping layer). */
import type { HubContext } from '../../graphql/context';
import { loadList } from '../../db/list-loaders';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import { OrderDirection, sortBy } from '../../graphql/ordering';
import { likeEscape } from '../../db/sql';
import { FAKULTET_COLUMNS, GRUPPA_COLUMNS, SPECIALNOST_COLUMNS, toFaculty, toGroup, toProgramme, type FakultetRow, type GruppaRow, type SpecialnostRow } from '../../sources/avn/avn.organisation';
import { GroupOrderField, type GroupsArgs, type ProgrammesArgs } from './organisation.inputs';
import { DegreeLevel } from '../../domain/organisation';
import { groupScope } from '../../sources/avn/avn.scopes';
import { viewerReach } from '../../auth/policies';

export async function listFaculties(context: HubContext) {
  const rows = await context.db.avn.query<FakultetRow>(`select ${FAKULTET_COLUMNS} from fakultet f order by f.name_ky, f.fak_id`);
  return rows.map(toFaculty);
}

const GROUP_SORT = {
  [GroupOrderField.NAME]: { sql: 'g.name', key: 'name' },
  [GroupOrderField.YEAR_OF_STUDY]: { sql: 'g.kurs', key: 'kurs' },
  [GroupOrderField.INTAKE_YEAR]: { sql: 'g.god_postupleniya', key: 'god_postupleniya' },
};

export function listGroups(context: HubContext, args: GroupsArgs) {
  const field = args.orderBy?.field ?? GroupOrderField.NAME;
  const sort = sortBy(GROUP_SORT[field], args.orderBy?.direction, { sql: 'g.grp_id', key: 'grp_id' });
  const where = args.where ?? {};
  const facultyKey = where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null;
  const programmeKey = where.programmeId ? intKeyOf(where.programmeId, 'Programme') : null;
  return loadList<GruppaRow & Record<string, unknown>, ReturnType<typeof toGroup>>(
    context.db.avn,
    {
      from: 'gruppa g join specialnost sp on sp.spec_id = g.spec_id',
      columns: GRUPPA_COLUMNS,
      filters: (p) => [
        facultyKey !== null && `sp.fak_id = ${p.add(facultyKey)}`,
        programmeKey !== null && `g.spec_id = ${p.add(programmeKey)}`,
        where.yearOfStudy != null && `g.kurs = ${p.add(where.yearOfStudy)}`,
        where.intakeYear != null && `g.god_postupleniya = ${p.add(where.intakeYear)}`,
        where.nameContains && `g.name ilike ${p.add(`%${likeEscape(where.nameContains)}%`)}`,
        // Access: only the groups the viewer's reach covers (src/sources/avn/avn.scopes.ts).
        groupScope(viewerReach(context), p, 'g.grp_id'),
      ],
      sort,
    },
    readPage(args, `groups:${field}:${args.orderBy?.direction ?? OrderDirection.ASC}`),
    toGroup,
  );
}

const UROVEN: Record<DegreeLevel, string> = { [DegreeLevel.BACHELOR]: 'bakalavr', [DegreeLevel.MASTER]: 'magistr', [DegreeLevel.SPECIALIST]: 'specialist' };

export function listProgrammes(context: HubContext, args: ProgrammesArgs) {
  const where = args.where ?? {};
  const facultyKey = where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null;
  return loadList<SpecialnostRow & Record<string, unknown>, ReturnType<typeof toProgramme>>(
    context.db.avn,
    {
      from: 'specialnost sp',
      columns: SPECIALNOST_COLUMNS,
      filters: (p) => {
        const search = where.search ? p.add(`%${likeEscape(where.search)}%`) : null;
        return [
          facultyKey !== null && `sp.fak_id = ${p.add(facultyKey)}`,
          where.level && `sp.uroven = ${p.add(UROVEN[where.level])}`,
          search && `(sp.shifr ilike ${search} or sp.name_ky ilike ${search} or sp.name_ru ilike ${search})`,
        ];
      },
      sort: [{ sql: 'sp.shifr', key: 'shifr' }, { sql: 'sp.spec_id', key: 'spec_id' }],
    },
    readPage(args, 'programmes:code'),
    toProgramme,
  );
}
