/** Root lists of the organisation tree: GraphQL arguments → the hub's filters → AVN's lists. */
import type { HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import { OrderDirection } from '../../graphql/ordering';
import * as avnOrganisation from '../../sources/avn/avn.organisation';
import { GroupOrderField, type GroupsArgs, type ProgrammesArgs } from './organisation.inputs';
import { viewerReach } from '../../auth/policies';

export function listFaculties(context: HubContext) {
  return avnOrganisation.listFaculties(context);
}

export function listGroups(context: HubContext, args: GroupsArgs) {
  const field = args.orderBy?.field ?? GroupOrderField.NAME;
  const where = args.where ?? {};
  return avnOrganisation.listGroups(context, {
    filter: {
      facultyKey: where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null,
      programmeKey: where.programmeId ? intKeyOf(where.programmeId, 'Programme') : null,
      yearOfStudy: where.yearOfStudy, intakeYear: where.intakeYear, nameContains: where.nameContains,
    },
    sort: { field, desc: args.orderBy?.direction === OrderDirection.DESC },
    page: readPage(args, `groups:${field}:${args.orderBy?.direction ?? OrderDirection.ASC}`),
    // Access: only the groups the viewer's reach covers.
    reach: viewerReach(context),
  });
}

export function listProgrammes(context: HubContext, args: ProgrammesArgs) {
  const where = args.where ?? {};
  return avnOrganisation.listProgrammes(context, {
    filter: { facultyKey: where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null, level: where.level, search: where.search },
    page: readPage(args, 'programmes:code'),
  });
}
