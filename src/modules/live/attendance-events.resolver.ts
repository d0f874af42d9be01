/**
 * `attendanceMarked`: attendance as it happens — AVN journal marks (teachers' entries and the
 * hub's QR check-ins) and scans QR-visit accepted on its own devices — optionally replayed from a
 * cursor first. Each log event is resolved once for the whole instance (attendance-feed.ts); a
 * subscriber only checks its filter. Each event is guarded like any object (AttendanceEvent's row
 * rule), so a viewer never receives a mark of a lesson it may not see, live or replayed.
 */
import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { lessonById } from '../../sources/avn/avn.journal';
import { studentById } from '../../sources/avn/avn.students';
import { Lesson } from '../attendance/lesson.types';
import { Student } from '../students/student.types';
import { AttendanceEvent, AttendanceEventWhere } from './attendance-event.types';
import { ATTENDANCE_TABLES, attendanceFeed, attendanceFilter, matchesFilter } from './attendance-feed';
import { eventStream, parseCursor } from './event-stream';

@Resolver(() => AttendanceEvent)
export class AttendanceEventResolver {
  @Subscription(() => AttendanceEvent, {
    description:
      'Attendance as it happens: journal marks as teachers enter or change them and as students check in by QR through the hub, and scans the ' +
      'QR-visit system accepted on its own devices (`origin` tells them apart; a check-in through the hub arrives once, as its journal mark). ' +
      'With `after`, first every matching mark written after that cursor, in order, then new ones — no gap, no duplicate. ' +
      'You receive only marks of lessons you may see.',
    subscribe: ({ args, context }) => {
      const ctx = context as HubContext;
      const filter = attendanceFilter(args.where as AttendanceEventWhere | undefined);
      const feed = attendanceFeed(ctx.runtime);
      return eventStream(
        ctx.db.hub,
        parseCursor(args.after as string | undefined),
        ATTENDANCE_TABLES,
        async (event) => {
          const mark = await feed.eventOf(event);
          return mark && matchesFilter(filter, mark) ? mark : null;
        },
        // Live: only the events the feed has matched to this filter (the others never wake this stream).
        () => feed.subscribe(filter),
      );
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
    return event.loaded?.lesson ?? lessonById(context).load(event.lessonKey);
  }

  @FieldResolver(() => Student, { nullable: true, description: 'The student marked.' })
  student(@Root() event: AttendanceEvent, @Ctx() context: HubContext) {
    return event.loaded ? event.loaded.student : studentById(context).load(event.studentKey);
  }
}
