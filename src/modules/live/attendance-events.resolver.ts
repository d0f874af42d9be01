/**
 * `attendanceMarked`: journal marks (avn jurnal_otmetka inserts and updates — teachers' entries
 * and QR check-ins alike) as they happen, optionally replayed from a cursor first. Each event is
 * guarded like any object (AttendanceEvent's row rule), so a viewer never receives a mark of a
 * lesson it may not see, live or replayed.
 */
import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { intKeyOf } from '../../graphql/global-id';
import type { LogEvent } from '../../events/event-log';
import { groupById, programmeById } from '../../sources/avn/avn.organisation';
import { lessonById, toAttendanceMark, type OtmetkaRow } from '../../sources/avn/avn.journal';
import { studentById } from '../../sources/avn/avn.students';
import { Lesson } from '../attendance/lesson.types';
import { Student } from '../students/student.types';
import { AttendanceEvent, AttendanceEventWhere } from './attendance-event.types';
import { eventStream, parseCursor } from './event-stream';

const JOURNAL_MARKS = { sources: ['avn'], tables: ['jurnal_otmetka'] } as const;

interface MarkFilter {
  lessonKey: number | null;
  groupKey: number | null;
  disciplineKey: number | null;
  facultyKey: number | null;
}

function markFilter(where: AttendanceEventWhere | null | undefined): MarkFilter {
  return {
    lessonKey: where?.lessonId ? intKeyOf(where.lessonId, 'Lesson') : null,
    groupKey: where?.groupId ? intKeyOf(where.groupId, 'Group') : null,
    disciplineKey: where?.disciplineId ? intKeyOf(where.disciplineId, 'Discipline') : null,
    facultyKey: where?.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null,
  };
}

/** The event as the subscription's root value, or null when it is not a mark write or fails the filter. */
async function toAttendanceEvent(context: HubContext, filter: MarkFilter, event: LogEvent): Promise<AttendanceEvent | null> {
  if (event.op === 'DELETE') return null;
  const row = event.data as unknown as OtmetkaRow;
  const lessonKey = Number(row.zan_id);
  if (filter.lessonKey != null && filter.lessonKey !== lessonKey) return null;
  const lesson = await lessonById(context).load(lessonKey);
  if (!lesson) return null;
  if (filter.groupKey != null && filter.groupKey !== lesson.groupKey) return null;
  if (filter.disciplineKey != null && filter.disciplineKey !== lesson.disciplineKey) return null;
  if (filter.facultyKey != null) {
    const group = await groupById(context).load(lesson.groupKey);
    const programme = group ? await programmeById(context).load(group.programmeKey) : null;
    if (programme?.facultyKey !== filter.facultyKey) return null;
  }
  return {
    cursor: String(event.cursor),
    lessonKey,
    studentKey: Number(row.stud_id),
    groupKey: lesson.groupKey,
    teacherKey: lesson.teacherKey,
    mark: toAttendanceMark({ ...row, zan_id: lessonKey, stud_id: Number(row.stud_id), ocenka: row.ocenka == null ? null : Number(row.ocenka) }),
    at: event.changedAt,
  };
}

@Resolver(() => AttendanceEvent)
export class AttendanceEventResolver {
  @Subscription(() => AttendanceEvent, {
    description:
      'Journal attendance marks as teachers enter or change them and as students check in by QR. With `after`, first every matching mark ' +
      'written after that cursor, in order, then new ones — no gap, no duplicate. You receive only marks of lessons you may see.',
    subscribe: ({ args, context }) => {
      const ctx = context as HubContext;
      const filter = markFilter(args.where as AttendanceEventWhere | undefined);
      return eventStream(ctx.db.hub, parseCursor(args.after as string | undefined), JOURNAL_MARKS, (event) => toAttendanceEvent(ctx, filter, event));
    },
  })
  attendanceMarked(
    @Root() event: AttendanceEvent,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this event cursor (replays the marks written since); omit for new marks only.' }) _after?: string,
    @Arg('where', () => AttendanceEventWhere, { nullable: true, description: 'Which lessons\' marks to receive.' }) _where?: AttendanceEventWhere,
  ): AttendanceEvent {
    return event;
  }

  @FieldResolver(() => Lesson, { nullable: true, description: 'The journal lesson the mark is for.' })
  lesson(@Root() event: AttendanceEvent, @Ctx() context: HubContext) {
    return lessonById(context).load(event.lessonKey);
  }

  @FieldResolver(() => Student, { nullable: true, description: 'The student marked.' })
  student(@Root() event: AttendanceEvent, @Ctx() context: HubContext) {
    return studentById(context).load(event.studentKey);
  }
}
