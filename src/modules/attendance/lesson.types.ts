/** The electronic journal (электрондук журнал): lessons held and each student's attendance and mark. */
import { Field, Float, Int, registerEnumType } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { LocalDate } from '../../graphql/scalars';
import { ConnectionType } from '../../graphql/connection';
import { LessonKind } from '../../domain/curriculum';
import { Presence, MarkSource, type AttendanceMarkRecord, type LessonRecord } from '../../domain/attendance';

registerEnumType(Presence, {
  name: 'Presence',
  description: 'A student\'s attendance at one lesson, as the journal records it.',
  valuesConfig: {
    PRESENT: { description: 'Attended.' },
    ABSENT: { description: 'Absent without a valid reason.' },
    LATE: { description: 'Attended, but came late (counts as attended in `attendanceRate`).' },
    EXCUSED: { description: 'Absent for a valid reason (illness, official leave).' },
  },
});

registerEnumType(MarkSource, {
  name: 'MarkSource',
  description: 'Who put an attendance mark into the journal.',
  valuesConfig: {
    MANUAL: { description: 'Entered by the teacher.' },
    QR: { description: 'Recorded automatically from an accepted QR-visit scan.' },
  },
});

@HubObject('A lesson (занятие) of the electronic journal: one class of one discipline for one group at one date and period. Source: AVN.')
export class Lesson implements LessonRecord {
  __typename!: 'Lesson';
  id!: string;
  /** The journal lesson's key in AVN; QR-visit's sessions name their lesson by it. */
  key!: number;
  groupKey!: number;
  disciplineKey!: number;
  teacherKey!: number;

  @Field(() => LocalDate, { description: 'Date the lesson was held.' })
  date!: string;

  @Field(() => Int, { description: 'Period of the day (пара), from 1.' })
  period!: number;

  @Field(() => LessonKind, { description: 'Lecture, practice or lab.' })
  kind!: LessonKind;

  @Field(() => String, { nullable: true, description: 'Topic the teacher wrote in the journal; null when none.' })
  topic!: string | null;
}

@HubObject('One student\'s attendance (and mark, if any) at one lesson. Source: AVN journal.', { node: false })
export class AttendanceMark implements AttendanceMarkRecord {
  lessonKey!: number;
  studentKey!: number;

  @Field(() => Presence, { description: 'Present, absent, late or excused.' })
  presence!: Presence;

  @Field(() => Float, { nullable: true, description: 'Mark (points) given at this lesson; null when none.' })
  mark!: number | null;

  @Field(() => MarkSource, { description: 'Whether the teacher entered the mark or a QR-visit scan did.' })
  source!: MarkSource;
}

@HubObject('How many students of a lesson have each attendance value.', { node: false })
export class AttendanceCounts {
  @Field(() => Int, { description: 'Students marked present.' })
  present!: number;

  @Field(() => Int, { description: 'Students marked absent without a valid reason.' })
  absent!: number;

  @Field(() => Int, { description: 'Students marked late.' })
  late!: number;

  @Field(() => Int, { description: 'Students absent for a valid reason.' })
  excused!: number;

  @Field(() => Int, { description: 'Students with any mark (the sum of the four counts).' })
  total!: number;
}

export const LessonConnection = ConnectionType(Lesson, 'Lesson', 'journal lesson');
