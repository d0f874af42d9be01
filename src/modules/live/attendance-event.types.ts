/** The `attendanceMarked` subscription's event and filter. */
import { Field, ID, InputType } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { DateTime } from '../../graphql/scalars';
import { AttendanceMark } from '../attendance/lesson.types';

@HubObject('A journal attendance mark that was entered or changed (by a teacher, or by a QR check-in).', { node: false })
export class AttendanceEvent {
  /** Hidden keys: the guard's row rules and the relations read them. */
  lessonKey!: number;
  studentKey!: number;
  groupKey!: number;
  teacherKey!: number;

  @Field(() => String, {
    description: 'This event\'s position in the hub\'s event log. Pass the last one you received as `after` when you resubscribe to get exactly the events you missed.',
  })
  cursor!: string;

  @Field(() => AttendanceMark, { description: 'The mark as it was written by this change (presence, points, manual or QR).' })
  mark!: AttendanceMark;

  @Field(() => DateTime, { description: 'When the journal recorded the change.' })
  at!: Date;
}

@InputType({ description: 'Which attendance marks to receive. All given conditions must hold; none: every mark you may see.' })
export class AttendanceEventWhere {
  @Field(() => ID, { nullable: true, description: 'Only marks of this journal lesson (a Lesson id).' })
  lessonId?: string;

  @Field(() => ID, { nullable: true, description: 'Only marks of lessons of this study group (a Group id).' })
  groupId?: string;

  @Field(() => ID, { nullable: true, description: 'Only marks of lessons of this discipline (a Discipline id).' })
  disciplineId?: string;

  @Field(() => ID, { nullable: true, description: 'Only marks of lessons of groups of this faculty (a Faculty id).' })
  facultyId?: string;
}
