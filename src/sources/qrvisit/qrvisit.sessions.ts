/**
 * QR-visit → attendance: how lesson_session and scan rows become the hub's QrSession and QrScan.
 * QR-visit knows lessons only by AVN's journal lesson id and students only by student-book number,
 * so those are the keys the hub joins on. The session's signing secret never leaves this file's SQL.
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader, manyByKeyLoader, manyByKeyWithArgs } from '../../db/loaders';
import { toGlobalId } from '../../domain/global-id';
import { ScanResult, type QrScanRecord, type QrSessionRecord } from '../../domain/attendance';

const qrvisit = (context: SourceContext) => context.db.qrvisit;

export interface LessonSessionRow {
  id: number; avn_lesson_id: number; teacher_tabel: string; group_name: string; opened_at: Date; closed_at: Date | null;
  rotate_seconds: number; geo_lat: number | null; geo_radius_m: number | null;
}
export interface ScanRow { id: number; session_id: number; student_book: string; scanned_at: Date; result: string }

const SESSION_COLUMNS = 'ls.id, ls.avn_lesson_id, ls.teacher_tabel, ls.group_name, ls.opened_at, ls.closed_at, ls.rotate_seconds, ls.geo_lat, ls.geo_radius_m';

const RESULT: Record<string, ScanResult> = {
  accepted: ScanResult.ACCEPTED,
  expired_token: ScanResult.EXPIRED_TOKEN,
  forged_token: ScanResult.FORGED_TOKEN,
  session_closed: ScanResult.SESSION_CLOSED,
  not_registered: ScanResult.NOT_REGISTERED,
  duplicate: ScanResult.DUPLICATE,
  out_of_range: ScanResult.OUT_OF_RANGE,
};

export function toQrSession(r: LessonSessionRow): QrSessionRecord {
  const locationCheck = r.geo_lat !== null && r.geo_radius_m !== null;
  return {
    __typename: 'QrSession', id: toGlobalId('QrSession', r.id), key: r.id, lessonKey: r.avn_lesson_id,
    openedAt: r.opened_at, closedAt: r.closed_at, rotationSeconds: r.rotate_seconds,
    locationCheck, locationRadiusMeters: locationCheck ? r.geo_radius_m : null,
    teacherPersonnelNumber: r.teacher_tabel, groupName: r.group_name,
  };
}

export function toQrScan(r: ScanRow): QrScanRecord {
  return { key: r.id, sessionKey: r.session_id, studentNumber: r.student_book, scannedAt: r.scanned_at, result: RESULT[r.result] };
}

export const qrSessionById = (c: SourceContext) =>
  byKeyLoader(c, 'qrvisit.sessionById', qrvisit, `select ${SESSION_COLUMNS}, ls.id as _key from lesson_session ls where ls.id = any($1::bigint[])`, toQrSession);

/** The session of each AVN journal lesson: the latest opened, if a teacher opened more than one. */
export const qrSessionByLesson = (c: SourceContext) =>
  byKeyLoader(c, 'qrvisit.sessionByLesson', qrvisit,
    `select distinct on (ls.avn_lesson_id) ${SESSION_COLUMNS}, ls.avn_lesson_id as _key
       from lesson_session ls where ls.avn_lesson_id = any($1::int[])
      order by ls.avn_lesson_id, ls.opened_at desc, ls.id desc`,
    toQrSession);

/** The scans of each session, in the order they arrived. */
export const scansBySession = (c: SourceContext) =>
  manyByKeyLoader(c, 'qrvisit.scansBySession', qrvisit,
    `select sc.id, sc.session_id, sc.student_book, sc.scanned_at, sc.result, sc.session_id as _key
       from scan sc where sc.session_id = any($1::bigint[]) order by sc.session_id, sc.scanned_at, sc.id`,
    toQrScan);

/**
 * A student's scans, newest first, `limit` per student: one statement for a batch of students
 * (QR-visit knows them only by student-book number).
 */
export const recentScansByStudentNumber = (c: SourceContext, limit: number) =>
  manyByKeyWithArgs<string, ScanRow, QrScanRecord>(c, 'qrvisit.recentScansByStudentNumber', qrvisit,
    `select _n._key, s.* from unnest($1::text[]) as _n(_key)
      cross join lateral (select sc.id, sc.session_id, sc.student_book, sc.scanned_at, sc.result from scan sc
                           where sc.student_book = _n._key order by sc.scanned_at desc, sc.id desc limit $2) s`,
    [limit],
    toQrScan);
