/**
 * Links from the study-card rows to the curriculum module's nodes (discipline, curriculum item,
 * grade sheet), so a client can go on from a student's result to the sheet or the plan.
 */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { disciplineById, planItemById } from '../../sources/avn/avn.curriculum';
import { gradeSheetById } from '../../sources/avn/avn.gradesheets';
import { Discipline, PlanItem } from '../curriculum/curriculum.types';
import { GradeSheet } from '../curriculum/grade-sheet.types';
import { DisciplineAttendance, DisciplineRegistration, GradeRecord } from './study-card.types';

@Resolver(() => DisciplineRegistration)
export class RegistrationRelations {
  @FieldResolver(() => Discipline, { description: 'The discipline registered to.' })
  discipline(@Root() registration: DisciplineRegistration, @Ctx() context: HubContext) {
    return disciplineById(context).load(registration.disciplineKey);
  }

  @FieldResolver(() => PlanItem, { description: 'The curriculum item (AVN 11) registered to.' })
  planItem(@Root() registration: DisciplineRegistration, @Ctx() context: HubContext) {
    return planItemById(context).load(registration.planItemKey);
  }
}

@Resolver(() => GradeRecord)
export class GradeRecordRelations {
  @FieldResolver(() => Discipline, { description: 'The discipline graded.' })
  discipline(@Root() grade: GradeRecord, @Ctx() context: HubContext) {
    return disciplineById(context).load(grade.disciplineKey);
  }

  @FieldResolver(() => PlanItem, { description: 'The curriculum item graded.' })
  planItem(@Root() grade: GradeRecord, @Ctx() context: HubContext) {
    return planItemById(context).load(grade.planItemKey);
  }

  @FieldResolver(() => GradeSheet, { description: 'The electronic grade sheet this row is on.' })
  gradeSheet(@Root() grade: GradeRecord, @Ctx() context: HubContext) {
    return gradeSheetById(context).load(grade.sheetKey);
  }
}

@Resolver(() => DisciplineAttendance)
export class DisciplineAttendanceRelations {
  @FieldResolver(() => Discipline, { description: 'The discipline.' })
  discipline(@Root() attendance: DisciplineAttendance, @Ctx() context: HubContext) {
    return disciplineById(context).load(attendance.disciplineKey);
  }
}

export const StudyCardRelations = [RegistrationRelations, GradeRecordRelations, DisciplineAttendanceRelations] as const;
