/**
 * The unified model's attendance vocabulary, free of GraphQL: sources return these values and the
 * attendance module registers them as GraphQL enums (with their descriptions).
 */
import type { LessonKind } from './curriculum';

export enum Presence {
  PRESENT = 'PRESENT',
  ABSENT = 'ABSENT',
  LATE = 'LATE',
  EXCUSED = 'EXCUSED',
}

export enum MarkSource {
  MANUAL = 'MANUAL',
  QR = 'QR',
}

export enum ScanResult {
  ACCEPTED = 'ACCEPTED',
  EXPIRED_TOKEN = 'EXPIRED_TOKEN',
  FORGED_TOKEN = 'FORGED_TOKEN',
  SESSION_CLOSED = 'SESSION_CLOSED',
  NOT_REGISTERED = 'NOT_REGISTERED',
  DUPLICATE = 'DUPLICATE',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
}

/** A journal lesson (GraphQL: Lesson). */
export interface LessonRecord {
  __typename: 'Lesson';
  id: string;
  key: number;
  groupKey: number;
  disciplineKey: number;
  teacherKey: number;
  date: string;
  period: number;
  kind: LessonKind;
  topic: string | null;
}

/** A student's mark at a lesson (GraphQL: AttendanceMark). */
export interface AttendanceMarkRecord {
  lessonKey: number;
  studentKey: number;
  presence: Presence;
  mark: number | null;
  source: MarkSource;
}

/** A QR check-in session (GraphQL: QrSession). */
export interface QrSessionRecord {
  __typename: 'QrSession';
  id: string;
  key: number;
  lessonKey: number;
  openedAt: Date;
  closedAt: Date | null;
  rotationSeconds: number;
  locationCheck: boolean;
  locationRadiusMeters: number | null;
  teacherPersonnelNumber: string;
  groupName: string;
}

/** One scan of a QR session (GraphQL: QrScan). */
export interface QrScanRecord {
  key: number;
  sessionKey: number;
  studentNumber: string;
  scannedAt: Date;
  result: ScanResult;
}

/** Which journal lessons to list (under a group or teacher, the parent's key is not part of it). */
export interface LessonFilter {
  groupKey?: number | null;
  teacherKey?: number | null;
  /** The faculty of the lesson's group (through its programme). */
  facultyKey?: number | null;
  disciplineKey?: number | null;
  /** YYYY-MM-DD, inclusive. */
  dateFrom?: string | null;
  dateTo?: string | null;
  kind?: LessonKind | null;
}

/** Lessons sort by date and period only. */
export interface LessonSort {
  desc: boolean;
}
