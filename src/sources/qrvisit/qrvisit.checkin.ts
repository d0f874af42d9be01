/**
 * QR-visit writes for check-in: opening and closing a lesson_session and recording each scan.
 * Native table and column names of QR-visit's write side live here only. The session's signing
 * secret is read here and handed to the check-in service, never to a GraphQL type.
 *
 * Writes go through one pooled client per call (`withQrvisit`), so a check-in can lock its session
 * row (`for update`) and decide duplicates without a race between two scans of the same student.
 */
import type { Databases } from '../../db/databases';
import type pg from 'pg';
import { withTransaction } from '../../db/transaction';
import { ScanResult } from '../../domain/attendance';
import type { SessionForCheckIn, SessionPlace } from '../../domain/checkin';
import { HUB_DEVICE } from './qrvisit.scan-events';
import { toQrSession } from './qrvisit.sessions';

/** The session row with its secret. */
interface SessionSecretRow {
  id: number;
  avn_lesson_id: number;
  teacher_tabel: string;
  group_name: string;
  opened_at: Date;
  closed_at: Date | null;
  secret: string;
  rotate_seconds: number;
  geo_lat: number | null;
  geo_lon: number | null;
  geo_radius_m: number | null;
}

/** QR-visit's scan results (scan.result). */
const RESULT_CODE: Record<ScanResult, string> = {
  [ScanResult.ACCEPTED]: 'accepted',
  [ScanResult.EXPIRED_TOKEN]: 'expired_token',
  [ScanResult.FORGED_TOKEN]: 'forged_token',
  [ScanResult.SESSION_CLOSED]: 'session_closed',
  [ScanResult.NOT_REGISTERED]: 'not_registered',
  [ScanResult.DUPLICATE]: 'duplicate',
  [ScanResult.OUT_OF_RANGE]: 'out_of_range',
};

const SESSION_COLUMNS = 'id::int as id, avn_lesson_id, teacher_tabel, group_name, opened_at, closed_at, secret, rotate_seconds, geo_lat, geo_lon, geo_radius_m';

function toSessionForCheckIn(r: SessionSecretRow): SessionForCheckIn {
  const hasPlace = r.geo_lat !== null && r.geo_lon !== null && r.geo_radius_m !== null;
  return {
    record: toQrSession(r), secret: r.secret,
    place: hasPlace ? { latitude: r.geo_lat!, longitude: r.geo_lon!, radiusMeters: r.geo_radius_m! } : null,
  };
}

/** Runs `work` on one QR-visit connection inside a transaction (committed when `work` returns). */
export function withQrvisit<T>(databases: Databases, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(databases.handles.qrvisit.reader.pool, work, 'qrvisit');
}

export async function insertLessonSession(
  client: pg.PoolClient,
  session: {
    lessonKey: number; teacherPersonnelNumber: string; groupName: string; openedAt: Date; secret: string; rotateSeconds: number;
    place: SessionPlace | null;
  },
): Promise<SessionForCheckIn> {
  const { rows } = await client.query<SessionSecretRow>(
    `insert into lesson_session (avn_lesson_id, teacher_tabel, group_name, opened_at, secret, rotate_seconds, geo_lat, geo_lon, geo_radius_m)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${SESSION_COLUMNS}`,
    [session.lessonKey, session.teacherPersonnelNumber, session.groupName, session.openedAt, session.secret, session.rotateSeconds,
      session.place?.latitude ?? null, session.place?.longitude ?? null, session.place?.radiusMeters ?? null],
  );
  return toSessionForCheckIn(rows[0]);
}

/** The session with its secret; `lock` holds the row until the transaction ends (one check-in at a time per session). */
export async function sessionWithSecret(client: pg.PoolClient, sessionKey: number, lock = false): Promise<SessionForCheckIn | null> {
  const { rows } = await client.query<SessionSecretRow>(
    `select ${SESSION_COLUMNS} from lesson_session where id = $1${lock ? ' for update' : ''}`, [sessionKey],
  );
  return rows[0] ? toSessionForCheckIn(rows[0]) : null;
}

/** Closes the session (once: a closed session keeps its first closing time). */
export async function closeSession(client: pg.PoolClient, sessionKey: number, at: Date): Promise<void> {
  await client.query('update lesson_session set closed_at = coalesce(closed_at, $2) where id = $1', [sessionKey, at]);
}

/** True when the student (by student number, QR-visit's student book) already has an accepted scan in this session. */
export async function hasAcceptedScan(client: pg.PoolClient, sessionKey: number, studentNumber: string): Promise<boolean> {
  const { rows } = await client.query(
    `select 1 from scan where session_id = $1 and student_book = $2 and result = 'accepted' limit 1`, [sessionKey, studentNumber],
  );
  return rows.length > 0;
}

export async function insertScan(
  client: pg.PoolClient,
  scan: { sessionKey: number; studentNumber: string; scannedAt: Date; result: ScanResult; latitude: number | null; longitude: number | null },
): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `insert into scan (session_id, student_book, scanned_at, result, device, lat, lon)
     values ($1, $2, $3, $4, $7, $5, $6) returning id::int as id`,
    [scan.sessionKey, scan.studentNumber, scan.scannedAt, RESULT_CODE[scan.result], scan.latitude, scan.longitude, HUB_DEVICE],
  );
  return rows[0].id;
}
