/**
 * The two lists every kind of AVN teaching record has (grade sheets, journal lessons): a root page
 * within the viewer's reach, and one page per group or per teacher for many parents in one
 * statement, with the same row limit, so a nested page and its totalCount hold only visible rows.
 */
import type DataLoader from 'dataloader';
import { argsKey, type SourceContext } from '../../db/read-context';
import { loadList, nestedListLoader } from '../../db/list-loaders';
import type { ConnectionShape, Page, SortColumn } from '../../db/pages';
import type { Params } from '../../db/sql';
import type { Reach } from '../../domain/reach';

/** How one kind of teaching record is read. */
export interface TeachingListSpec<F, S, R> {
  /** The loaders' name, e.g. `avn.gradeSheets`. */
  name: string;
  from: string;
  columns: string;
  /** The columns holding the record's group and teacher. */
  groupColumn: string;
  teacherColumn: string;
  /** The filter's conditions and the viewer's row limit. */
  conditions: (filter: F, reach: Reach, p: Params) => (string | false | null | undefined)[];
  sort: (sort: S) => SortColumn[];
  map: (row: Record<string, unknown>) => R;
}

export interface TeachingListRequest<F, S> {
  filter: F;
  sort: S;
  page: Page;
  reach: Reach;
}

export function teachingLists<F, S, R>(spec: TeachingListSpec<F, S, R>) {
  return {
    /** A page of the records; only those the viewer's reach covers. */
    list(context: SourceContext, request: TeachingListRequest<F, S>): Promise<ConnectionShape<R>> {
      return loadList(
        context.db.avn,
        { from: spec.from, columns: spec.columns, filters: (p) => spec.conditions(request.filter, request.reach, p), sort: spec.sort(request.sort) },
        request.page,
        spec.map,
      );
    },

    /** The records of many groups or many teachers, one page each, in one statement. */
    under(context: SourceContext, parent: 'group' | 'teacher', request: TeachingListRequest<F, S>): DataLoader<number, ConnectionShape<R>> {
      const { filter, sort, page, reach } = request;
      return context.loader(argsKey(`${spec.name}By:${parent}`, { filter, sort, page }), () =>
        nestedListLoader<number, Record<string, unknown>, R>(
          context.db.avn,
          {
            from: spec.from,
            columns: spec.columns,
            parentColumn: parent === 'group' ? spec.groupColumn : spec.teacherColumn,
            parentArrayType: 'int[]',
            filters: (p) => spec.conditions(filter, reach, p),
            sort: spec.sort(sort),
          },
          page,
          spec.map,
        ),
      );
    },
  };
}
