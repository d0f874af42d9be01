/** Journal lesson lists (root and per group / per teacher) and the attendance figures of a lesson. */
import type { HubContext } from '../../graphql/context';
import { argsKey } from '../../db/read-context';
import { loadList, nestedListLoader } from '../../db/list-loaders';
import { readPage } from '../../graphql/connection';
import { type SortColumn } from '../../db/pages';
import { intKeyOf } from '../../domain/global-id';
import { OrderDirection } from '../../graphql/ordering';
import type { Params } from '../../db/sql';
import { validationFailed } from '../../common/errors';
import { ZANYATIE_COLUMNS, toLesson, type ZanyatieRow } from '../../sources/avn/avn.journal';
import { VID_CODE } from '../../sources/avn/avn.staff';
import { Presence } from '../../domain/attendance';
import { type AttendanceCounts, type AttendanceMark } from './lesson.types';
import { teachingScope } from '../../sources/avn/avn.scopes';
import { viewerReach } from '../../auth/policies';
import type { LessonFilter, LessonOrder, LessonsArgs, NestedLessonsArgs } from './lesson.inputs';

type Row = ZanyatieRow & Record<string, unknown>;

function sortOf(orderBy: LessonOrder | undefined) {
  const direction = orderBy?.direction ?? OrderDirection.ASC;
  const desc = direction === OrderDirection.DESC;
  const sort: SortColumn[] = [
    { sql: 'z.data', key: 'data', desc },
    { sql: 'z.para', key: 'para', desc },
    { sql: 'z.zan_id', key: 'zan_id', desc },
  ];
  return { sort, orderKey: `DATE:${direction}` };
}

/** Checked before any loader is built, so a bad filter fails its field alone with VALIDATION_FAILED. */
function checkFilter(where: LessonFilter): void {
  if (where.dateFrom && where.dateTo && where.dateFrom > where.dateTo) {
    throw validationFailed('`dateFrom` must not be after `dateTo`.', 'dateFrom');
  }
  if (where.disciplineId) intKeyOf(where.disciplineId, 'Discipline');
}

function filterConditions(where: LessonFilter, p: Params): (string | false | undefined | null)[] {
  const disciplineKey = where.disciplineId ? intKeyOf(where.disciplineId, 'Discipline') : null;
  return [
    disciplineKey !== null && `z.disc_id = ${p.add(disciplineKey)}`,
    where.dateFrom && `z.data >= ${p.add(where.dateFrom)}::date`,
    where.dateTo && `z.data <= ${p.add(where.dateTo)}::date`,
    where.kind && `z.vid = ${p.add(VID_CODE[where.kind])}`,
  ];
}

export function listLessons(context: HubContext, args: LessonsArgs) {
  const where = args.where ?? {};
  checkFilter(where);
  const groupKey = where.groupId ? intKeyOf(where.groupId, 'Group') : null;
  const teacherKey = where.teacherId ? intKeyOf(where.teacherId, 'Employee') : null;
  const { sort, orderKey } = sortOf(args.orderBy);
  return loadList<Row, ReturnType<typeof toLesson>>(
    context.db.avn,
    {
      from: 'jurnal_zanyatie z',
      columns: ZANYATIE_COLUMNS,
      filters: (p) => [
        groupKey !== null && `z.grp_id = ${p.add(groupKey)}`,
        teacherKey !== null && `z.emp_id = ${p.add(teacherKey)}`,
        ...filterConditions(where, p),
        // Access: only the lessons the viewer may see (src/sources/avn/avn.scopes.ts).
        teachingScope(viewerReach(context), p, { group: 'z.grp_id', teacher: 'z.emp_id' }),
      ],
      sort,
    },
    readPage(args, `lessons:${orderKey}`),
    toLesson,
  );
}

/** The lessons of many groups or many teachers, one page each, in one statement. */
export function lessonsUnder(context: HubContext, parent: 'group' | 'teacher', args: NestedLessonsArgs) {
  checkFilter(args.where ?? {});
  const { sort, orderKey } = sortOf(args.orderBy);
  const page = readPage(args, `${parent}.lessons:${orderKey}`);
  return context.loader(argsKey(`avn.lessonsBy:${parent}`, args), () =>
    nestedListLoader<number, Row, ReturnType<typeof toLesson>>(
      context.db.avn,
      {
        from: 'jurnal_zanyatie z',
        columns: ZANYATIE_COLUMNS,
        parentColumn: parent === 'group' ? 'z.grp_id' : 'z.emp_id',
        parentArrayType: 'int[]',
        // Access: as the root list, so a nested page and its totalCount hold only visible lessons.
        filters: (p) => [...filterConditions(args.where ?? {}, p), teachingScope(viewerReach(context), p, { group: 'z.grp_id', teacher: 'z.emp_id' })],
        sort,
      },
      page,
      toLesson,
    ),
  );
}

export function attendanceCounts(marks: AttendanceMark[]): AttendanceCounts {
  const count = (presence: Presence) => marks.filter((m) => m.presence === presence).length;
  return { present: count(Presence.PRESENT), absent: count(Presence.ABSENT), late: count(Presence.LATE), excused: count(Presence.EXCUSED), total: marks.length };
}
