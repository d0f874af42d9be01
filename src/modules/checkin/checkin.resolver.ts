/** QR check-in: thin mutations and the teacher's code query over checkin.service.ts. */
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { QrSession } from '../attendance/qr-session.types';
import { GeoPointInput, SessionLocationInput } from './checkin.inputs';
import { checkIn, closeLessonSession, lessonQr, startLessonSession } from './checkin.service';
import { CheckInResult, LessonQrCode } from './checkin.types';

@Resolver()
export class CheckInResolver {
  @Mutation(() => QrSession, {
    description: 'Opens a QR check-in session for one of the caller\'s own journal lessons (TEACHER tied to the lesson\'s teacher; '
      + 'another teacher\'s lesson answers NOT_FOUND). Only on the lesson\'s own date (the business date; LESSON_NOT_TODAY otherwise) and from '
      + 'QR_OPEN_BEFORE_MINUTES (10) before its period until the period ends (OUTSIDE_LESSON_TIME otherwise, with `opensAt` and `endsAt`). '
      + 'Its code rotates every QR_ROTATE_SECONDS; read it with `lessonQr`. The session takes check-ins until it is closed or the period ends. Audited.',
  })
  startLessonSession(
    @Arg('lessonId', () => ID, { description: 'The journal lesson (a Lesson id).' }) lessonId: string,
    @Arg('location', () => SessionLocationInput, { nullable: true, description: 'Optional location check: scans must come from within this radius.' }) location: SessionLocationInput | null,
    @Ctx() context: HubContext,
  ) {
    return startLessonSession(context, lessonId, location);
  }

  @Mutation(() => QrSession, { description: 'Closes a lesson session: later check-ins are refused with SESSION_CLOSED. The session\'s teacher only; audited.' })
  closeLessonSession(@Arg('sessionId', () => ID, { description: 'The session (a QrSession id).' }) sessionId: string, @Ctx() context: HubContext) {
    return closeLessonSession(context, sessionId);
  }

  @Query(() => LessonQrCode, { nullable: true,
    description: 'The current QR code of an open lesson session (payload and SVG image); poll it at `expiresAt`. The session\'s teacher only '
      + '(NOT_FOUND for another teacher; null for viewers who are not teachers, such as students); SESSION_CLOSED once closed or once the lesson\'s period has ended.',
  })
  lessonQr(@Arg('sessionId', () => ID, { description: 'The session (a QrSession id).' }) sessionId: string, @Ctx() context: HubContext) {
    return lessonQr(context, sessionId);
  }

  @Mutation(() => CheckInResult, {
    description: 'A student checks in to a lesson with the scanned token and is marked in the journal (PRESENT, or LATE more than '
      + 'QR_LATE_AFTER_MINUTES (15) after the period\'s start). A check-in fills only an empty journal cell: it never changes an excused mark, a mark '
      + 'the teacher entered, or an earlier check-in. Every attempt is recorded as a QR-visit scan, refused ones too — by design this mutation writes '
      + 'a scan row and then answers with the refusal: QR_TOKEN_INVALID (forged or malformed), QR_TOKEN_EXPIRED, SESSION_CLOSED (closed, or the '
      + 'lesson\'s period is over), NOT_REGISTERED (not in the lesson\'s group nor registered for its discipline), ALREADY_CHECKED_IN (in this '
      + 'session or an earlier one of the lesson), OUT_OF_RANGE (session with a location check; `distanceMeters`, `radiusMeters`), '
      + 'ATTENDANCE_ALREADY_MARKED (the journal already has an excused or hand-entered mark; `presence`, `source`). STUDENT accounts only.',
  })
  checkIn(
    @Arg('token', { description: 'The token from the QR code (`payload` of lessonQr).' }) token: string,
    @Arg('location', () => GeoPointInput, { nullable: true, description: 'The device\'s position; required when the session checks location.' }) location: GeoPointInput | null,
    @Ctx() context: HubContext,
  ) {
    return checkIn(context, token, location);
  }
}

export const checkinResolvers = [CheckInResolver] as const;
