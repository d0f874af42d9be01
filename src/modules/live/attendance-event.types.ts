/** The `attendanceMarked` subscription's event and filter. */
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { DateTime } from '../../graphql/scalars';
import { AttendanceMark, type Lesson } from '../attendance/lesson.types';
import type { Student } from '../students/student.types';
import { AttendanceOrigin } from '../../domain/live';

registerEnumType(AttendanceOrigin, {
  name: 'AttendanceOrigin',
  description: 'Where an attendance event was recorded.',
  valuesConfig: {
    JOURNAL: { description: 'A mark written into the AVN journal: by the teacher, or by a QR check-in made through this hub.' },
    QR_SCAN: {
      description:
        'A scan that the QR-visit system accepted on its own devices (not through this hub); the student is present. ' +
        'It may reach the journal later as a separate JOURNAL event.',
    },
  },
});

@HubObject('An attendance mark as it happens: a journal mark entered or changed (by a teacher, or by a QR check-in), or a scan QR-visit accepted on its own.', { node: false })
export class AttendanceEvent {
  /** Hidden keys: the guard's row rules, the filters and the relations read them. */
  lessonKey!: number;
  studentKey!: number;
  groupKey!: number;
  teacherKey!: number;
  disciplineKey!: number;
  /** The faculty of the lesson's group (null when the group's programme is unknown). */
  facultyKey!: number | null;
  /**
   * The lesson and student as read when the event was resolved (once per event for every
   * subscriber of the instance), so `lesson` and `student` need no statement per subscriber.
   */
  loaded?: { lesson: Lesson; student: Student | null };

  @Field(() => String, {
    description: 'This event\'s position in the hub\'s event log. Pass the last one you received as `after` when you resubscribe to get exactly the events you missed.',
  })
  cursor!: string;

  @Field(() => AttendanceOrigin, { description: 'Where the mark was recorded: the AVN journal, or a QR-visit scan accepted outside this hub.' })
  origin!: AttendanceOrigin;

  @Field(() => AttendanceMark, { description: 'The mark as it was written by this change (presence, points, manual or QR). A QR_SCAN event is PRESENT, without points, source QR.' })
  mark!: AttendanceMark;

  @Field(() => DateTime, { description: 'When the journal recorded the change, or (QR_SCAN) when the student scanned.' })
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
