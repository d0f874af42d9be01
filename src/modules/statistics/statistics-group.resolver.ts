/** The objects a statistics group names: organisation units, disciplines, teachers, buildings (each under its own access rules). */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { buildingById } from '../../sources/dormitory/dormitory.buildings';
import { disciplineById } from '../../sources/avn/avn.curriculum';
import { chairById, facultyById, groupById, programmeById } from '../../sources/avn/avn.organisation';
import { employeeById } from '../../sources/avn/avn.staff';
import { Discipline } from '../curriculum/curriculum.types';
import { DormitoryBuilding } from '../dormitory/building.types';
import { Chair, Faculty, Group, Programme } from '../organisation/organisation.types';
import { Employee } from '../staff/employee.types';
import { DIMENSION_DESCRIPTIONS, StatisticsGroup } from './statistics.types';

const load = <T>(key: number | null | undefined, loader: { load(key: number): Promise<T> }) => (key == null ? null : loader.load(key));

@Resolver(() => StatisticsGroup)
export class StatisticsGroupRelations {
  @FieldResolver(() => Faculty, { nullable: true, description: DIMENSION_DESCRIPTIONS.FACULTY })
  faculty(@Root() g: StatisticsGroup, @Ctx() context: HubContext) {
    return load(g.facultyKey, facultyById(context));
  }

  @FieldResolver(() => Programme, { nullable: true, description: DIMENSION_DESCRIPTIONS.PROGRAMME })
  programme(@Root() g: StatisticsGroup, @Ctx() context: HubContext) {
    return load(g.programmeKey, programmeById(context));
  }

  @FieldResolver(() => Group, { nullable: true, description: DIMENSION_DESCRIPTIONS.GROUP })
  studyGroup(@Root() g: StatisticsGroup, @Ctx() context: HubContext) {
    return load(g.groupKey, groupById(context));
  }

  @FieldResolver(() => Discipline, { nullable: true, description: DIMENSION_DESCRIPTIONS.DISCIPLINE })
  discipline(@Root() g: StatisticsGroup, @Ctx() context: HubContext) {
    return load(g.disciplineKey, disciplineById(context));
  }

  @FieldResolver(() => Employee, { nullable: true, description: DIMENSION_DESCRIPTIONS.TEACHER })
  teacher(@Root() g: StatisticsGroup, @Ctx() context: HubContext) {
    return load(g.teacherKey, employeeById(context));
  }

  @FieldResolver(() => Chair, { nullable: true, description: DIMENSION_DESCRIPTIONS.CHAIR })
  chair(@Root() g: StatisticsGroup, @Ctx() context: HubContext) {
    return load(g.chairKey, chairById(context));
  }

  @FieldResolver(() => DormitoryBuilding, { nullable: true, description: DIMENSION_DESCRIPTIONS.BUILDING })
  building(@Root() g: StatisticsGroup, @Ctx() context: HubContext) {
    return load(g.buildingKey, buildingById(context));
  }
}
