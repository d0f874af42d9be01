/**
 * QR-visit: a session for every journal lesson whose teacher took attendance with QR (flagged in
 * avn/teaching.ts), and the scans behind the journal: an accepted scan for each mark recorded with
 * istochnik = 'qr' (on time for 'P', late for 'O'), plus the refusals a real service logs: repeated
 * scans, expired tokens (often a forwarded photo of the code), students of another group, scans
 * out of the classroom's range or after the session closed, and the odd forged token.
 * QR-visit knows lessons only by AVN's journal id and students only by their zachetka.
 */
import { PARA_START } from '../config';
import { TODAY, timestamp } from './calendar';
import type { AvnWorld } from './avn';
import type { Rng } from './random';
import { defineTable } from './table';

export function qrvisitTables() {
  return {
    lesson_session: defineTable(
      'lesson_session',
      {
        id: 'bigint', avn_lesson_id: 'int', teacher_tabel: 'text', group_name: 'text', opened_at: 'timestamptz', closed_at: 'timestamptz', secret: 'text',
        rotate_seconds: 'int', geo_lat: 'float8', geo_lon: 'float8', geo_radius_m: 'int',
      },
      'id',
    ),
    scan: defineTable(
      'scan',
      { id: 'bigint', session_id: 'bigint', student_book: 'text', scanned_at: 'timestamptz', result: 'text', device: 'text', lat: 'float8', lon: 'float8' },
      'id',
    ),
  };
}
export type QrvisitTables = ReturnType<typeof qrvisitTables>;

/** Teaching buildings of the university (main building on Frunze street and others). */
const CAMPUS: Array<readonly [number, number]> = [
  [42.87462, 74.61105],
  [42.87851, 74.58934],
  [42.84419, 74.58611],
  [42.87102, 74.62233],
];
const DEVICES = ['Android 14; Samsung SM-A546E', 'Android 13; Redmi Note 12', 'iOS 17.6; iPhone 13', 'iOS 18.1; iPhone 15', 'Android 14; POCO X6', 'Android 12; Samsung SM-A325F', 'iOS 16.7; iPhone 11', 'Android 13; HONOR X8'];

export interface QrvisitCases {
  sessions: number;
  accepted: number;
  refused: number;
}

export function buildQrvisit(rng: Rng, world: AvnWorld): { tables: QrvisitTables; cases: QrvisitCases } {
  const t = qrvisitTables();
  const marks = world.tables.jurnal_otmetka;
  const studIds = marks.column('stud_id');
  const pris = marks.column('prisutstvie');
  const source = marks.column('istochnik');
  const { students, staff, structure } = world;
  const deviceOf = (studId: number) => DEVICES[studId % DEVICES.length]; // one phone per student
  let sessionId = 0;
  let scanId = 0;
  let accepted = 0;
  let refused = 0;

  for (const lesson of world.teaching.lessons) {
    // Today's lessons have not been held yet (avn/teaching.ts): no session, no scans.
    if (!lesson.qr || lesson.date === TODAY) continue;
    const id = ++sessionId;
    const openMin = PARA_START[lesson.para] + rng.real(0, 5);
    const length = rng.int(20, 30);
    const geo = rng.chance(0.6) ? CAMPUS[lesson.grpId % CAMPUS.length] : null;
    t.lesson_session.push({
      id, avn_lesson_id: lesson.id, teacher_tabel: staff.employees[lesson.empId - 1].tabel, group_name: structure.groups[lesson.grpId - 1].name,
      opened_at: timestamp(lesson.date, openMin), closed_at: timestamp(lesson.date, openMin + length), secret: rng.hex(64),
      rotate_seconds: rng.weighted([10, 15, 30], [80, 15, 5]), geo_lat: geo?.[0] ?? null, geo_lon: geo?.[1] ?? null, geo_radius_m: geo ? rng.pick([100, 150, 200]) : null,
    });
    const scans: Array<{ at: number; book: string; result: string; device: string; lat: number | null; lon: number | null }> = [];
    const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
    const near = () => (geo ? [round6(geo[0] + rng.normal(0, 0.0003)), round6(geo[1] + rng.normal(0, 0.0004))] : [null, null]);
    for (let k = lesson.markFrom; k < lesson.markTo; k++) {
      const student = students[studIds[k]! - 1];
      const device = deviceOf(student.id);
      const [lat, lon] = near();
      if (source[k] === 'qr') {
        const at = openMin + (pris[k] === 'O' ? rng.real(10, length - 0.5) : rng.real(0.3, 8));
        if (rng.chance(0.04)) scans.push({ at: at - rng.real(0.1, 0.5), book: student.zachetka, result: 'expired_token', device, lat, lon });
        scans.push({ at, book: student.zachetka, result: 'accepted', device, lat, lon });
        if (rng.chance(0.03)) scans.push({ at: at + rng.real(0.05, 2), book: student.zachetka, result: 'duplicate', device, lat, lon });
      } else if (pris[k] === 'N') {
        // an absent student trying a forwarded photo of the code, from home
        const roll = rng.next();
        if (roll < 0.03) scans.push({ at: openMin + rng.real(1, length), book: student.zachetka, result: 'expired_token', device, lat: null, lon: null });
        else if (roll < 0.04 && geo) scans.push({ at: openMin + rng.real(1, length), book: student.zachetka, result: 'out_of_range', device, lat: round6(geo[0] + rng.real(0.01, 0.05)), lon: round6(geo[1] + rng.real(0.01, 0.05)) });
        else if (roll < 0.05) scans.push({ at: openMin + length + rng.real(1, 15), book: student.zachetka, result: 'session_closed', device, lat, lon });
      }
    }
    if (rng.chance(0.02)) {
      const stranger = students[rng.int(0, students.length - 1)];
      scans.push({ at: openMin + rng.real(1, length), book: stranger.zachetka, result: 'not_registered', device: deviceOf(stranger.id), lat: null, lon: null });
    }
    if (rng.chance(0.002)) scans.push({ at: openMin + rng.real(1, length), book: students[studIds[lesson.markFrom]! - 1]?.zachetka ?? '00000000', result: 'forged_token', device: 'unknown', lat: null, lon: null });
    scans.sort((a, b) => a.at - b.at);
    for (const s of scans) {
      if (s.result === 'accepted') accepted++;
      else refused++;
      t.scan.push({ id: ++scanId, session_id: id, student_book: s.book, scanned_at: timestamp(lesson.date, s.at), result: s.result, device: s.device, lat: s.lat, lon: s.lon });
    }
  }
  return { tables: t, cases: { sessions: sessionId, accepted, refused } };
}
