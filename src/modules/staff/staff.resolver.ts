/** Queries and relations of employees, the staffing table and the teaching load. */
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { businessToday } from '../../db/read-context';
import { type HubContext } from '../../graphql/context';
import { registerNode } from '../../graphql/node';
import { chairById, facultyById, groupById } from '../../sources/avn/avn.organisation';
import {
  employeeById, employeesByChair, groupsTaughtByEmployee, mainChairByEmployee, positionsByEmployee, positionsByStaffingLine,
  staffingByChair, staffingPositionById, teacherCountByFaculty, teachingLoadByChair, teachingLoadByEmployee, teachingLoadByGroup,
} from '../../sources/avn/avn.staff';
import { disciplineById } from '../../sources/avn/avn.curriculum';
import { Chair, Faculty, Group } from '../organisation/organisation.types';
import { Person } from '../students/student.types';
import { Discipline } from '../curriculum/curriculum.types';
import { Employee, EmployeeConnection } from './employee.types';
import { EmployeePosition, StaffingPosition, StaffingPositionConnection } from './staffing.types';
import { PositionCategory } from '../../domain/staff';
import { TeachingLoad, TeachingLoadItem } from './teaching-load.types';
import { ChairStaffing, ChairTeachingLoad, FacultyStaffing } from './unit-figures.types';
import { ChairTeachingLoadArgs, EmployeesArgs, GroupTeachingLoadArgs, GroupsTaughtArgs, StaffingTableArgs, TeachingLoadArgs } from './staff.inputs';
import { listEmployees, listStaffingTable, loadTerm, teachingLoadOf } from './staff.service';
import { personOfRecord } from '../students/identity';
import { checkAcademicYear } from '../../domain/academic-term';

registerNode('Employee', (key, c) => employeeById(c).load(Number(key)));
registerNode('StaffingPosition', (key, c) => staffingPositionById(c).load(Number(key)));

@Resolver()
export class StaffQueries {
  @Query(() => EmployeeConnection, { nullable: true, description: 'Employees (AVN 4), by name, filtered by chair, faculty, staff kind, activity, name or personnel number.' })
  employees(@Args() args: EmployeesArgs, @Ctx() context: HubContext) {
    return listEmployees(context, args);
  }

  @Query(() => StaffingPositionConnection, { nullable: true,
    description: 'The staffing table (AVN 7): positions per unit with their rates, salary, and filled and vacant rates as of today; filtered by faculty, chair, category or vacancy.',
  })
  staffingTable(@Args() args: StaffingTableArgs, @Ctx() context: HubContext) {
    return listStaffingTable(context, args);
  }
}

@Resolver(() => Employee)
export class EmployeeRelations {
  @FieldResolver(() => [EmployeePosition], { description: 'The employee\'s assignments to staffing-table positions: current ones first, then the latest.' })
  async positions(
    @Root() employee: Employee,
    @Arg('currentOnly', () => Boolean, { defaultValue: false, description: 'True to leave out assignments that have ended (or not yet started).' }) currentOnly: boolean,
    @Ctx() context: HubContext,
  ) {
    const positions = await positionsByEmployee(context).load(employee.key);
    return currentOnly ? positions.filter((p) => p.isCurrent) : positions;
  }

  @FieldResolver(() => TeachingLoad, { description: 'The employee\'s teaching load (AVN 6) in one academic year (the current one unless given), or one term or semester of it, with totals.' })
  async teachingLoad(@Root() employee: Employee, @Args() args: TeachingLoadArgs, @Ctx() context: HubContext) {
    const term = loadTerm(args, false, businessToday(context));
    return teachingLoadOf(await teachingLoadByEmployee(context, term).load(employee.key), term);
  }

  @FieldResolver(() => [Group], { description: 'The distinct groups the employee teaches according to the teaching load, by name.' })
  groupsTaught(@Root() employee: Employee, @Args() args: GroupsTaughtArgs, @Ctx() context: HubContext) {
    checkAcademicYear(args.academicYear);
    const term = { academicYear: args.academicYear ?? null, term: args.term ?? null, semester: null };
    return groupsTaughtByEmployee(context, term).load(employee.key);
  }

  @FieldResolver(() => Chair, {
    nullable: true,
    description: 'The employee\'s main chair: that of the current position with the largest rate (for a former employee, of the latest position in a chair); null for staff outside chairs.',
  })
  chair(@Root() employee: Employee, @Ctx() context: HubContext) {
    return mainChairByEmployee(context).load(employee.key);
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: 'The person this employee record belongs to in the identity registry (links the same person\'s student, library and dormitory records); null when not linked or the hub database is unavailable.',
  })
  person(@Root() employee: Employee, @Ctx() context: HubContext) {
    return personOfRecord(context, 'avn.employee', employee.key);
  }
}

@Resolver(() => EmployeePosition)
export class EmployeePositionRelations {
  @FieldResolver(() => Employee, { description: 'The employee holding the position.' })
  employee(@Root() position: EmployeePosition, @Ctx() context: HubContext) {
    return employeeById(context).load(position.employeeKey);
  }

  @FieldResolver(() => StaffingPosition, { description: 'The line of the staffing table the assignment fills.' })
  staffingPosition(@Root() position: EmployeePosition, @Ctx() context: HubContext) {
    return staffingPositionById(context).load(position.staffingKey);
  }

  @FieldResolver(() => Chair, { nullable: true, description: 'The chair of the position; null unless `unitKind` is CHAIR.' })
  chair(@Root() position: EmployeePosition, @Ctx() context: HubContext) {
    return position.chairKey === null ? null : chairById(context).load(position.chairKey);
  }

  @FieldResolver(() => Faculty, { nullable: true, description: 'The faculty of the position (the chair\'s faculty for a chair position); null for the central administration.' })
  faculty(@Root() position: EmployeePosition, @Ctx() context: HubContext) {
    return position.facultyKey === null ? null : facultyById(context).load(position.facultyKey);
  }
}

@Resolver(() => StaffingPosition)
export class StaffingPositionRelations {
  @FieldResolver(() => Chair, { nullable: true, description: 'The chair of the position; null unless `unitKind` is CHAIR.' })
  chair(@Root() line: StaffingPosition, @Ctx() context: HubContext) {
    return line.chairKey === null ? null : chairById(context).load(line.chairKey);
  }

  @FieldResolver(() => Faculty, { nullable: true, description: 'The faculty of the position (the chair\'s faculty for a chair position); null for the central administration.' })
  faculty(@Root() line: StaffingPosition, @Ctx() context: HubContext) {
    return line.facultyKey === null ? null : facultyById(context).load(line.facultyKey);
  }

  @FieldResolver(() => [EmployeePosition], { description: 'Employees assigned to this position: current first, then the latest.' })
  async assignments(
    @Root() line: StaffingPosition,
    @Arg('currentOnly', () => Boolean, { defaultValue: true, description: 'False to include assignments that have ended (or not yet started).' }) currentOnly: boolean,
    @Ctx() context: HubContext,
  ) {
    const assignments = await positionsByStaffingLine(context).load(line.key);
    return currentOnly ? assignments.filter((a) => a.isCurrent) : assignments;
  }
}

@Resolver(() => TeachingLoadItem)
export class TeachingLoadItemRelations {
  @FieldResolver(() => Employee, { description: 'The teacher the hours are assigned to.' })
  teacher(@Root() item: TeachingLoadItem, @Ctx() context: HubContext) {
    return employeeById(context).load(item.employeeKey);
  }

  @FieldResolver(() => Discipline, { description: 'The discipline taught.' })
  discipline(@Root() item: TeachingLoadItem, @Ctx() context: HubContext) {
    return disciplineById(context).load(item.disciplineKey);
  }

  @FieldResolver(() => Group, { description: 'The group taught.' })
  group(@Root() item: TeachingLoadItem, @Ctx() context: HubContext) {
    return groupById(context).load(item.groupKey);
  }
}

@Resolver(() => Faculty)
export class FacultyStaffRelations {
  @FieldResolver(() => Employee, { nullable: true, description: 'The dean (or director of an institute); null when the post is vacant.' })
  dean(@Root() faculty: Faculty, @Ctx() context: HubContext) {
    return faculty.deanKey === null ? null : employeeById(context).load(faculty.deanKey);
  }

  @FieldResolver(() => FacultyStaffing, { nullable: true, description: 'The faculty\'s headcount today (each employee once, even with positions in two of its chairs); null without access to staffing.' })
  async staffing(@Root() faculty: Faculty, @Ctx() context: HubContext): Promise<FacultyStaffing> {
    return { facultyKey: faculty.key, teacherCount: (await teacherCountByFaculty(context).load(faculty.key)) ?? 0 };
  }
}

@Resolver(() => Chair)
export class ChairStaffRelations {
  @FieldResolver(() => Employee, { nullable: true, description: 'The head of the chair (заведующий кафедрой); null when the post is vacant.' })
  head(@Root() chair: Chair, @Ctx() context: HubContext) {
    return chair.headKey === null ? null : employeeById(context).load(chair.headKey);
  }

  @FieldResolver(() => [Employee], { description: 'Employees holding a current position in this chair (teaching staff and, unless `category` narrows it, laboratory and support staff), by name.' })
  teachers(
    @Root() chair: Chair,
    @Arg('category', () => PositionCategory, { nullable: true, description: 'Only holders of positions of this category, e.g. TEACHING.' }) category: PositionCategory | null | undefined,
    @Ctx() context: HubContext,
  ) {
    return employeesByChair(context, category ?? null).load(chair.key);
  }

  @FieldResolver(() => ChairStaffing, { nullable: true,
    description: 'The chair\'s staffing today: its staffing-table lines summed (as `staffingTable` gives them) and its distinct current employees; null without access to staffing.',
  })
  staffing(@Root() chair: Chair, @Ctx() context: HubContext) {
    return staffingByChair(context).load(chair.key);
  }

  @FieldResolver(() => ChairTeachingLoad, { nullable: true,
    description: 'The teaching-load hours of the chair\'s current employees (each once) in an academic year (the current one unless given).',
  })
  teachingLoad(@Root() chair: Chair, @Args() args: ChairTeachingLoadArgs, @Ctx() context: HubContext) {
    return teachingLoadByChair(context, loadTerm(args, false, businessToday(context)).academicYear).load(chair.key);
  }
}

@Resolver(() => Group)
export class GroupStaffRelations {
  @FieldResolver(() => Employee, { nullable: true, description: 'The group\'s curator (куратор); null when none is appointed.' })
  curator(@Root() group: Group, @Ctx() context: HubContext) {
    return group.curatorKey === null ? null : employeeById(context).load(group.curatorKey);
  }

  @FieldResolver(() => TeachingLoad, {
    description: 'Who teaches what to the group: its teaching-load lines in one term (the current academic year and term unless given).',
  })
  async teachingLoad(@Root() group: Group, @Args() args: GroupTeachingLoadArgs, @Ctx() context: HubContext) {
    const term = loadTerm(args, true, businessToday(context));
    return teachingLoadOf(await teachingLoadByGroup(context, term).load(group.key), term);
  }
}

export const staffResolvers = [
  StaffQueries, EmployeeRelations, EmployeePositionRelations, StaffingPositionRelations, TeachingLoadItemRelations,
  FacultyStaffRelations, ChairStaffRelations, GroupStaffRelations,
] as const;
