/**
 * QR check-in, end to end: a teacher opens a session for one of its journal lessons, shows a code
 * that rotates every `rotateSeconds` (signed per session, see checkin.token.ts), and students
 * check in with it. Every attempt that names a known session is recorded as a QR-visit scan,
 * accepted or refused: **checkIn records refused attempts by design** — the refusal's scan row is
 * committed first, then the mutation answers with the refusal's code. An accepted scan marks the
 * student in AVN's journal (jurnal_otmetka: 'P', or 'O' late; source 'qr') in the same QR-visit
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
 * excused or hand-entered mark; both recorded as `duplicate`, QR-visit's own word for "already
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
import {
  isRegisteredForLesson, journalMarkOf, lessonForSession, markAttendanceFromQr, studentForCheckIn, type LessonForSession,
} from '../../sources/avn/avn.journal-writes';
import {
  closeSession, hasAcceptedScan, insertLessonSession, insertScan, sessionWithSecret, withQrvisit,
  type ScanResultCode, type SessionSecretRow,
} from '../../sources/qrvisit/qrvisit.checkin';
import { toQrSession } from '../../sources/qrvisit/qrvisit.sessions';
import { Presence } from '../../domain/attendance';
import type { QrSession } from '../attendance/qr-session.types';
import type { GeoPointInput, SessionLocationInput } from './checkin.inputs';
import type { CheckInResult, LessonQrCode } from './checkin.types';
import { isFresh, macIsValid, parseToken, signToken, slotOf } from './checkin.token';
import { checkinOnMark, isLate, lessonTimes, requireLessonTime, withinLessonTime, type ExistingMark, type LessonTimes } from './checkin.rules';

/** The real clock of token rotation and freshness; tests replace `now` to move through rotation periods instantly. */
export const checkinClock = { now: (): Date => new Date() };

/** When the lesson takes place, on the business clock and the configured timetable. */
function timesOf(context: HubContext, lesson: LessonForSession): LessonTimes {
  return lessonTimes(context.runtime.businessClock, context.runtime.config, lesson.data, lesson.para);
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

async function ownLesson(context: HubContext, lessonKey: number): Promise<LessonForSession> {
  const teacher = requireTeacher(context.viewer);
  const lesson = await lessonForSession(context, lessonKey);
  // Another teacher's lesson answers exactly like a lesson that does not exist.
  if (!lesson || (!teacher.admin && lesson.emp_id !== teacher.employeeKey)) throw notFound('This lesson');
  return lesson;
}

/** The session and its lesson, if the viewer is that lesson's teacher (NOT_FOUND otherwise). */
async function ownSession(context: HubContext, sessionId: string): Promise<{ session: SessionSecretRow; lesson: LessonForSession | null }> {
  const teacher = requireTeacher(context.viewer);
  const sessionKey = intKeyOf(sessionId, 'QrSession');
  const session = await withQrvisit(context.runtime.databases, (client) => sessionWithSecret(client, sessionKey));
  if (!session) throw notFound('This lesson session');
  const lesson = await lessonForSession(context, session.avn_lesson_id);
  if (!teacher.admin && (!lesson || lesson.emp_id !== teacher.employeeKey)) throw notFound('This lesson session');
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
  const row = await withQrvisit(context.runtime.databases, (client) => insertLessonSession(client, {
    lessonKey, teacherTabel: lesson.teacher_tabel, groupName: lesson.group_name, openedAt: now.instant,
    secret: randomBytes(32).toString('base64url'), rotateSeconds: context.runtime.config.qrRotateSeconds,
    geo: location ? { latitude: location.latitude, longitude: location.longitude, radiusMeters: location.radiusMeters } : null,
  }));
  return toQrSession(row);
}

export async function closeLessonSession(context: HubContext, sessionId: string): Promise<QrSession> {
  const { session } = await ownSession(context, sessionId);
  const closed = await withQrvisit(context.runtime.databases, async (client) => {
    await closeSession(client, session.id, context.runtime.businessClock.now().instant);
    return (await sessionWithSecret(client, session.id))!;
  });
  return toQrSession(closed);
}

export async function lessonQr(context: HubContext, sessionId: string): Promise<LessonQrCode> {
  const { session, lesson } = await ownSession(context, sessionId);
  if (session.closed_at) throw new HubError(ErrorCode.SESSION_CLOSED, 'This lesson session is closed: it shows no code any more.');
  if (lesson && !withinLessonTime(context.runtime.businessClock.now(), timesOf(context, lesson))) {
    throw new HubError(ErrorCode.SESSION_CLOSED, 'This lesson\'s period is over: its session shows no code any more.');
  }
  const slot = slotOf(checkinClock.now(), session.rotate_seconds);
  const payload = signToken(session.secret, session.id, slot);
  return {
    // -1 matches no teacher: a lesson AVN no longer knows shows its code to administrators only.
    teacherKey: lesson?.emp_id ?? -1,
    sessionId: toGlobalId('QrSession', session.id),
    payload,
    svg: await QRCode.toString(payload, { type: 'svg' }),
    expiresAt: new Date((slot + 1) * session.rotate_seconds * 1000),
    rotateSeconds: session.rotate_seconds,
  };
}

// ---- the student's side ------------------------------------------------------------------------------

const REFUSAL: Record<Exclude<ScanResultCode, 'accepted'>, { code: ErrorCode; message: string }> = {
  forged_token: { code: ErrorCode.QR_TOKEN_INVALID, message: 'This code was not issued by the hub.' },
  expired_token: { code: ErrorCode.QR_TOKEN_EXPIRED, message: 'This code has expired: scan the code on the screen now.' },
  session_closed: { code: ErrorCode.SESSION_CLOSED, message: 'This lesson session is over: the teacher closed it or the lesson\'s period has ended.' },
  not_registered: { code: ErrorCode.NOT_REGISTERED, message: 'You are not registered for this lesson\'s group or discipline.' },
  duplicate: { code: ErrorCode.ALREADY_CHECKED_IN, message: 'You have already checked in to this lesson.' },
  out_of_range: { code: ErrorCode.OUT_OF_RANGE, message: 'You are too far from the classroom to check in.' },
};

/** The answer to an attempt whose journal cell already holds an excused or hand-entered mark. */
function alreadyMarked(mark: ExistingMark | null): HubError {
  return new HubError(
    ErrorCode.ATTENDANCE_ALREADY_MARKED,
    'The journal already records your attendance at this lesson; a check-in does not change it. Ask the teacher if it is wrong.',
    mark ? { presence: mark.presence, source: mark.source } : {},
  );
}

/** What one attempt came to: QR-visit's scan result, and the error to answer with when refused. */
interface Decision {
  result: ScanResultCode;
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
  if (!parsed) throw new HubError(ErrorCode.QR_TOKEN_INVALID, REFUSAL.forged_token.message);

  const config = context.runtime.config;
  const outcome = await withQrvisit(context.runtime.databases, async (client) => {
    // Locked: check-ins of one session are decided one at a time (no double accepted scan).
    const session = await sessionWithSecret(client, parsed.sessionKey, true);
    if (!session) return null;
    const realNow = checkinClock.now();
    const now = context.runtime.businessClock.now();
    let late = false;
    const refuse = (result: Exclude<ScanResultCode, 'accepted'>, extra: Record<string, unknown> = {}): Decision => ({
      result, refusal: new HubError(REFUSAL[result].code, REFUSAL[result].message, extra),
    });
    const decide = async (): Promise<Decision> => {
      if (!macIsValid(session.secret, parsed)) return refuse('forged_token');
      if (!isFresh(parsed.slot, realNow, session.rotate_seconds, config.qrGraceSeconds)) return refuse('expired_token');
      if (session.closed_at) return refuse('session_closed');
      const lesson = await lessonForSession(context, session.avn_lesson_id);
      if (!lesson) return refuse('not_registered');
      const times = timesOf(context, lesson);
      // A session ends with its lesson's period, closed by hand or not.
      if (!withinLessonTime(now, times)) return refuse('session_closed');
      if (!(await isRegisteredForLesson(context, student.stud_id, lesson))) return refuse('not_registered');
      if (await hasAcceptedScan(client, session.id, student.zachetka)) return refuse('duplicate');
      if (session.geo_lat != null && session.geo_lon != null && session.geo_radius_m != null) {
        const distance = location ? distanceMeters(session.geo_lat, session.geo_lon, location.latitude, location.longitude) : null;
        const extra = { radiusMeters: session.geo_radius_m, distanceMeters: distance === null ? null : Math.round(distance) };
        if (distance === null || distance > session.geo_radius_m) return refuse('out_of_range', extra);
      }
      // Only an empty journal cell is written: never an excused, hand-entered or earlier QR mark.
      const existing = await journalMarkOf(context, lesson.zan_id, student.stud_id);
      const onMark = checkinOnMark(existing);
      if (onMark === 'checked_in') return refuse('duplicate');
      if (onMark === 'marked') return { result: 'duplicate', refusal: alreadyMarked(existing) };
      late = isLate(now.instant, times, session.opened_at, config);
      return { result: 'accepted', refusal: null };
    };
    const decision = await decide();
    await insertScan(client, {
      sessionKey: session.id, studentBook: student.zachetka, scannedAt: now.instant, result: decision.result,
      latitude: location?.latitude ?? null, longitude: location?.longitude ?? null,
    });
    // Inside the QR-visit transaction: if the journal cannot be written, the accepted scan is rolled back.
    if (decision.result === 'accepted' && !(await markAttendanceFromQr(context, session.avn_lesson_id, student.stud_id, late))) {
      // A mark appeared since it was read (the teacher typed one): it stands, and this scan is not kept as accepted.
      throw alreadyMarked(await journalMarkOf(context, session.avn_lesson_id, student.stud_id));
    }
    return { decision, session, now: now.instant, late };
  });

  if (!outcome) throw new HubError(ErrorCode.QR_TOKEN_INVALID, REFUSAL.forged_token.message);
  if (outcome.decision.refusal) throw outcome.decision.refusal;
  return {
    studentKey: student.stud_id,
    sessionId: toGlobalId('QrSession', outcome.session.id),
    lessonId: toGlobalId('Lesson', outcome.session.avn_lesson_id),
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
