/** Lists of grade sheets (root, per group, per teacher): GraphQL arguments → the hub's filters → AVN's lists. */
import type { HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import { GradeSheetStatus, type GradeSheetFilter as SheetFilter, type GradeSheetSort } from '../../domain/curriculum';
import { enumListArgument } from '../../graphql/list-arguments';
import { OrderDirection } from '../../graphql/ordering';
import * as avnGradeSheets from '../../sources/avn/avn.gradesheets';
import { viewerReach } from '../../auth/policies';
import { GradeSheetOrderField, type GradeSheetFilter, type GradeSheetOrder, type GradeSheetsArgs, type NestedGradeSheetsArgs } from './grade-sheet.inputs';

/** Latest opened first unless asked otherwise; the order key names the list's order for its cursors. */
function sortOf(orderBy: GradeSheetOrder | undefined): { sort: GradeSheetSort; orderKey: string } {
  const field = orderBy?.field ?? GradeSheetOrderField.OPENED_ON;
  const direction = orderBy?.direction ?? OrderDirection.DESC;
  return { sort: { field, desc: direction === OrderDirection.DESC }, orderKey: `${field}:${direction}` };
}

function filterOf(where: GradeSheetFilter): SheetFilter {
  return {
    academicYear: where.academicYear, term: where.term, semester: where.semester, status: where.status, kind: where.kind,
    statusIn: enumListArgument(where.statusIn, GradeSheetStatus, 'where.statusIn'),
    disciplineKey: where.disciplineId ? intKeyOf(where.disciplineId, 'Discipline') : null,
  };
}

export function listGradeSheets(context: HubContext, args: GradeSheetsArgs) {
  const where = args.where ?? {};
  const { sort, orderKey } = sortOf(args.orderBy);
  return avnGradeSheets.listGradeSheets(context, {
    filter: {
      groupKey: where.groupId ? intKeyOf(where.groupId, 'Group') : null,
      teacherKey: where.teacherId ? intKeyOf(where.teacherId, 'Employee') : null,
      ...filterOf(where),
    },
    sort,
    page: readPage(args, `gradeSheets:${orderKey}`),
    // Access: only the sheets the viewer may see.
    reach: viewerReach(context),
  });
}

/** The sheets of many groups or many teachers, one page each, in one statement. */
export function gradeSheetsUnder(context: HubContext, parent: 'group' | 'teacher', args: NestedGradeSheetsArgs) {
  const { sort, orderKey } = sortOf(args.orderBy);
  return avnGradeSheets.gradeSheetsUnder(context, parent, {
    filter: filterOf(args.where ?? {}),
    sort,
    page: readPage(args, `${parent}.gradeSheets:${orderKey}`),
    reach: viewerReach(context),
  });
}
