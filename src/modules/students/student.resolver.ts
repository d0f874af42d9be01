/** Queries of students and people, and the relations of Student and Group.students. */
import { Arg, Args, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { registerNode } from '../../graphql/node';
import { facultyById, programmeById, groupById } from '../../sources/avn/avn.organisation';
import { studentById, studentByNumber, studentCountByGroup } from '../../sources/avn/avn.students';
import { registrationsByStudent } from '../../sources/avn/avn.registrations';
import { Faculty, Group, Programme } from '../organisation/organisation.types';
import { personOfRecord } from './identity';
import { listPeople, personByKey, personByPin } from './person.service';
import { PersonRelations } from './person.resolver';
import { StudyCardRelations } from './study-card.resolver';
import { AcademicDebtorResolvers } from './academic-debtors.resolver';
import { GroupStudentsArgs, PeopleArgs, PersonByPinArgs, StudentByNumberArgs, StudentsArgs } from './student.inputs';
import { academicRecord, attendanceSummary, groupStudents, listStudents } from './student.service';
import { Person, PersonConnection, Student, StudentConnection } from './student.types';
import { StudentStatus } from '../../domain/students';
import { AttendanceSummary, DisciplineRegistration, SemesterRecord } from './study-card.types';

registerNode('Student', (key, c) => studentById(c).load(Number(key)));
registerNode('Person', (key, c) => (Number.isInteger(Number(key)) ? personByKey(c, Number(key)) : Promise.resolve(null)));

@Resolver()
export class StudentQueries {
  @Query(() => StudentConnection, { nullable: true,
    description: 'Student records (AVN), filtered by group, faculty, programme, status, funding, name, PIN, student number or intake year; by name unless ordered otherwise.',
  })
  students(@Args() args: StudentsArgs, @Ctx() context: HubContext) {
    return listStudents(context, args);
  }

  @Query(() => Student, { nullable: true, description: 'The student record with this student-book number (зачетка); null when there is none.' })
  student(@Args() { studentNumber }: StudentByNumberArgs, @Ctx() context: HubContext) {
    return studentByNumber(context).load(studentNumber);
  }

  @Query(() => Person, {
    nullable: true,
    description: 'The person holding this PIN, in any linked source system; null when nobody has it. A PIN that is not 14 digits is a VALIDATION_FAILED error.',
  })
  personByPin(@Args() { pin }: PersonByPinArgs, @Ctx() context: HubContext) {
    return personByPin(context, pin);
  }

  @Query(() => PersonConnection, { nullable: true, description: 'People of the identity registry (everyone any source system knows), by registry id; filter by name or PIN.' })
  people(@Args() args: PeopleArgs, @Ctx() context: HubContext) {
    return listPeople(context, args);
  }
}

@Resolver(() => Student)
export class StudentRelations {
  @FieldResolver(() => Person, { nullable: true, description: 'The person this record belongs to (identity registry); null while the registry has not linked it.' })
  person(@Root() student: Student, @Ctx() context: HubContext) {
    return personOfRecord(context, 'avn.student', student.key);
  }

  @FieldResolver(() => Group, { description: 'The study group the student is in (the last one, for expelled and graduated students).' })
  group(@Root() student: Student, @Ctx() context: HubContext) {
    return groupById(context).load(student.groupKey);
  }

  @FieldResolver(() => Programme, { description: 'The programme the student studies (the group\'s programme).' })
  programme(@Root() student: Student, @Ctx() context: HubContext) {
    return programmeById(context).load(student.programmeKey);
  }

  @FieldResolver(() => Faculty, { description: 'The faculty or institute of the student\'s programme.' })
  faculty(@Root() student: Student, @Ctx() context: HubContext) {
    return facultyById(context).load(student.facultyKey);
  }

  @FieldResolver(() => [DisciplineRegistration], {
    description: 'Disciplines the student registered to (AVN 33), by academic year, semester and discipline name; withdrawals included (see `status`).',
  })
  async registrations(
    @Root() student: Student,
    @Ctx() context: HubContext,
    @Arg('academicYear', () => String, { nullable: true, description: 'Only this academic year, e.g. "2025-2026".' }) academicYear?: string | null,
    @Arg('semester', () => Int, { nullable: true, description: 'Only this semester of study (counted from 1 at admission, as the curriculum numbers it).' }) semester?: number | null,
  ) {
    const all = await registrationsByStudent(context).load(student.key);
    return all.filter((r) => (academicYear == null || r.academicYear === academicYear) && (semester == null || r.semester === semester));
  }

  @FieldResolver(() => [SemesterRecord], { description: 'Grade-sheet results per academic year and semester, oldest first, each with its semester GPA.' })
  async semesters(@Root() student: Student, @Ctx() context: HubContext) {
    return (await academicRecord(context, student.key)).semesters;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Cumulative GPA = Σ(credits × grade points) / Σ credits over all counted grade-sheet rows (see `GradeRecord.countsTowardGpa`), computed exactly and rounded half up to two decimals (3.165 is 3.17, as PostgreSQL round(numeric, 2)); null before any result.',
  })
  async gpa(@Root() student: Student, @Ctx() context: HubContext) {
    return (await academicRecord(context, student.key)).gpa;
  }

  @FieldResolver(() => Float, { description: 'Credits with a passing result over all semesters (counted rows with grade points above zero).' })
  async earnedCredits(@Root() student: Student, @Ctx() context: HubContext) {
    return (await academicRecord(context, student.key)).earnedCredits;
  }

  @FieldResolver(() => AttendanceSummary, { description: 'Attendance over all lessons of the electronic journal, in total and per discipline.' })
  attendanceSummary(@Root() student: Student, @Ctx() context: HubContext) {
    return attendanceSummary(context, student.key);
  }
}

@Resolver(() => Group)
export class GroupStudentRelations {
  @FieldResolver(() => StudentConnection, { description: 'The students of this group, by name unless ordered otherwise; all statuses unless filtered.' })
  students(@Root() group: Group, @Args() args: GroupStudentsArgs, @Ctx() context: HubContext) {
    return groupStudents(context, args).load(group.key);
  }

  @FieldResolver(() => Int, { description: 'How many student records the group has (of one status when `status` is given).' })
  studentCount(
    @Root() group: Group,
    @Ctx() context: HubContext,
    @Arg('status', () => StudentStatus, { nullable: true, description: 'Count only students with this status.' }) status?: StudentStatus | null,
  ) {
    return studentCountByGroup(context, status ?? null).load(group.key);
  }
}

export const studentResolvers = [StudentQueries, StudentRelations, GroupStudentRelations, PersonRelations, ...StudyCardRelations, ...AcademicDebtorResolvers] as const;
