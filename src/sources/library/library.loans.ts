/**
 * Library → loans. Koha keeps a loan in `issues` while the copy is out and moves it, with the same
 * issue_id, to `old_issues` on return; the hub shows both as one Loan list (UNION ALL), with the
 * title and author joined in and the overdue flag computed in SQL at the business instant (a
 * parameter, read on the library's wall clock).
 */
import { argsKey, businessNow, type SourceContext } from '../../db/read-context';
import { byKeyLoader } from '../../db/loaders';
import type { Params } from '../../db/sql';
import { loadList, nestedListLoader, tupleListLoader } from '../../db/list-loaders';
import type { ConnectionShape, Page, SortColumn } from '../../db/pages';
import { toGlobalId } from '../../domain/global-id';
import { LoanStatusFilter, type LoanFilter, type LoanRecord, type LoanSort } from '../../domain/library';
import { toBranch } from './library.branches';
import type { BorrowerScope } from './library.scope';
import { LIBRARY_TIME_ZONE, instant, libraryNow, libraryToday } from './library.time';

const library = (context: SourceContext) => context.db.library;

interface LoanRow extends Record<string, unknown> {
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

const LOAN_FROM = `(select issue_id, borrowernumber, itemnumber, issuedate, date_due, null::timestamp as returndate, renewals, branchcode from issues
    union all
    select issue_id, borrowernumber, itemnumber, issuedate, date_due, returndate, renewals, branchcode from old_issues) l
  left join items li on li.itemnumber = l.itemnumber
  left join biblio lb on lb.biblionumber = li.biblionumber
  join branches lbr on lbr.branchcode = l.branchcode`;

/** A loan is overdue while the copy is out past its due time; `now` is the placeholder of the business instant. */
const loanOverdueSql = (now: string) => `(l.returndate is null and l.date_due < ${libraryNow(now)})`;

/** The loan's columns with its overdue flag and days at the business instant `now` (a placeholder). */
const loanColumns = (now: string) => `l.issue_id, l.borrowernumber, l.itemnumber, ${instant('l.issuedate')} as issued_at,
  ${instant('l.date_due')} as due_at, ${instant('l.returndate')} as returned_at, l.renewals, l.branchcode, lbr.branchname,
  lb.title, lb.author, ${loanOverdueSql(now)} as is_overdue,
  case when ${loanOverdueSql(now)} then greatest(0, ${libraryToday(now)} - l.date_due::date) else 0 end as days_overdue,
  l.issuedate::text as issued_sort, l.date_due::text as due_sort`;

/** Newest first; the tie-breaker keeps keyset cursors exact. */
const LOAN_SORT_NEWEST: SortColumn[] = [
  { sql: 'l.issuedate', key: 'issued_sort', desc: true },
  { sql: 'l.issue_id', key: 'issue_id', desc: true },
];

/** The loans of a status; OVERDUE is decided at the business instant `now`. */
function loanStatusCondition(status: LoanStatusFilter | null | undefined, p: Params, now: Date): string | null {
  switch (status ?? LoanStatusFilter.ALL) {
    case LoanStatusFilter.CURRENT: return 'l.returndate is null';
    case LoanStatusFilter.OVERDUE: return loanOverdueSql(p.add(now));
    case LoanStatusFilter.RETURNED: return 'l.returndate is not null';
    case LoanStatusFilter.ALL: return null;
  }
}

function toLoan(r: LoanRow): LoanRecord {
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

const LOAN_SORT: Record<LoanSort, SortColumn> = {
  issuedAt: { sql: 'l.issuedate', key: 'issued_sort' },
  dueAt: { sql: 'l.date_due', key: 'due_sort' },
};

/** Every reader's loans, current and returned, sorted by `sort` (ties by loan); `scope` limits them in SQL. */
export function listLoans(
  c: SourceContext,
  { filter, sort, desc, page, scope }: { filter: LoanFilter; sort: LoanSort; desc: boolean; page: Page; scope: BorrowerScope },
): Promise<ConnectionShape<LoanRecord>> {
  const now = businessNow(c);
  return loadList<LoanRow, LoanRecord>(
    library(c),
    {
      from: LOAN_FROM,
      columns: (p) => loanColumns(p.add(now)),
      filters: (p) => [
        loanStatusCondition(filter.status, p, now),
        filter.overdue != null && `${filter.overdue ? '' : 'not '}${loanOverdueSql(p.add(now))}`,
        filter.readerKey != null && `l.borrowernumber = ${p.add(filter.readerKey)}`,
        // dueBefore is an instant; the column is the library's naive local time.
        filter.dueBefore && `l.date_due < (${p.add(filter.dueBefore.toISOString())}::timestamptz at time zone '${LIBRARY_TIME_ZONE}')`,
        scope?.(p, 'l.borrowernumber'),
      ],
      sort: [{ ...LOAN_SORT[sort], desc }, { sql: 'l.issue_id', key: 'issue_id', desc }],
    },
    page,
    toLoan,
  );
}

/** Which of a reader's loans to list, and the page (newest issue first). */
export interface ReaderLoansQuery {
  status: LoanStatusFilter | null | undefined;
  page: Page;
}

/**
 * One reader's loans, paged per reader: one statement for all readers of a level. `scope` limits
 * the rows in SQL, so pages, cursors and counts hold only loans the viewer may see.
 */
export const loansOfReader = (c: SourceContext, query: ReaderLoansQuery, scope: BorrowerScope) => {
  const now = businessNow(c);
  return c.loader(argsKey('library.loansOfReader', query), () =>
    nestedListLoader<number, LoanRow, LoanRecord>(
      c.db.library,
      {
        from: LOAN_FROM, columns: (p) => loanColumns(p.add(now)), parentColumn: 'l.borrowernumber', parentArrayType: 'int[]',
        filters: (p) => [loanStatusCondition(query.status, p, now), scope?.(p, 'l.borrowernumber')], sort: LOAN_SORT_NEWEST,
      },
      query.page,
      toLoan,
    ),
  );
};

/**
 * A student's loans over all of its borrower records (the registry may link several cards to one
 * person). The parent is keyed by the student key; p1 = the borrower numbers, comma-joined
 * (`joinKeys`), possibly empty. `scope` as for loansOfReader.
 */
export const loansOfCardSet = (c: SourceContext, query: ReaderLoansQuery, scope: BorrowerScope) => {
  const now = businessNow(c);
  return c.loader(argsKey('library.loansOfCardSet', query), () =>
    tupleListLoader<number, LoanRow, LoanRecord>(
      c.db.library,
      {
        from: LOAN_FROM, columns: (p) => loanColumns(p.add(now)), parentKeyType: 'int[]', partTypes: ['text[]'],
        match: `l.borrowernumber = any(string_to_array(_p.p1, ',')::int[])`,
        filters: (p) => [loanStatusCondition(query.status, p, now), scope?.(p, 'l.borrowernumber')], sort: LOAN_SORT_NEWEST,
      },
      query.page,
      toLoan,
    ),
  );
};

/**
 * Copies still out (issues, not old_issues) on any of these borrower records, oldest issue first.
 * A plain read, not a request loader: a long-lived subscription must see the state at each event.
 */
export async function currentLoansOfBorrowers(c: SourceContext, borrowers: number[]): Promise<LoanRecord[]> {
  if (borrowers.length === 0) return [];
  const rows = await library(c).query<LoanRow>(
    `select ${loanColumns('$2')} from ${LOAN_FROM} where l.returndate is null and l.borrowernumber = any($1::int[]) order by l.issuedate, l.issue_id`,
    [borrowers, businessNow(c)],
  );
  return rows.map(toLoan);
}
