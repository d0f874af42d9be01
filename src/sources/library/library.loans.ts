/**
 * Library → loans. Koha keeps a loan in `issues` while the copy is out and moves it, with the same
 * issue_id, to `old_issues` on return; the hub shows both as one Loan list (UNION ALL), with the
 * title and author joined in and the overdue flag computed in SQL at the business instant (a
 * parameter, read on the library's wall clock).
 */
import { argsKey, businessNow, type SourceContext } from '../../db/read-context';
import { byKeyLoader } from '../../db/loaders';
import type { Params } from '../../db/sql';
import { nestedListLoader, tupleListLoader } from '../../db/list-loaders';
import { readPage, type PageArgs } from '../../graphql/connection';
import { type SortColumn } from '../../db/pages';
import { toGlobalId } from '../../domain/global-id';
import { LoanStatusFilter } from '../../domain/library';
import { type Loan } from '../../modules/library/loan.types';
import { toBranch } from './library.branches';
import { instant, libraryNow, libraryToday } from './library.time';

const library = (context: SourceContext) => context.db.library;

export interface LoanRow extends Record<string, unknown> {
  issue_id: number;
  borrowernumber: number | null;
  itemnumber: number | null;
  issued_at: Date;
  due_at: Date;
  returned_at: Date | null;
  renewals: number;
  branchcode: string;
  branchname: string | null;
  title: string | null;
  author: string | null;
  is_overdue: boolean;
  days_overdue: number;
  /** The naive timestamps as text: exact cursor values whatever the process time zone. */
  issued_sort: string;
  due_sort: string;
}

export const LOAN_FROM = `(select issue_id, borrowernumber, itemnumber, issuedate, date_due, null::timestamp as returndate, renewals, branchcode from issues
    union all
    select issue_id, borrowernumber, itemnumber, issuedate, date_due, returndate, renewals, branchcode from old_issues) l
  left join items li on li.itemnumber = l.itemnumber
  left join biblio lb on lb.biblionumber = li.biblionumber
  join branches lbr on lbr.branchcode = l.branchcode`;

/** A loan is overdue while the copy is out past its due time; `now` is the placeholder of the business instant. */
export const loanOverdueSql = (now: string) => `(l.returndate is null and l.date_due < ${libraryNow(now)})`;

/** The loan's columns with its overdue flag and days at the business instant `now` (a placeholder). */
export const loanColumns = (now: string) => `l.issue_id, l.borrowernumber, l.itemnumber, ${instant('l.issuedate')} as issued_at,
  ${instant('l.date_due')} as due_at, ${instant('l.returndate')} as returned_at, l.renewals, l.branchcode, lbr.branchname,
  lb.title, lb.author, ${loanOverdueSql(now)} as is_overdue,
  case when ${loanOverdueSql(now)} then greatest(0, ${libraryToday(now)} - l.date_due::date) else 0 end as days_overdue,
  l.issuedate::text as issued_sort, l.date_due::text as due_sort`;

/** Newest first; the tie-breaker keeps keyset cursors exact. */
export const LOAN_SORT_NEWEST: SortColumn[] = [
  { sql: 'l.issuedate', key: 'issued_sort', desc: true },
  { sql: 'l.issue_id', key: 'issue_id', desc: true },
];

/** The loans of a status; OVERDUE is decided at the business instant `now`. */
export function loanStatusCondition(status: LoanStatusFilter | undefined, p: Params, now: Date): string | null {
  switch (status ?? LoanStatusFilter.ALL) {
    case LoanStatusFilter.CURRENT: return 'l.returndate is null';
    case LoanStatusFilter.OVERDUE: return loanOverdueSql(p.add(now));
    case LoanStatusFilter.RETURNED: return 'l.returndate is not null';
    case LoanStatusFilter.ALL: return null;
  }
}

export function toLoan(r: LoanRow): Loan {
  return {
    __typename: 'Loan', id: toGlobalId('Loan', r.issue_id), key: r.issue_id, readerKey: r.borrowernumber, itemKey: r.itemnumber,
    title: r.title, author: r.author, issuedAt: r.issued_at, dueAt: r.due_at, returnedAt: r.returned_at, renewals: r.renewals,
    branch: toBranch(r.branchcode, r.branchname), overdue: r.is_overdue, daysOverdue: r.days_overdue,
  };
}

export const loanById = (c: SourceContext) =>
  byKeyLoader(c, 'library.loanById', library, `select ${loanColumns('$2')}, l.issue_id as _key from ${LOAN_FROM} where l.issue_id = any($1::int[])`, toLoan, [businessNow(c)]);

/** The loan a copy is out on now (at most one: issues.itemnumber is unique). */
export const currentLoanByItem = (c: SourceContext) =>
  byKeyLoader(
    c, 'library.currentLoanByItem', library,
    `select ${loanColumns('$2')}, l.itemnumber as _key from ${LOAN_FROM} where l.returndate is null and l.itemnumber = any($1::int[])`,
    toLoan, [businessNow(c)],
  );

export interface LoanListArgs extends PageArgs {
  status?: LoanStatusFilter;
}

/** The viewer's limit on borrower numbers (src/auth/guard/key-scope.ts `readerScope`); null = none. */
export type BorrowerScope = ((p: Params, borrowerColumn: string) => string) | null;

/**
 * One reader's loans, paged per reader: one statement for all readers of a level. `scope` limits
 * the rows in SQL, so pages, cursors and counts hold only loans the viewer may see.
 */
export const loansOfReader = (c: SourceContext, args: LoanListArgs, scope: BorrowerScope) => {
  const page = readPage(args, 'readerLoans:issuedAt:desc');
  const now = businessNow(c);
  return c.loader(argsKey('library.loansOfReader', args), () =>
    nestedListLoader<number, LoanRow, Loan>(
      c.db.library,
      {
        from: LOAN_FROM, columns: (p) => loanColumns(p.add(now)), parentColumn: 'l.borrowernumber', parentArrayType: 'int[]',
        filters: (p) => [loanStatusCondition(args.status, p, now), scope?.(p, 'l.borrowernumber')], sort: LOAN_SORT_NEWEST,
      },
      page,
      toLoan,
    ),
  );
};

/**
 * A student's loans over all of its borrower records (the registry may link several cards to one
 * person). The parent is keyed by the student key; p1 = the borrower numbers, comma-joined
 * (`joinKeys`), possibly empty. `scope` as for loansOfReader.
 */
export const loansOfBorrowerSet = (c: SourceContext, args: LoanListArgs, scope: BorrowerScope) => {
  const page = readPage(args, 'personLoans:issuedAt:desc');
  const now = businessNow(c);
  return c.loader(argsKey('library.loansOfBorrowerSet', args), () =>
    tupleListLoader<number, LoanRow, Loan>(
      c.db.library,
      {
        from: LOAN_FROM, columns: (p) => loanColumns(p.add(now)), parentKeyType: 'int[]', partTypes: ['text[]'],
        match: `l.borrowernumber = any(string_to_array(_p.p1, ',')::int[])`,
        filters: (p) => [loanStatusCondition(args.status, p, now), scope?.(p, 'l.borrowernumber')], sort: LOAN_SORT_NEWEST,
      },
      page,
      toLoan,
    ),
  );
};
