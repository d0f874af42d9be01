/**
 * The viewer's row limit as the library's lists take it: a condition over the list's borrower
 * column, built by the caller (the access rules know which cards a viewer may see; the library
 * only says which column holds the card). Null: no limit.
 */
import type { Params } from '../../db/sql';

export type BorrowerScope = ((p: Params, borrowerColumn: string) => string) | null;
