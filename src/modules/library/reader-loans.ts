/** A reader's (or a student's) loans list: its GraphQL arguments as the library source's query. */
import { readPage } from '../../graphql/connection';
import type { ReaderLoansQuery } from '../../sources/library/library.loans';
import type { ReaderLoansArgs } from './library.inputs';

/** `list` names the list in its cursors, so a cursor of one list is refused by the other. */
export function readerLoansQuery(args: ReaderLoansArgs, list: 'readerLoans' | 'personLoans'): ReaderLoansQuery {
  return { status: args.status, page: readPage(args, `${list}:issuedAt:desc`) };
}
