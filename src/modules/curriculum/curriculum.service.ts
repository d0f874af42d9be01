/** Root lists of curricula and disciplines (reads AVN through its mapping layer). */
import type { HubContext } from '../../graphql/context';
import { loadList } from '../../db/list-loaders';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import { OrderDirection, sortBy } from '../../graphql/ordering';
import { likeEscape } from '../../db/sql';
import {
  DISCIPLINA_COLUMNS, UCH_PLAN_COLUMNS, toCurriculum, toDiscipline, type DisciplinaRow, type UchPlanRow,
} from '../../sources/avn/avn.curriculum';
import { CurriculumOrderField, DisciplineOrderField, type CurriculaArgs, type DisciplinesArgs } from './curriculum.inputs';

const CURRICULUM_SORT = {
  [CurriculumOrderField.INTAKE_YEAR]: { sql: 'up.god_nabora', key: 'god_nabora' },
  [CurriculumOrderField.NAME]: { sql: 'up.name', key: 'name' },
  [CurriculumOrderField.APPROVED_ON]: { sql: 'up.utverjden', key: 'utverjden' },
};

export function listCurricula(context: HubContext, args: CurriculaArgs) {
  const field = args.orderBy?.field ?? CurriculumOrderField.INTAKE_YEAR;
  // Without an explicit order the latest intake comes first: that is the plan people look for.
  const direction = args.orderBy?.direction ?? (args.orderBy ? OrderDirection.ASC : OrderDirection.DESC);
  const sort = sortBy(CURRICULUM_SORT[field], direction, { sql: 'up.plan_id', key: 'plan_id' });
  const where = args.where ?? {};
  const programmeKey = where.programmeId ? intKeyOf(where.programmeId, 'Programme') : null;
  return loadList<UchPlanRow & Record<string, unknown>, ReturnType<typeof toCurriculum>>(
    context.db.avn,
    {
      from: 'uch_plan up',
      columns: UCH_PLAN_COLUMNS,
      filters: (p) => [
        programmeKey !== null && `up.spec_id = ${p.add(programmeKey)}`,
        where.intakeYear != null && `up.god_nabora = ${p.add(where.intakeYear)}`,
      ],
      sort,
    },
    readPage(args, `curricula:${field}:${direction}`),
    toCurriculum,
  );
}

const DISCIPLINE_SORT = {
  [DisciplineOrderField.NAME]: { sql: 'ds.name_ky', key: 'name_ky' },
  [DisciplineOrderField.CODE]: { sql: 'ds.kod', key: 'kod' },
};

export function listDisciplines(context: HubContext, args: DisciplinesArgs) {
  const field = args.orderBy?.field ?? DisciplineOrderField.NAME;
  const sort = sortBy(DISCIPLINE_SORT[field], args.orderBy?.direction, { sql: 'ds.disc_id', key: 'disc_id' });
  const where = args.where ?? {};
  const chairKey = where.chairId ? intKeyOf(where.chairId, 'Chair') : null;
  return loadList<DisciplinaRow & Record<string, unknown>, ReturnType<typeof toDiscipline>>(
    context.db.avn,
    {
      from: 'disciplina ds',
      columns: DISCIPLINA_COLUMNS,
      filters: (p) => {
        const text = where.nameContains ? p.add(`%${likeEscape(where.nameContains)}%`) : null;
        return [
          chairKey !== null && `ds.kaf_id = ${p.add(chairKey)}`,
          text && `(ds.name_ky ilike ${text} or ds.name_ru ilike ${text} or ds.kod ilike ${text})`,
        ];
      },
      sort,
    },
    readPage(args, `disciplines:${field}:${args.orderBy?.direction ?? OrderDirection.ASC}`),
    toDiscipline,
  );
}
