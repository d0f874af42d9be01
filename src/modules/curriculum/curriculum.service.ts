/** Root lists of curricula and disciplines: GraphQL arguments → the hub's filters → AVN's lists. */
import type { HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import { OrderDirection } from '../../graphql/ordering';
import * as avnCurriculum from '../../sources/avn/avn.curriculum';
import { CurriculumOrderField, DisciplineOrderField, type CurriculaArgs, type DisciplinesArgs } from './curriculum.inputs';

export function listCurricula(context: HubContext, args: CurriculaArgs) {
  const field = args.orderBy?.field ?? CurriculumOrderField.INTAKE_YEAR;
  // Without an explicit order the latest intake comes first: that is the plan people look for.
  const direction = args.orderBy?.direction ?? (args.orderBy ? OrderDirection.ASC : OrderDirection.DESC);
  const where = args.where ?? {};
  return avnCurriculum.listCurricula(context, {
    filter: { programmeKey: where.programmeId ? intKeyOf(where.programmeId, 'Programme') : null, intakeYear: where.intakeYear },
    sort: { field, desc: direction === OrderDirection.DESC },
    page: readPage(args, `curricula:${field}:${direction}`),
  });
}

export function listDisciplines(context: HubContext, args: DisciplinesArgs) {
  const field = args.orderBy?.field ?? DisciplineOrderField.NAME;
  const where = args.where ?? {};
  return avnCurriculum.listDisciplines(context, {
    filter: { chairKey: where.chairId ? intKeyOf(where.chairId, 'Chair') : null, nameContains: where.nameContains },
    sort: { field, desc: args.orderBy?.direction === OrderDirection.DESC },
    page: readPage(args, `disciplines:${field}:${args.orderBy?.direction ?? OrderDirection.ASC}`),
  });
}
