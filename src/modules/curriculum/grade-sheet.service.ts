/** Lists of grade sheets: the root list and the per-group / per-teacher lists (one statement per level). */
import type { HubContext } from '../../graphql/context';
import { argsKey } from '../../db/read-context';
import { loadList, nestedListLoader } from '../../db/list-loaders';
import { readPage } from '../../graphql/connection';
import { type SortColumn } from '../../db/pages';
import { intKeyOf } from '../../domain/global-id';
import { OrderDirection } from '../../graphql/ordering';
import type { Params } from '../../db/sql';
import { STATUS_CODE, VEDOMOST_COLUMNS, VEDOMOST_FROM, toGradeSheet, type VedomostRow } from '../../sources/avn/avn.gradesheets';
import { GradeSheetKind } from '../../domain/curriculum';
import { termCondition } from './academic-term.enum';
import { teachingScope } from '../../sources/avn/avn.scopes';
import { viewerReach } from '../../auth/policies';
import { GradeSheetOrderField, type GradeSheetFilter, type GradeSheetOrder, type GradeSheetsArgs, type NestedGradeSheetsArgs } from './grade-sheet.inputs';

type Row = VedomostRow & Record<string, unknown>;

const TIP_CODE: Record<GradeSheetKind, string> = { [GradeSheetKind.REGULAR]: 'osnovnaya', [GradeSheetKind.RETAKE]: 'peresdacha' };

const SORT_COLUMNS: Record<GradeSheetOrderField, { sql: string; key: string }[]> = {
  [GradeSheetOrderField.OPENED_ON]: [{ sql: 'v.data_otkr', key: 'data_otkr' }],
  [GradeSheetOrderField.ACADEMIC_TERM]: [{ sql: 'v.uch_god', key: 'uch_god' }, { sql: 'v.semestr', key: 'semestr' }],
};

function sortOf(orderBy: GradeSheetOrder | undefined) {
  const field = orderBy?.field ?? GradeSheetOrderField.OPENED_ON;
  const direction = orderBy?.direction ?? OrderDirection.DESC;
  const desc = direction === OrderDirection.DESC;
  const sort: SortColumn[] = [...SORT_COLUMNS[field], { sql: 'v.ved_id', key: 'ved_id' }].map((c) => ({ ...c, desc }));
  return { sort, orderKey: `${field}:${direction}` };
}

function filterConditions(where: GradeSheetFilter, p: Params): (string | false | undefined)[] {
  const disciplineKey = where.disciplineId ? intKeyOf(where.disciplineId, 'Discipline') : null;
  return [
    where.academicYear != null && `v.uch_god = ${p.add(where.academicYear)}`,
    where.term && termCondition('v.semestr', where.term),
    where.semester != null && `v.semestr = ${p.add(where.semester)}`,
    where.status && `v.status = ${p.add(STATUS_CODE[where.status])}`,
    where.kind && `v.tip = ${p.add(TIP_CODE[where.kind])}`,
    disciplineKey !== null && `ps.disc_id = ${p.add(disciplineKey)}`,
  ];
}

export function listGradeSheets(context: HubContext, args: GradeSheetsArgs) {
  const where = args.where ?? {};
  const groupKey = where.groupId ? intKeyOf(where.groupId, 'Group') : null;
  const teacherKey = where.teacherId ? intKeyOf(where.teacherId, 'Employee') : null;
  const { sort, orderKey } = sortOf(args.orderBy);
  return loadList<Row, ReturnType<typeof toGradeSheet>>(
    context.db.avn,
    {
      from: VEDOMOST_FROM,
      columns: VEDOMOST_COLUMNS,
      filters: (p) => [
        groupKey !== null && `v.grp_id = ${p.add(groupKey)}`,
        teacherKey !== null && `v.emp_id = ${p.add(teacherKey)}`,
        ...filterConditions(where, p),
        // Access: only the sheets the viewer may see (src/sources/avn/avn.scopes.ts).
        teachingScope(viewerReach(context), p, { group: 'v.grp_id', teacher: 'v.emp_id' }),
      ],
      sort,
    },
    readPage(args, `gradeSheets:${orderKey}`),
    toGradeSheet,
  );
}

/** The sheets of many groups or many teachers, one page each, in one statement. */
export function gradeSheetsUnder(context: HubContext, parent: 'group' | 'teacher', args: NestedGradeSheetsArgs) {
  const { sort, orderKey } = sortOf(args.orderBy);
  const page = readPage(args, `${parent}.gradeSheets:${orderKey}`);
  return context.loader(argsKey(`avn.gradeSheetsBy:${parent}`, args), () =>
    nestedListLoader<number, Row, ReturnType<typeof toGradeSheet>>(
      context.db.avn,
      {
        from: VEDOMOST_FROM,
        columns: VEDOMOST_COLUMNS,
        parentColumn: parent === 'group' ? 'v.grp_id' : 'v.emp_id',
        parentArrayType: 'int[]',
        // Access: as the root list, so a nested page and its totalCount hold only visible sheets.
        filters: (p) => [...filterConditions(args.where ?? {}, p), teachingScope(viewerReach(context), p, { group: 'v.grp_id', teacher: 'v.emp_id' })],
        sort,
      },
      page,
      toGradeSheet,
    ),
  );
}
