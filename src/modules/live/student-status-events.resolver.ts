/**
 * `studentStatusChanged`: AVN students whose study status changed (the capture keeps only the
 * status and group columns of `students`), optionally replayed from a cursor.
 */
import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { intKeyOf } from '../../domain/global-id';
import type { LogEvent } from '../../events/event-log';
import { studentById } from '../../sources/avn/avn.students';
import { Student } from '../students/student.types';
import { StudentStatus } from '../../domain/students';
import { eventStream, parseCursor } from './event-stream';
import { StudentStatusEvent, StudentStatusEventWhere } from './status-event.types';

const STUDENTS = { sources: ['avn'], tables: ['students'] } as const;
/** AVN student_status ids (fixed by AVN's schema, as in src/sources/avn/avn.students.ts). */
const STATUS_BY_ID: Record<number, StudentStatus> = {
  1: StudentStatus.STUDYING, 2: StudentStatus.ACADEMIC_LEAVE, 3: StudentStatus.EXPELLED, 4: StudentStatus.GRADUATED,
};

async function toStudentStatusEvent(context: HubContext, facultyKey: number | null, event: LogEvent): Promise<StudentStatusEvent | null> {
  if (event.op !== 'UPDATE' || !event.old || event.old.status_id === event.data.status_id) return null;
  const studentKey = Number(event.key);
  const student = await studentById(context).clear(studentKey).load(studentKey);
  if (!student) return null;
  if (facultyKey != null && student.facultyKey !== facultyKey) return null;
  return {
    cursor: String(event.cursor),
    studentKey,
    groupKey: Number(event.data.grp_id),
    facultyKey: student.facultyKey,
    status: STATUS_BY_ID[Number(event.data.status_id)],
    previousStatus: STATUS_BY_ID[Number(event.old.status_id)] ?? null,
    at: event.changedAt,
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
      return eventStream(ctx.db.hub, parseCursor(args.after as string | undefined), STUDENTS, (event) => toStudentStatusEvent(ctx, facultyKey, event));
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
