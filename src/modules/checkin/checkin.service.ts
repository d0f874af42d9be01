/**
 * QR check-in, end to end: a teacher opens a session for one of its journal lessons, shows a code
 * that rotates every `rotateSeconds` (signed per session, see checkin.token.ts), and students
 * check in with it. Every attempt that names a known session is recorded as a QR-visit scan,
 * accepted or refused: **checkIn records refused attempts by design** — the refusal's scan row is
 * committed first, then the mutation answers with the refusal's code. An accepted scan marks the
 * student in AVN's journal (present, or late; source QR) in the same QR-visit
 * transaction, so a failed journal write leaves no accepted scan behind.
 *
 * The rules a dean's office expects (when a session opens, until when it takes check-ins, what is
 * late, which marks a check-in may write) are in checkin.rules.ts: a session opens only on the
 * lesson's date within its period (LESSON_NOT_TODAY, OUTSIDE_LESSON_TIME), and a check-in fills only
 * an empty journal cell.
 *
 * Checks, in order: the token's shape and signature (QR_TOKEN_INVALID), its freshness
 * (QR_TOKEN_EXPIRED), the session still open and its lesson's period not over (SESSION_CLOSED), the
 * student in the lesson's group or registered for its discipline this term (NOT_REGISTERED), no
 * earlier accepted scan in the session (ALREADY_CHECKED_IN), within the radius when the session has
 * a location (OUT_OF_RANGE; a scan without a location counts as outside), and the journal cell still
 * empty (ALREADY_CHECKED_IN after an earlier session's check-in, ATTENDANCE_ALREADY_MARKED for an
 * excused or hand-entered mark; both recorded as DUPLICATE, QR-visit's own word for "already
 * recorded"). A token whose session cannot be identified (not shaped like a token, or naming no
 * session) has no session to record a scan under: it is refused with QR_TOKEN_INVALID and not
 * recorded.
 *
 * Two clocks: token rotation and freshness run on the real clock (`checkinClock`, injectable so
 * tests drive rotation without waiting); the lesson's time, lateness and the times QR-visit records
 * (opened, closed, scanned) are the business clock's (src/common/business-time.ts), so they agree
 * with the journal's dates.
 */
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { Role, isAdmin, type Viewer } from '../../auth/viewer';
import { ErrorCode, HubError, validationFailed } from '../../common/errors';
import type { HubContext } from '../../graphql/context';
import { intKeyOf, toGlobalId } from '../../domain/global-id';
import { isRegisteredForLesson, journalMarkOf, lessonForSession, markAttendanceFromQr, studentForCheckIn } from '../../sources/avn/avn.journal-writes';
import { closeSession, hasAcceptedScan, insertLessonSession, insertScan, sessionWithSecret, withQrvisit } from '../../sources/qrvisit/qrvisit.checkin';
import { Presence, ScanResult } from '../../domain/attendance';
import type { ExistingMark, LessonForCheckIn, SessionForCheckIn } from '../../domain/checkin';
import type { QrSession } from '../attendance/qr-session.types';
import type { GeoPointInput, SessionLocationInput } from './checkin.inputs';
import type { CheckInResult, LessonQrCode } from './checkin.types';
import { isFresh, macIsValid, parseToken, signToken, slotOf } from './checkin.token';
import { checkinOnMark, isLate, lessonTimes, requireLessonTime, withinLessonTime, type LessonTimes } from './checkin.rules';

/** The real clock of token rotation and freshness; tests replace `now` to move through rotation periods instantly. */
export const checkinClock = { now: (): Date => new Date() };

/** When the lesson takes place, on the business clock and the configured timetable. */
function timesOf(context: HubContext, lesson: LessonForCheckIn): LessonTimes {
  return lessonTimes(context.runtime.businessClock, context.runtime.config, lesson.date, lesson.period);
}

// ---- who may do what ---------------------------------------------------------------------------------

function notFound(what: string): HubError {
  return new HubError(ErrorCode.NOT_FOUND, `${what} does not exist or is not yours.`);
}

/** A teacher tied to an employee (or an administrator); the lesson itself is checked by the caller. */
function requireTeacher(viewer: Viewer): { admin: boolean; employeeKey: number | null } {
  if (isAdmin(viewer)) return { admin: true, employeeKey: null };
  if (viewer.role === Role.TEACHER && viewer.scope.employeeKey != null) return { admin: false, employeeKey: viewer.scope.employeeKey };
  throw new HubError(ErrorCode.FORBIDDEN, 'Only the lesson\'s teacher may run its QR session.');
}

async function ownLesson(context: HubContext, lessonKey: number): Promise<LessonForCheckIn> {
  const teacher = requireTeacher(context.viewer);
  const lesson = await lessonForSession(context, lessonKey);
  // Another teacher's lesson answers exactly like a lesson that does not exist.
  if (!lesson || (!teacher.admin && lesson.teacherKey !== teacher.employeeKey)) throw notFound('This lesson');
  return lesson;
}

/** The session and its lesson, if the viewer is that lesson's teacher (NOT_FOUND otherwise). */
async function ownSession(context: HubContext, sessionId: string): Promise<{ session: SessionForCheckIn; lesson: LessonForCheckIn | null }> {
  const teacher = requireTeacher(context.viewer);
  const sessionKey = intKeyOf(sessionId, 'QrSession');
  const session = await withQrvisit(context.runtime.databases, (client) => sessionWithSecret(client, sessionKey));
  if (!session) throw notFound('This lesson session');
  const lesson = await lessonForSession(context, session.record.lessonKey);
  if (!teacher.admin && (!lesson || lesson.teacherKey !== teacher.employeeKey)) throw notFound('This lesson session');
  return { session, lesson };
}

// ---- the teacher's side ------------------------------------------------------------------------------

export async function startLessonSession(context: HubContext, lessonId: string, location: SessionLocationInput | null | undefined): Promise<QrSession> {
  const lessonKey = intKeyOf(lessonId, 'Lesson');
  if (location) checkLocation(location, true);
  const lesson = await ownLesson(context, lessonKey);
  const now = context.runtime.businessClock.now();
  // Only on the lesson's date, from a little before its period until its end (checkin.rules.ts).
  requireLessonTime(now, timesOf(context, lesson));
  const opened = await withQrvisit(context.runtime.databases, (client) => insertLessonSession(client, {
    lessonKey, teacherPersonnelNumber: lesson.teacherPersonnelNumber, groupName: lesson.groupName, openedAt: now.instant,
    secret: randomBytes(32).toString('base64url'), rotateSeconds: context.runtime.config.qrRotateSeconds,
    place: location ? { latitude: location.latitude, longitude: location.longitude, radiusMeters: location.radiusMeters } : null,
  }));
  return opened.record;
}

export async function closeLessonSession(context: HubContext, sessionId: string): Promise<QrSession> {
  const { session } = await ownSession(context, sessionId);
  const closed = await withQrvisit(context.runtime.databases, async (client) => {
    await closeSession(client, session.record.key, context.runtime.businessClock.now().instant);
    return (await sessionWithSecret(client, session.record.key))!;
  });
  return closed.record;
}

export async function lessonQr(context: HubContext, sessionId: string): Promise<LessonQrCode> {
  const { session, lesson } = await ownSession(context, sessionId);
  if (session.record.closedAt) throw new HubError(ErrorCode.SESSION_CLOSED, 'This lesson session is closed: it shows no code any more.');
  if (lesson && !withinLessonTime(context.runtime.businessClock.now(), timesOf(context, lesson))) {
    throw new HubError(ErrorCode.SESSION_CLOSED, 'This lesson\'s period is over: its session shows no code any more.');
  }
  const { rotationSeconds } = session.record;
  const slot = slotOf(checkinClock.now(), rotationSeconds);
  const payload = signToken(session.secret, session.record.key, slot);
  return {
    // -1 matches no teacher: a lesson AVN no longer knows shows its code to administrators only.
    teacherKey: lesson?.teacherKey ?? -1,
    sessionId: session.record.id,
    payload,
    svg: await QRCode.toString(payload, { type: 'svg' }),
    expiresAt: new Date((slot + 1) * rotationSeconds * 1000),
    rotateSeconds: rotationSeconds,
  };
}

// ---- the student's side ------------------------------------------------------------------------------

type Refused = Exclude<ScanResult, ScanResult.ACCEPTED>;

const REFUSAL: Record<Refused, { code: ErrorCode; message: string }> = {
  [ScanResult.FORGED_TOKEN]: { code: ErrorCode.QR_TOKEN_INVALID, message: 'This code was not issued by the hub.' },
  [ScanResult.EXPIRED_TOKEN]: { code: ErrorCode.QR_TOKEN_EXPIRED, message: 'This code has expired: scan the code on the screen now.' },
  [ScanResult.SESSION_CLOSED]: { code: ErrorCode.SESSION_CLOSED, message: 'This lesson session is over: the teacher closed it or the lesson\'s period has ended.' },
  [ScanResult.NOT_REGISTERED]: { code: ErrorCode.NOT_REGISTERED, message: 'You are not registered for this lesson\'s group or discipline.' },
  [ScanResult.DUPLICATE]: { code: ErrorCode.ALREADY_CHECKED_IN, message: 'You have already checked in to this lesson.' },
  [ScanResult.OUT_OF_RANGE]: { code: ErrorCode.OUT_OF_RANGE, message: 'You are too far from the classroom to check in.' },
};

/** The answer to an attempt whose journal cell already holds an excused or hand-entered mark. */
function alreadyMarked(mark: ExistingMark | null): HubError {
  return new HubError(
    ErrorCode.ATTENDANCE_ALREADY_MARKED,
    'The journal already records your attendance at this lesson; a check-in does not change it. Ask the teacher if it is wrong.',
    mark ? { presence: mark.presence, source: mark.source } : {},
  );
}

/** What one attempt came to: the scan's result, and the error to answer with when refused. */
interface Decision {
  result: ScanResult;
  refusal: HubError | null;
}

export async function checkIn(context: HubContext, token: string, location: GeoPointInput | null | undefined): Promise<CheckInResult> {
  const viewer = context.viewer;
  if (viewer.role !== Role.STUDENT || viewer.scope.studentKey == null) {
    throw new HubError(ErrorCode.FORBIDDEN, 'Only a student account may check in.');
  }
  if (location) checkLocation(location, false);
  const student = await studentForCheckIn(context, viewer.scope.studentKey);
  if (!student) throw notFound('This student');

  const parsed = typeof token === 'string' ? parseToken(token) : null;
  if (!parsed) throw new HubError(ErrorCode.QR_TOKEN_INVALID, REFUSAL[ScanResult.FORGED_TOKEN].message);

  const config = context.runtime.config;
  const outcome = await withQrvisit(context.runtime.databases, async (client) => {
    // Locked: check-ins of one session are decided one at a time (no double accepted scan).
    const session = await sessionWithSecret(client, parsed.sessionKey, true);
    if (!session) return null;
    const { record } = session;
    const realNow = checkinClock.now();
    const now = context.runtime.businessClock.now();
    let late = false;
    const refuse = (result: Refused, extra: Record<string, unknown> = {}): Decision => ({
      result, refusal: new HubError(REFUSAL[result].code, REFUSAL[result].message, extra),
    });
    const decide = async (): Promise<Decision> => {
      if (!macIsValid(session.secret, parsed)) return refuse(ScanResult.FORGED_TOKEN);
      if (!isFresh(parsed.slot, realNow, record.rotationSeconds, config.qrGraceSeconds)) return refuse(ScanResult.EXPIRED_TOKEN);
      if (record.closedAt) return refuse(ScanResult.SESSION_CLOSED);
      const lesson = await lessonForSession(context, record.lessonKey);
      if (!lesson) return refuse(ScanResult.NOT_REGISTERED);
      const times = timesOf(context, lesson);
      // A session ends with its lesson's period, closed by hand or not.
      if (!withinLessonTime(now, times)) return refuse(ScanResult.SESSION_CLOSED);
      if (!(await isRegisteredForLesson(context, student.key, lesson))) return refuse(ScanResult.NOT_REGISTERED);
      if (await hasAcceptedScan(client, record.key, student.studentNumber)) return refuse(ScanResult.DUPLICATE);
      const place = session.place;
      if (place) {
        const distance = location ? distanceMeters(place.latitude, place.longitude, location.latitude, location.longitude) : null;
        const extra = { radiusMeters: place.radiusMeters, distanceMeters: distance === null ? null : Math.round(distance) };
        if (distance === null || distance > place.radiusMeters) return refuse(ScanResult.OUT_OF_RANGE, extra);
      }
      // Only an empty journal cell is written: never an excused, hand-entered or earlier QR mark.
      const existing = await journalMarkOf(context, lesson.key, student.key);
      const onMark = checkinOnMark(existing);
      if (onMark === 'checked_in') return refuse(ScanResult.DUPLICATE);
      if (onMark === 'marked') return { result: ScanResult.DUPLICATE, refusal: alreadyMarked(existing) };
      late = isLate(now.instant, times, record.openedAt, config);
      return { result: ScanResult.ACCEPTED, refusal: null };
    };
    const decision = await decide();
    await insertScan(client, {
      sessionKey: record.key, studentNumber: student.studentNumber, scannedAt: now.instant, result: decision.result,
      latitude: location?.latitude ?? null, longitude: location?.longitude ?? null,
    });
    // Inside the QR-visit transaction: if the journal cannot be written, the accepted scan is rolled back.
    if (decision.result === ScanResult.ACCEPTED && !(await markAttendanceFromQr(context, record.lessonKey, student.key, late))) {
      // A mark appeared since it was read (the teacher typed one): it stands, and this scan is not kept as accepted.
      throw alreadyMarked(await journalMarkOf(context, record.lessonKey, student.key));
    }
    return { decision, session: record, now: now.instant, late };
  });

  if (!outcome) throw new HubError(ErrorCode.QR_TOKEN_INVALID, REFUSAL[ScanResult.FORGED_TOKEN].message);
  if (outcome.decision.refusal) throw outcome.decision.refusal;
  return {
    studentKey: student.key,
    sessionId: outcome.session.id,
    lessonId: toGlobalId('Lesson', outcome.session.lessonKey),
    checkedInAt: outcome.now,
    presence: outcome.late ? Presence.LATE : Presence.PRESENT,
  };
}

// ---- geometry ------------------------------------------------------------------------------------------

function checkLocation(location: { latitude: number; longitude: number; radiusMeters?: number }, withRadius: boolean): void {
  if (!(Math.abs(location.latitude) <= 90)) throw validationFailed('`latitude` is -90 … 90 degrees.', 'location.latitude');
  if (!(Math.abs(location.longitude) <= 180)) throw validationFailed('`longitude` is -180 … 180 degrees.', 'location.longitude');
  if (withRadius && !(location.radiusMeters! >= 10 && location.radiusMeters! <= 5000)) {
    throw validationFailed('`radiusMeters` is 10 … 5000 metres.', 'location.radiusMeters');
  }
}

/** Great-circle distance (haversine) in metres. */
export function distanceMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(a)));
}
