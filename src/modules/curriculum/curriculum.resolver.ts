/** Queries and relations of curricula, their lines and disciplines. */
import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { registerNode } from '../../graphql/node';
import { chairById, programmeById } from '../../sources/avn/avn.organisation';
import {
  creditsBySemesterOfCurriculum, curriculaByProgramme, curriculumById, disciplineById, disciplinesByChair, planItemById, planItemsByCurriculum,
} from '../../sources/avn/avn.curriculum';
import { Chair, Programme } from '../organisation/organisation.types';
import { Curriculum, CurriculumConnection, Discipline, DisciplineConnection, PlanItem, SemesterCredits } from './curriculum.types';
import { CurriculaArgs, DisciplinesArgs } from './curriculum.inputs';
import { listCurricula, listDisciplines } from './curriculum.service';

registerNode('Curriculum', (key, c) => curriculumById(c).load(Number(key)));
registerNode('PlanItem', (key, c) => planItemById(c).load(Number(key)));
registerNode('Discipline', (key, c) => disciplineById(c).load(Number(key)));

@Resolver()
export class CurriculumQueries {
  @Query(() => CurriculumConnection, { nullable: true, description: 'Curricula (AVN 11), latest intake first, filtered by programme and intake year.' })
  curricula(@Args() args: CurriculaArgs, @Ctx() context: HubContext) {
    return listCurricula(context, args);
  }

  @Query(() => DisciplineConnection, { nullable: true, description: 'Disciplines, by name, filtered by chair or by text in the name or code.' })
  disciplines(@Args() args: DisciplinesArgs, @Ctx() context: HubContext) {
    return listDisciplines(context, args);
  }
}

@Resolver(() => Curriculum)
export class CurriculumRelations {
  @FieldResolver(() => Programme, { description: 'The programme the curriculum belongs to.' })
  programme(@Root() curriculum: Curriculum, @Ctx() context: HubContext) {
    return programmeById(context).load(curriculum.programmeKey);
  }

  @FieldResolver(() => [PlanItem], { description: 'The lines of the curriculum, by semester and discipline name.' })
  items(
    @Root() curriculum: Curriculum,
    @Arg('semester', () => Int, { nullable: true, description: 'Only the lines of this semester of study (1, 2, …); every semester when omitted.' }) semester: number | null | undefined,
    @Ctx() context: HubContext,
  ) {
    return planItemsByCurriculum(context, semester ?? null).load(curriculum.key);
  }

  @FieldResolver(() => [SemesterCredits], {
    description: 'Credits per semester of study: the sum of the credits of the curriculum\'s lines of each semester, by semester (semesters without lines are left out).',
  })
  creditsBySemester(@Root() curriculum: Curriculum, @Ctx() context: HubContext) {
    return creditsBySemesterOfCurriculum(context).load(curriculum.key);
  }
}

@Resolver(() => PlanItem)
export class PlanItemRelations {
  @FieldResolver(() => Curriculum, { description: 'The curriculum this line belongs to.' })
  curriculum(@Root() item: PlanItem, @Ctx() context: HubContext) {
    return curriculumById(context).load(item.curriculumKey);
  }

  @FieldResolver(() => Discipline, { description: 'The discipline studied.' })
  discipline(@Root() item: PlanItem, @Ctx() context: HubContext) {
    return disciplineById(context).load(item.disciplineKey);
  }
}

@Resolver(() => Discipline)
export class DisciplineRelations {
  @FieldResolver(() => Chair, { description: 'The chair that teaches the discipline.' })
  chair(@Root() discipline: Discipline, @Ctx() context: HubContext) {
    return chairById(context).load(discipline.chairKey);
  }
}

@Resolver(() => Chair)
export class ChairCurriculumRelations {
  @FieldResolver(() => [Discipline], { description: 'The disciplines the chair teaches, by name.' })
  disciplines(@Root() chair: Chair, @Ctx() context: HubContext) {
    return disciplinesByChair(context).load(chair.key);
  }
}

@Resolver(() => Programme)
export class ProgrammeCurriculumRelations {
  @FieldResolver(() => [Curriculum], { description: 'The curricula of the programme, one per intake year, latest first.' })
  curricula(@Root() programme: Programme, @Ctx() context: HubContext) {
    return curriculaByProgramme(context).load(programme.key);
  }
}

export const curriculumResolvers = [
  CurriculumQueries, CurriculumRelations, PlanItemRelations, DisciplineRelations, ChairCurriculumRelations, ProgrammeCurriculumRelations,
] as const;
