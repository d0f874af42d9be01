/** Queries and relations of the electronic journal: lessons and attendance marks. */
import { Args, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { registerNode } from '../../graphql/node';
import { groupById } from '../../sources/avn/avn.organisation';
import { employeeById } from '../../sources/avn/avn.staff';
import { disciplineById } from '../../sources/avn/avn.curriculum';
import { lessonById, marksByLesson } from '../../sources/avn/avn.journal';
import { studentById } from '../../sources/avn/avn.students';
import { qrSessionByLesson } from '../../sources/qrvisit/qrvisit.sessions';
import { Group } from '../organisation/organisation.types';
import { Employee } from '../staff/employee.types';
import { Student } from '../students/student.types';
import { Discipline } from '../curriculum/curriculum.types';
import { AttendanceCounts, AttendanceMark, Lesson, LessonConnection } from './lesson.types';
import { QrSession } from './qr-session.types';
import { LessonsArgs, NestedLessonsArgs } from './lesson.inputs';
import { attendanceCounts, lessonsUnder, listLessons } from './lesson.service';
import { attendanceRate } from './attendance-rate';

registerNode('Lesson', (key, c) => lessonById(c).load(Number(key)));

@Resolver()
export class LessonQueries {
  @Query(() => LessonConnection, { nullable: true,
    description: 'Lessons of the electronic journal, by date and period, filtered by group, teacher, discipline, kind and date range.',
  })
  lessons(@Args() args: LessonsArgs, @Ctx() context: HubContext) {
    return listLessons(context, args);
  }
}

@Resolver(() => Lesson)
export class LessonRelations {
  @FieldResolver(() => Group, { description: 'The group the lesson was for.' })
  group(@Root() lesson: Lesson, @Ctx() context: HubContext) {
    return groupById(context).load(lesson.groupKey);
  }

  @FieldResolver(() => Discipline, { description: 'The discipline taught.' })
  discipline(@Root() lesson: Lesson, @Ctx() context: HubContext) {
    return disciplineById(context).load(lesson.disciplineKey);
  }

  @FieldResolver(() => Employee, { description: 'The teacher who gave the lesson.' })
  teacher(@Root() lesson: Lesson, @Ctx() context: HubContext) {
    return employeeById(context).load(lesson.teacherKey);
  }

  @FieldResolver(() => [AttendanceMark], { description: 'Each marked student\'s attendance and mark at this lesson, by student name.' })
  attendance(@Root() lesson: Lesson, @Ctx() context: HubContext) {
    return marksByLesson(context).load(lesson.key);
  }

  @FieldResolver(() => AttendanceCounts, { description: 'How many marked students were present, absent, late or excused.' })
  async attendanceCounts(@Root() lesson: Lesson, @Ctx() context: HubContext) {
    return attendanceCounts(await marksByLesson(context).load(lesson.key));
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Share of the marked students who attended (PRESENT or LATE), from 0 to 1; null when no attendance was marked.',
  })
  async attendanceRate(@Root() lesson: Lesson, @Ctx() context: HubContext) {
    const counts = attendanceCounts(await marksByLesson(context).load(lesson.key));
    return attendanceRate(counts.present, counts.late, counts.total);
  }

  @FieldResolver(() => QrSession, {
    nullable: true,
    description: 'The QR-visit check-in session the teacher opened for this lesson (the latest, if several); null when none was opened or QR-visit is unavailable.',
  })
  qrSession(@Root() lesson: Lesson, @Ctx() context: HubContext) {
    return qrSessionByLesson(context).load(lesson.key);
  }
}

@Resolver(() => AttendanceMark)
export class AttendanceMarkRelations {
  @FieldResolver(() => Student, { description: 'The student marked.' })
  student(@Root() mark: AttendanceMark, @Ctx() context: HubContext) {
    return studentById(context).load(mark.studentKey);
  }
}

@Resolver(() => Group)
export class GroupLessonRelations {
  @FieldResolver(() => LessonConnection, { description: 'The journal lessons of this group, by date and period.' })
  lessons(@Root() group: Group, @Args() args: NestedLessonsArgs, @Ctx() context: HubContext) {
    return lessonsUnder(context, 'group', args).load(group.key);
  }
}

@Resolver(() => Employee)
export class EmployeeLessonRelations {
  @FieldResolver(() => LessonConnection, { description: 'The journal lessons this teacher gave, by date and period.' })
  lessons(@Root() employee: Employee, @Args() args: NestedLessonsArgs, @Ctx() context: HubContext) {
    return lessonsUnder(context, 'teacher', args).load(employee.key);
  }
}

export const lessonResolvers = [LessonQueries, LessonRelations, AttendanceMarkRelations, GroupLessonRelations, EmployeeLessonRelations] as const;
