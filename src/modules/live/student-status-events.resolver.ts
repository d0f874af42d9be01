/**
 * `studentStatusChanged`: AVN students whose study status changed (src/sources/avn/avn.changes.ts
 * reads them from the change feed), optionally replayed from a cursor.
 */
import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { intKeyOf } from '../../domain/global-id';
import type { CapturedChange } from '../../domain/events';
import { studentById } from '../../sources/avn/avn.students';
import { STUDENT_STATUS_CHANGES, studentStatusChangeOf } from '../../sources/avn/avn.changes';
import { Student } from '../students/student.types';
import { eventStream, parseCursor } from './event-stream';
import { StudentStatusEvent, StudentStatusEventWhere } from './status-event.types';

async function toStudentStatusEvent(context: HubContext, facultyKey: number | null, captured: CapturedChange): Promise<StudentStatusEvent | null> {
  const changed = studentStatusChangeOf(captured);
  if (!changed) return null;
  const student = await studentById(context).clear(changed.studentKey).load(changed.studentKey);
  if (!student) return null;
  if (facultyKey != null && student.facultyKey !== facultyKey) return null;
  return {
    cursor: String(changed.cursor),
    studentKey: changed.studentKey,
    groupKey: changed.groupKey,
    facultyKey: student.facultyKey,
    status: changed.status,
    previousStatus: changed.previousStatus,
    at: changed.at,
  };
}

@Resolver(() => StudentStatusEvent)
export class StudentStatusEventResolver {
  @Subscription(() => StudentStatusEvent, {
    description:
      'Students whose study status changes (leave, expulsion, graduation, reinstatement). With `after`, first every matching change since that cursor, in order, then new ones. ' +
      'You receive only students you may see.',
    subscribe: ({ args, context }) => {
      const ctx = context as HubContext;
      const where = args.where as StudentStatusEventWhere | undefined;
      const facultyKey = where?.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null;
      return eventStream(ctx.db.hub, parseCursor(args.after as string | undefined), STUDENT_STATUS_CHANGES, (event) => toStudentStatusEvent(ctx, facultyKey, event));
    },
  })
  studentStatusChanged(
    @Root() event: StudentStatusEvent,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this event cursor (replays the changes since); omit for new changes only.' }) _after?: string,
    @Arg('where', () => StudentStatusEventWhere, { nullable: true, description: 'Which students\' changes to receive.' }) _where?: StudentStatusEventWhere,
  ): StudentStatusEvent {
    return event;
  }

  @FieldResolver(() => Student, { nullable: true, description: 'The student, as it stands now.' })
  student(@Root() event: StudentStatusEvent, @Ctx() context: HubContext) {
    return studentById(context).load(event.studentKey);
  }
}
