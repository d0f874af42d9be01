/** Queries and relations of electronic grade sheets. */
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { registerNode } from '../../graphql/node';
import { groupById } from '../../sources/avn/avn.organisation';
import { employeeById } from '../../sources/avn/avn.staff';
import { disciplineById, planItemById } from '../../sources/avn/avn.curriculum';
import { gradeSheetById, rowsByGradeSheet } from '../../sources/avn/avn.gradesheets';
import { studentById } from '../../sources/avn/avn.students';
import { Group } from '../organisation/organisation.types';
import { Employee } from '../staff/employee.types';
import { Student } from '../students/student.types';
import { Discipline, PlanItem } from './curriculum.types';
import { GradeSheet, GradeSheetConnection, GradeSheetRow } from './grade-sheet.types';
import { GradeSheetsArgs, NestedGradeSheetsArgs } from './grade-sheet.inputs';
import { gradeSheetsUnder, listGradeSheets } from './grade-sheet.service';

registerNode('GradeSheet', (key, c) => gradeSheetById(c).load(Number(key)));

@Resolver()
export class GradeSheetQueries {
  @Query(() => GradeSheetConnection, { nullable: true,
    description: 'Electronic grade sheets, latest opened first, filtered by group, teacher, academic year, term, semester of study, status, kind or discipline.',
  })
  gradeSheets(@Args() args: GradeSheetsArgs, @Ctx() context: HubContext) {
    return listGradeSheets(context, args);
  }
}

@Resolver(() => GradeSheet)
export class GradeSheetRelations {
  @FieldResolver(() => Group, { description: 'The study group graded on the sheet.' })
  group(@Root() sheet: GradeSheet, @Ctx() context: HubContext) {
    return groupById(context).load(sheet.groupKey);
  }

  @FieldResolver(() => PlanItem, { description: 'The curriculum line (discipline and semester, with credits and grade maxima) the sheet grades.' })
  planItem(@Root() sheet: GradeSheet, @Ctx() context: HubContext) {
    return planItemById(context).load(sheet.planItemKey);
  }

  @FieldResolver(() => Discipline, { description: 'The discipline graded (the plan item\'s discipline).' })
  discipline(@Root() sheet: GradeSheet, @Ctx() context: HubContext) {
    return disciplineById(context).load(sheet.disciplineKey);
  }

  @FieldResolver(() => Employee, { description: 'The teacher who keeps the sheet.' })
  teacher(@Root() sheet: GradeSheet, @Ctx() context: HubContext) {
    return employeeById(context).load(sheet.teacherKey);
  }

  @FieldResolver(() => [GradeSheetRow], { description: 'One row per student on the sheet, by student name.' })
  rows(@Root() sheet: GradeSheet, @Ctx() context: HubContext) {
    return rowsByGradeSheet(context).load(sheet.key);
  }
}

@Resolver(() => GradeSheetRow)
export class GradeSheetRowRelations {
  @FieldResolver(() => Student, { description: 'The student graded.' })
  student(@Root() row: GradeSheetRow, @Ctx() context: HubContext) {
    return studentById(context).load(row.studentKey);
  }
}

@Resolver(() => Employee)
export class EmployeeGradeSheetRelations {
  @FieldResolver(() => GradeSheetConnection, { description: 'The grade sheets this teacher keeps, latest opened first.' })
  gradeSheets(@Root() employee: Employee, @Args() args: NestedGradeSheetsArgs, @Ctx() context: HubContext) {
    return gradeSheetsUnder(context, 'teacher', args).load(employee.key);
  }
}

@Resolver(() => Group)
export class GroupGradeSheetRelations {
  @FieldResolver(() => GradeSheetConnection, { description: 'The grade sheets of this group, latest opened first.' })
  gradeSheets(@Root() group: Group, @Args() args: NestedGradeSheetsArgs, @Ctx() context: HubContext) {
    return gradeSheetsUnder(context, 'group', args).load(group.key);
  }
}

export const gradeSheetResolvers = [
  GradeSheetQueries, GradeSheetRelations, GradeSheetRowRelations, EmployeeGradeSheetRelations, GroupGradeSheetRelations,
] as const;
