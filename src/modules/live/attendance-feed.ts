/**
 * What one captured attendance change means — its lesson, group, discipline, faculty and student —
 * worked out once per event for every subscriber of this instance, not once per subscriber: at
 * 10,000 dashboards that is the difference between one lookup and ten thousand. The rows it reads
 * (lessons, groups, programmes, students, scans) go through one instance-wide set of loaders that
 * is renewed every few seconds, so a renamed group or a student's new status shows up soon and
 * the cache cannot grow without bound.
 *
 * Two kinds of change are attendance events (the sources' change mappers name them):
 * - AVN's journal marks written or changed (a teacher's entry, or a QR check-in made through the
 *   hub, which writes the mark itself);
 * - scans QR-visit accepted on its own devices (device not the hub's): the student is present at
 *   the session's journal lesson. The hub's own check-ins are left out here because their journal
 *   mark is delivered — each check-in once.
 */
import { createContext, type HubContext, type HubRuntime } from '../../graphql/context';
import { intKeyOf } from '../../domain/global-id';
import type { LogEvent } from '../../events/event-log';
import { eventQueue, subscribeEventLog } from '../../events/pubsub';
import { lessonPlaceById } from '../../sources/avn/avn.lesson-places';
import { JOURNAL_MARK_CHANGES, journalMarkOf } from '../../sources/avn/avn.changes';
import { SCAN_CHANGES, scanAcceptedOf } from '../../sources/qrvisit/qrvisit.changes';
import type { JournalMarkWritten, ScanAccepted } from '../../domain/events';
import { studentById, studentByNumber } from '../../sources/avn/avn.students';
import { scanOriginById } from '../../sources/qrvisit/qrvisit.scan-events';
import { MarkSource, Presence } from '../../domain/attendance';
import type { Student } from '../students/student.types';
import { AttendanceOrigin } from '../../domain/live';
import { type AttendanceEvent, type AttendanceEventWhere } from './attendance-event.types';

/** The event-log tables attendance events come from (for the replay's read of the log). */
export const ATTENDANCE_TABLES = {
  sources: [...JOURNAL_MARK_CHANGES.sources, ...SCAN_CHANGES.sources],
  tables: [...JOURNAL_MARK_CHANGES.tables, ...SCAN_CHANGES.tables],
} as const;

/** How long the instance-wide row cache lives before it is renewed (ms). */
const ROWS_TTL_MS = 10_000;
/** Resolved events remembered by cursor (replays and concurrent subscribers reuse them). */
const REMEMBERED_EVENTS = 5_000;

/** A subscriber's `where`, as keys. */
export interface AttendanceFilter {
  lessonKey: number | null;
  groupKey: number | null;
  disciplineKey: number | null;
  facultyKey: number | null;
}

export function attendanceFilter(where: AttendanceEventWhere | null | undefined): AttendanceFilter {
  return {
    lessonKey: where?.lessonId ? intKeyOf(where.lessonId, 'Lesson') : null,
    groupKey: where?.groupId ? intKeyOf(where.groupId, 'Group') : null,
    disciplineKey: where?.disciplineId ? intKeyOf(where.disciplineId, 'Discipline') : null,
    facultyKey: where?.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null,
  };
}

/** Does the event satisfy every condition of the filter? (No I/O: the event carries its keys.) */
export function matchesFilter(filter: AttendanceFilter, event: AttendanceEvent): boolean {
  return (
    (filter.lessonKey == null || filter.lessonKey === event.lessonKey) &&
    (filter.groupKey == null || filter.groupKey === event.groupKey) &&
    (filter.disciplineKey == null || filter.disciplineKey === event.disciplineKey) &&
    (filter.facultyKey == null || filter.facultyKey === event.facultyKey)
  );
}

/** A live subscriber: its filter and where its events go. */
interface Listener {
  filter: AttendanceFilter;
  push(event: LogEvent): void;
}

/** The attendance events of one hub instance: each log event resolved once, shared by every subscriber. */
export class AttendanceFeed {
  private rows: HubContext;
  private rowsSince = Date.now();
  private readonly byCursor = new Map<number, Promise<AttendanceEvent | null>>();
  private released: Promise<void> = Promise.resolve();
  private readonly everyone = new Set<Listener>();
  private readonly byLesson = new Map<number, Set<Listener>>();
  private readonly byGroup = new Map<number, Set<Listener>>();
  private readonly byDiscipline = new Map<number, Set<Listener>>();
  private readonly byFaculty = new Map<number, Set<Listener>>();

  constructor(private readonly runtime: HubRuntime) {
    this.rows = createContext(runtime);
    void this.prefetch();
  }

  /**
   * Starts resolving every new attendance event as soon as this instance publishes it, all in
   * parallel (the loaders batch them), instead of when each subscriber's stream reaches it: the
   * streams take events one at a time, and a few sequential lookups per event would otherwise
   * put a ceiling on events per second.
   */
  private async prefetch(): Promise<void> {
    const isAttendance = (e: LogEvent) => ATTENDANCE_TABLES.sources.includes(e.source) && ATTENDANCE_TABLES.tables.includes(e.table);
    for await (const event of subscribeEventLog(isAttendance)) {
      const resolving = this.eventOf(event);
      // Handed on in cursor order, each once it and every earlier one is resolved.
      this.released = this.released.then(() =>
        resolving.then(
          (resolved) => this.dispatch(event, resolved),
          // Not resolvable now (a source down): every listener gets it, and its stream asks again (and reports the error).
          () => this.dispatch(event, null, true),
        ),
      );
    }
  }

  /**
   * The new log events whose attendance event matches `filter`, in cursor order — the live part
   * of a subscriber's stream. Listeners are indexed by their most selective condition, so an
   * event wakes only the streams it may concern rather than every stream of the instance.
   */
  subscribe(filter: AttendanceFilter): AsyncIterableIterator<LogEvent> {
    const [index, key] =
      filter.lessonKey != null ? [this.byLesson, filter.lessonKey] as const
      : filter.groupKey != null ? [this.byGroup, filter.groupKey] as const
      : filter.disciplineKey != null ? [this.byDiscipline, filter.disciplineKey] as const
      : filter.facultyKey != null ? [this.byFaculty, filter.facultyKey] as const
      : [null, null] as const;
    let set: Set<Listener>;
    if (index) {
      set = index.get(key!) ?? new Set();
      index.set(key!, set);
    } else {
      set = this.everyone;
    }
    const queue = eventQueue(() => {
      set.delete(listener);
      if (index && set.size === 0 && index.get(key!) === set) index.delete(key!);
    });
    const listener: Listener = { filter, push: queue.push };
    set.add(listener);
    return queue.iterator;
  }

  private dispatch(event: LogEvent, resolved: AttendanceEvent | null, unresolved = false): void {
    const deliver = (listeners: Set<Listener> | undefined) => {
      if (!listeners) return;
      for (const listener of listeners) if (unresolved || matchesFilter(listener.filter, resolved!)) listener.push(event);
    };
    if (unresolved) {
      for (const index of [this.byLesson, this.byGroup, this.byDiscipline, this.byFaculty]) for (const set of index.values()) deliver(set);
      deliver(this.everyone);
      return;
    }
    if (!resolved) return;
    deliver(this.byLesson.get(resolved.lessonKey));
    deliver(this.byGroup.get(resolved.groupKey));
    deliver(this.byDiscipline.get(resolved.disciplineKey));
    if (resolved.facultyKey != null) deliver(this.byFaculty.get(resolved.facultyKey));
    deliver(this.everyone);
  }

  /** The log event as an attendance event (the same object for every caller), or null when it is none. */
  eventOf(event: LogEvent): Promise<AttendanceEvent | null> {
    let resolved = this.byCursor.get(event.cursor);
    if (!resolved) {
      resolved = this.resolve(event);
      this.byCursor.set(event.cursor, resolved);
      // A failure (a source down) is not remembered: the next subscriber asks again.
      resolved.catch(() => this.byCursor.delete(event.cursor));
      if (this.byCursor.size > REMEMBERED_EVENTS) this.byCursor.delete(this.byCursor.keys().next().value!);
    }
    return resolved;
  }

  private context(): HubContext {
    if (Date.now() - this.rowsSince > ROWS_TTL_MS) {
      this.rows = createContext(this.runtime);
      this.rowsSince = Date.now();
    }
    return this.rows;
  }

  private resolve(event: LogEvent): Promise<AttendanceEvent | null> {
    const mark = journalMarkOf(event);
    if (mark) return this.journalMark(mark);
    const scan = scanAcceptedOf(event);
    if (scan) return this.acceptedScan(scan);
    return Promise.resolve(null);
  }

  private async journalMark(written: JournalMarkWritten): Promise<AttendanceEvent | null> {
    const { lessonKey, studentKey, presence, mark, source } = written;
    const student = studentById(this.context()).load(studentKey);
    return this.build(written.cursor, AttendanceOrigin.JOURNAL, lessonKey, { lessonKey, studentKey, presence, mark, source }, written.at, student);
  }

  private async acceptedScan(scan: ScanAccepted): Promise<AttendanceEvent | null> {
    const c = this.context();
    // The student is looked up at the same time as the scan's origin (two sources, one round trip).
    const student = studentByNumber(c).load(scan.studentNumber);
    student.catch(() => undefined); // awaited below, unless the scan is not an event at all
    const origin = await scanOriginById(c).load(scan.scanKey);
    // Gone since (deleted), or written by the hub's check-in (its journal mark is the event).
    if (!origin || origin.byHub) return null;
    return this.build(scan.cursor, AttendanceOrigin.QR_SCAN, origin.lessonKey, null, scan.at, student);
  }

  private async build(
    cursor: number,
    origin: AttendanceOrigin,
    lessonKey: number,
    mark: AttendanceEvent['mark'] | null,
    at: Date,
    loadingStudent: Promise<Student | null>,
  ): Promise<AttendanceEvent | null> {
    const [place, student] = await Promise.all([lessonPlaceById(this.context()).load(lessonKey), loadingStudent]);
    if (!place) return null;
    const lesson = place.lesson;
    // A scan of a student book AVN does not know cannot be attributed to anyone: no event.
    if (origin === AttendanceOrigin.QR_SCAN && !student) return null;
    const studentKey = mark?.studentKey ?? student!.key;
    return {
      cursor: String(cursor),
      origin,
      lessonKey,
      studentKey,
      groupKey: lesson.groupKey,
      teacherKey: lesson.teacherKey,
      disciplineKey: lesson.disciplineKey,
      facultyKey: place.facultyKey,
      loaded: { lesson, student },
      mark: mark ?? { lessonKey, studentKey, presence: Presence.PRESENT, mark: null, source: MarkSource.QR },
      at,
    };
  }
}

const feeds = new WeakMap<HubRuntime, AttendanceFeed>();

/** This instance's attendance feed (one per running hub). */
export function attendanceFeed(runtime: HubRuntime): AttendanceFeed {
  let feed = feeds.get(runtime);
  if (!feed) feeds.set(runtime, (feed = new AttendanceFeed(runtime)));
  return feed;
}
