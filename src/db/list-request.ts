/**
 * How a module asks a source for one page of a list, in the hub's terms: the filter and sort the
 * domain declares for that list, the page (db/pages.ts), and the viewer's reach, which the source
 * turns into its own row limit so the page, its cursors and `totalCount` hold only visible rows.
 */
import type { Reach } from '../domain/reach';
import type { Page } from './pages';

export interface ListRequest<Filter, Sort> {
  filter: Filter;
  sort: Sort;
  /** Descending; the source breaks ties in the same direction so keyset cursors stay exact. */
  desc: boolean;
  page: Page;
  reach: Reach;
}
