/**
 * The unified model's QR check-in facts, free of GraphQL: what the check-in service reads about a
 * lesson, a student and a session from the sources (AVN's journal, QR-visit), in the hub's names.
 */
import type { LessonRecord, MarkSource, Presence, QrSessionRecord } from './attendance';

/** A mark the journal already holds for the student at the lesson. */
export interface ExistingMark {
  presence: Presence;
  source: MarkSource;
}

/** A journal lesson (its keys, date and period) with what a QR session stores about it. */
export interface LessonForCheckIn extends Pick<LessonRecord, 'key' | 'groupKey' | 'disciplineKey' | 'teacherKey' | 'date' | 'period'> {
  teacherPersonnelNumber: string;
  groupName: string;
}

/** The checking-in student: its student number (QR-visit's key for it) and group. */
export interface StudentForCheckIn {
  key: number;
  studentNumber: string;
  groupKey: number;
}

/** Where a session takes check-ins from: a point and a radius. */
export interface SessionPlace {
  latitude: number;
  longitude: number;
  radiusMeters: number;
}

/** A QR session as the check-in service needs it: the public record plus its signing secret and place. */
export interface SessionForCheckIn {
  record: QrSessionRecord;
  /** Signs the session's rotating tokens; never leaves the check-in service. */
  secret: string;
  /** Null without a location check. */
  place: SessionPlace | null;
}
