/** Queries and relations of the organisation tree. */
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { registerNode } from '../../graphql/node';
import { chairById, chairsByFaculty, facultyById, groupById, groupsByProgramme, programmeById, programmesByFaculty } from '../../sources/avn/avn.organisation';
import { GroupsArgs, ProgrammesArgs } from './organisation.inputs';
import { listFaculties, listGroups, listProgrammes } from './organisation.service';
import { Chair, Faculty, Group, GroupConnection, Programme, ProgrammeConnection } from './organisation.types';

registerNode('Faculty', (key, c) => facultyById(c).load(Number(key)));
registerNode('Chair', (key, c) => chairById(c).load(Number(key)));
registerNode('Programme', (key, c) => programmeById(c).load(Number(key)));
registerNode('Group', (key, c) => groupById(c).load(Number(key)));

@Resolver()
export class OrganisationQueries {
  @Query(() => [Faculty], { nullable: true, description: 'All institutes and faculties of the university, by name.' })
  faculties(@Ctx() context: HubContext) {
    return listFaculties(context);
  }

  @Query(() => ProgrammeConnection, { nullable: true, description: 'Study programmes (specialities), by code, filtered by faculty, level or text.' })
  programmes(@Args() args: ProgrammesArgs, @Ctx() context: HubContext) {
    return listProgrammes(context, args);
  }

  @Query(() => GroupConnection, { nullable: true, description: 'Study groups, filtered by faculty, programme, year of study, intake year or name.' })
  groups(@Args() args: GroupsArgs, @Ctx() context: HubContext) {
    return listGroups(context, args);
  }
}

@Resolver(() => Faculty)
export class FacultyRelations {
  @FieldResolver(() => [Chair], { description: 'The chairs of this faculty, by name.' })
  chairs(@Root() faculty: Faculty, @Ctx() context: HubContext) {
    return chairsByFaculty(context).load(faculty.key);
  }

  @FieldResolver(() => [Programme], { description: 'The programmes this faculty runs, by code.' })
  programmes(@Root() faculty: Faculty, @Ctx() context: HubContext) {
    return programmesByFaculty(context).load(faculty.key);
  }
}

@Resolver(() => Chair)
export class ChairRelations {
  @FieldResolver(() => Faculty, { description: 'The faculty or institute the chair belongs to.' })
  faculty(@Root() chair: Chair, @Ctx() context: HubContext) {
    return facultyById(context).load(chair.facultyKey);
  }
}

@Resolver(() => Programme)
export class ProgrammeRelations {
  @FieldResolver(() => Faculty, { description: 'The faculty or institute that runs the programme.' })
  faculty(@Root() programme: Programme, @Ctx() context: HubContext) {
    return facultyById(context).load(programme.facultyKey);
  }

  @FieldResolver(() => Chair, { description: 'The chair responsible for the programme.' })
  chair(@Root() programme: Programme, @Ctx() context: HubContext) {
    return chairById(context).load(programme.chairKey);
  }

  @FieldResolver(() => [Group], { description: 'The study groups of this programme, by year of study and name.' })
  groups(@Root() programme: Programme, @Ctx() context: HubContext) {
    return groupsByProgramme(context).load(programme.key);
  }
}

@Resolver(() => Group)
export class GroupRelations {
  @FieldResolver(() => Programme, { description: 'The programme the group studies.' })
  programme(@Root() group: Group, @Ctx() context: HubContext) {
    return programmeById(context).load(group.programmeKey);
  }
}

export const organisationResolvers = [OrganisationQueries, FacultyRelations, ChairRelations, ProgrammeRelations, GroupRelations] as const;
