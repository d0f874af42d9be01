/**
 * The QR check-in rules a dean's office expects (README → Live data → QR-visit check-in), as plain
 * functions of the business clock (src/common/business-time.ts) and the timetable:
 *
 * - **When a session may open**: only on the lesson's own date, from `QR_OPEN_BEFORE_MINUTES`
 *   (10) before its period starts until the period ends (`LESSON_PERIOD_STARTS`,
 *   `LESSON_PERIOD_MINUTES`: KNU's 80-minute pairs from 08:00). A session is proof of presence in
 *   the room during the lesson; an old or future lesson is never checked into (a forgotten mark is
 *   corrected by hand in the journal). Administrators are bound too: they have no reason to be
 *   present at someone else's lesson.
 * - **Until when it takes check-ins**: until the teacher closes it or the period ends, whichever
 *   comes first.
 * - **Late**: a check-in more than `QR_LATE_AFTER_MINUTES` (15) after the *period's* start is LATE
 *   — not after the session opened, or a teacher opening the session late would turn every
 *   latecomer into an on-time student.
 * - **Which marks a check-in may write**: only an empty journal cell. An excused mark is the dean's
 *   office's decision; any mark the teacher entered by hand is the teacher's; a mark of an earlier
 *   QR check-in already records the student. None of them is ever changed by a scan.
 *
 * A lesson whose period is not in the timetable (a period number past the configured list) keeps
 * the date rule: its session may open all day, and lateness counts from the session's opening.
 */
import type { BusinessClock, BusinessMoment } from '../../common/business-time';
import { ErrorCode, HubError } from '../../common/errors';
import { MarkSource, Presence } from '../../domain/attendance';
import type { ExistingMark } from '../../domain/checkin';

export interface CheckinSchedule {
  /** Starting minute of the day of each period (period 1 first). */
  readonly lessonPeriodStarts: readonly number[];
  readonly lessonPeriodMinutes: number;
  readonly qrOpenBeforeMinutes: number;
  readonly qrLateAfterMinutes: number;
}

/** When a lesson takes place, on the business clock. */
export interface LessonTimes {
  /** The lesson's date, YYYY-MM-DD. */
  readonly date: string;
  /** Start of its period; null when the timetable does not know the period. */
  readonly startsAt: Date | null;
  /** From when a session may open (the period's start less the lead time, or the day's start). */
  readonly opensAt: Date;
  /** When the period ends (or the day): no session opens nor takes check-ins from then on. */
  readonly endsAt: Date;
}

const MINUTE_MS = 60_000;

export function lessonTimes(clock: BusinessClock, schedule: CheckinSchedule, date: string, period: number): LessonTimes {
  const start = schedule.lessonPeriodStarts[period - 1];
  if (start === undefined) return { date, startsAt: null, opensAt: clock.startOf(date), endsAt: clock.endOf(date) };
  const startsAt = clock.at(date, start);
  return {
    date,
    startsAt,
    opensAt: new Date(+startsAt - schedule.qrOpenBeforeMinutes * MINUTE_MS),
    endsAt: new Date(+startsAt + schedule.lessonPeriodMinutes * MINUTE_MS),
  };
}

/** True while `now` is within the lesson's time (on its date, from `opensAt` until `endsAt`). */
export function withinLessonTime(now: BusinessMoment, times: LessonTimes): boolean {
  return now.date === times.date && +times.opensAt <= +now.instant && +now.instant < +times.endsAt;
}

/** Refuses opening a session outside the lesson's time: LESSON_NOT_TODAY or OUTSIDE_LESSON_TIME. */
export function requireLessonTime(now: BusinessMoment, times: LessonTimes): void {
  if (now.date !== times.date) {
    throw new HubError(
      ErrorCode.LESSON_NOT_TODAY,
      `This lesson is on ${times.date}; a QR session opens only on the lesson's own date (today is ${now.date}). Correct past marks in the journal by hand.`,
      { lessonDate: times.date, today: now.date },
    );
  }
  if (!withinLessonTime(now, times)) {
    throw new HubError(
      ErrorCode.OUTSIDE_LESSON_TIME,
      `A QR session for this lesson opens from ${times.opensAt.toISOString()} until its period ends at ${times.endsAt.toISOString()}.`,
      { opensAt: times.opensAt.toISOString(), endsAt: times.endsAt.toISOString() },
    );
  }
}

/** LATE when more than the allowance after the period's start (or, without a known period, after the session opened). */
export function isLate(now: Date, times: LessonTimes, sessionOpenedAt: Date, schedule: CheckinSchedule): boolean {
  const from = times.startsAt ?? sessionOpenedAt;
  return +now - +from > schedule.qrLateAfterMinutes * MINUTE_MS;
}

/**
 * What a check-in may do with the student's journal cell: write it when it is empty; otherwise
 * the student is already recorded — by an earlier QR check-in ('checked_in') or by a hand-entered
 * or excused mark ('marked'), which a check-in never changes.
 */
export function checkinOnMark(existing: ExistingMark | null): 'write' | 'checked_in' | 'marked' {
  if (!existing) return 'write';
  if (existing.source === MarkSource.QR && (existing.presence === Presence.PRESENT || existing.presence === Presence.LATE)) return 'checked_in';
  return 'marked';
}
