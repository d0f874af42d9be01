/** QR check-in: the rotating code a teacher shows and what a student's check-in answers. */
import { Field, ID, Int } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { DateTime } from '../../graphql/scalars';
import { Presence } from '../../domain/attendance';

@HubObject('The QR code of a lesson session as it is right now: show `svg` on the classroom screen and fetch it again at `expiresAt`. Only the session\'s teacher reads it.', { node: false })
export class LessonQrCode {
  /** AVN's key of the session's teacher (for the access rule). */
  teacherKey!: number;

  @Field(() => ID, { description: 'The lesson session (a QrSession id).' })
  sessionId!: string;

  @Field({ description: 'The signed token the code encodes (`cgq1.<session>.<slot>.<signature>`); a student\'s app sends it to `checkIn` as it is.' })
  payload!: string;

  @Field({ description: 'The QR image of `payload` as an SVG document, ready to put into a page.' })
  svg!: string;

  @Field(() => DateTime, { description: 'When this code rotates; it is still accepted for the grace period (QR_GRACE_SECONDS) after that.' })
  expiresAt!: Date;

  @Field(() => Int, { description: 'Seconds between rotations of this session\'s code.' })
  rotateSeconds!: number;
}

@HubObject('An accepted check-in: the student is marked in the lesson\'s journal.', { node: false })
export class CheckInResult {
  /** AVN's key of the student who checked in (for the access rule). */
  studentKey!: number;

  @Field(() => ID, { description: 'The lesson session checked into (a QrSession id).' })
  sessionId!: string;

  @Field(() => ID, { description: 'The journal lesson (a Lesson id).' })
  lessonId!: string;

  @Field(() => DateTime, { description: 'When the check-in was recorded (business time, as QR-visit stores it).' })
  checkedInAt!: Date;

  @Field(() => Presence, { description: 'The mark written to the journal: PRESENT, or LATE when more than QR_LATE_AFTER_MINUTES (15) after the lesson\'s period started.' })
  presence!: Presence;
}
