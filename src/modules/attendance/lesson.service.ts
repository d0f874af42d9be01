/** Journal lesson lists (root and per group / per teacher): GraphQL arguments → the hub's filters → AVN's lists; and the attendance figures of a lesson. */
import type { HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import { OrderDirection } from '../../graphql/ordering';
import { validationFailed } from '../../common/errors';
import * as avnJournal from '../../sources/avn/avn.journal';
import { Presence, type LessonFilter as JournalFilter, type LessonSort } from '../../domain/attendance';
import { type AttendanceCounts, type AttendanceMark } from './lesson.types';
import { viewerReach } from '../../auth/policies';
import type { LessonFilter, LessonOrder, LessonsArgs, NestedLessonsArgs } from './lesson.inputs';

function sortOf(orderBy: LessonOrder | undefined): { sort: LessonSort; orderKey: string } {
  const direction = orderBy?.direction ?? OrderDirection.ASC;
  return { sort: { desc: direction === OrderDirection.DESC }, orderKey: `DATE:${direction}` };
}

/** Checked before any loader is built, so a bad filter fails its field alone with VALIDATION_FAILED. */
function filterOf(where: LessonFilter): JournalFilter {
  if (where.dateFrom && where.dateTo && where.dateFrom > where.dateTo) {
    throw validationFailed('`dateFrom` must not be after `dateTo`.', 'dateFrom');
  }
  return {
    disciplineKey: where.disciplineId ? intKeyOf(where.disciplineId, 'Discipline') : null,
    dateFrom: where.dateFrom, dateTo: where.dateTo, kind: where.kind,
  };
}

export function listLessons(context: HubContext, args: LessonsArgs) {
  const where = args.where ?? {};
  const filter = filterOf(where);
  const { sort, orderKey } = sortOf(args.orderBy);
  return avnJournal.listLessons(context, {
    filter: {
      ...filter,
      groupKey: where.groupId ? intKeyOf(where.groupId, 'Group') : null,
      teacherKey: where.teacherId ? intKeyOf(where.teacherId, 'Employee') : null,
      facultyKey: where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null,
    },
    sort,
    page: readPage(args, `lessons:${orderKey}`),
    // Access: only the lessons the viewer may see.
    reach: viewerReach(context),
  });
}

/** The lessons of many groups or many teachers, one page each, in one statement. */
export function lessonsUnder(context: HubContext, parent: 'group' | 'teacher', args: NestedLessonsArgs) {
  const filter = filterOf(args.where ?? {});
  const { sort, orderKey } = sortOf(args.orderBy);
  return avnJournal.lessonsUnder(context, parent, { filter, sort, page: readPage(args, `${parent}.lessons:${orderKey}`), reach: viewerReach(context) });
}

export function attendanceCounts(marks: AttendanceMark[]): AttendanceCounts {
  const count = (presence: Presence) => marks.filter((m) => m.presence === presence).length;
  return { present: count(Presence.PRESENT), absent: count(Presence.ABSENT), late: count(Presence.LATE), excused: count(Presence.EXCUSED), total: marks.length };
}
