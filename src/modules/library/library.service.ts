/** Root lists of the library (reads the library source through its mapping layer). */
import { businessNow } from '../../db/read-context';
import { type HubContext } from '../../graphql/context';
import { loadList } from '../../db/list-loaders';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import { OrderDirection, sortBy } from '../../graphql/ordering';
import { everyWordIn, likeEscape } from '../../db/sql';
import { BORROWER_FROM, borrowerColumns, debtOf, overdueCountOf, toLibraryReader, type BorrowerRow } from '../../sources/library/library.readers';
import { ITEM_COLUMNS, ITEM_FROM, ITEM_STATUS_SQL, toLibraryItem, type ItemRow } from '../../sources/library/library.items';
import { LOAN_FROM, loanColumns, loanOverdueSql, loanStatusCondition, toLoan, type LoanRow } from '../../sources/library/library.loans';
import { LIBRARY_TIME_ZONE } from '../../sources/library/library.time';
import type { LibraryDebtor } from './debtor.types';
import { LibraryReaderOrderField, LoanOrderField, type LibraryDebtorsArgs, type LibraryItemsArgs, type LibraryReadersArgs, type LoansArgs } from './library.inputs';

import { readerScope } from '../../auth/guard/key-scope';

type Row<T> = T & Record<string, unknown>;

const READER_SORT = {
  [LibraryReaderOrderField.NAME]: [{ sql: 'b.surname', key: 'surname' }, { sql: 'b.firstname', key: 'firstname' }],
  [LibraryReaderOrderField.CARD_NUMBER]: [{ sql: 'b.cardnumber', key: 'cardnumber' }],
  [LibraryReaderOrderField.ENROLLED_ON]: [{ sql: 'b.dateenrolled', key: 'dateenrolled' }],
};

export async function listReaders(context: HubContext, args: LibraryReadersArgs) {
  // Access: the cards the viewer may see (a faculty's students', a student's own), in SQL.
  const scope = await readerScope(context);
  const field = args.orderBy?.field ?? LibraryReaderOrderField.NAME;
  const desc = args.orderBy?.direction === OrderDirection.DESC;
  const sort = [...READER_SORT[field], { sql: 'b.borrowernumber', key: 'borrowernumber' }].map((c) => ({ ...c, desc }));
  const where = args.where ?? {};
  const now = businessNow(context);
  return loadList<Row<BorrowerRow>, ReturnType<typeof toLibraryReader>>(
    context.db.library,
    {
      from: BORROWER_FROM,
      columns: (p) => borrowerColumns(p.add(now)),
      filters: (p) => [
        where.cardNumber != null && `b.cardnumber = ${p.add(where.cardNumber)}`,
        // Every word in one of the names (served by the hub's trigram index on borrowers).
        ...everyWordIn(['b.surname', 'b.firstname', 'b.othernames'], where.nameContains, p),
        where.hasDebt != null && `${debtOf('b.borrowernumber')} ${where.hasDebt ? '>' : '<='} 0`,
        where.hasOverdue != null && `${overdueCountOf('b.borrowernumber', p.add(now))} ${where.hasOverdue ? '>' : '='} 0`,
        scope?.(p, 'b.borrowernumber'),
      ],
      sort,
    },
    readPage(args, `libraryReaders:${field}:${desc ? 'desc' : 'asc'}`),
    toLibraryReader,
  );
}

export function listItems(context: HubContext, args: LibraryItemsArgs) {
  const where = args.where ?? {};
  const titleKey = where.titleId ? intKeyOf(where.titleId, 'LibraryTitle') : null;
  // ISBNs are catalogued with and without hyphens: compare digits (and the X check digit) only.
  const isbn = where.isbn?.replace(/[^0-9Xx]/g, '').toUpperCase();
  return loadList<Row<ItemRow>, ReturnType<typeof toLibraryItem>>(
    context.db.library,
    {
      from: ITEM_FROM,
      columns: ITEM_COLUMNS,
      filters: (p) => {
        const title = where.titleContains ? p.add(`%${likeEscape(where.titleContains)}%`) : null;
        return [
          title && `(b.title ilike ${title} or b.subtitle ilike ${title})`,
          where.authorContains && `b.author ilike ${p.add(`%${likeEscape(where.authorContains)}%`)}`,
          isbn && `upper(regexp_replace(b.isbn, '[^0-9Xx]', '', 'g')) = ${p.add(isbn)}`,
          where.available != null && `(${ITEM_STATUS_SQL}) ${where.available ? '=' : '<>'} 'AVAILABLE'`,
          titleKey !== null && `i.biblionumber = ${p.add(titleKey)}`,
        ];
      },
      sort: [{ sql: 'b.title', key: 'title' }, { sql: 'i.barcode', key: 'barcode' }, { sql: 'i.itemnumber', key: 'itemnumber' }],
    },
    readPage(args, 'libraryItems:title'),
    toLibraryItem,
  );
}

const LOAN_SORT = {
  [LoanOrderField.ISSUED_AT]: { sql: 'l.issuedate', key: 'issued_sort' },
  [LoanOrderField.DUE_AT]: { sql: 'l.date_due', key: 'due_sort' },
};

export async function listLoans(context: HubContext, args: LoansArgs) {
  // Access: loans of the cards the viewer may see, in SQL.
  const scope = await readerScope(context);
  const field = args.orderBy?.field ?? LoanOrderField.ISSUED_AT;
  // Without orderBy: newest first, what a librarian looks at.
  const direction = args.orderBy ? args.orderBy.direction : OrderDirection.DESC;
  const sort = sortBy(LOAN_SORT[field], direction, { sql: 'l.issue_id', key: 'issue_id' });
  const where = args.where ?? {};
  const readerKey = where.readerId ? intKeyOf(where.readerId, 'LibraryReader') : null;
  const now = businessNow(context);
  return loadList<LoanRow, ReturnType<typeof toLoan>>(
    context.db.library,
    {
      from: LOAN_FROM,
      columns: (p) => loanColumns(p.add(now)),
      filters: (p) => [
        loanStatusCondition(where.status, p, now),
        where.overdue != null && `${where.overdue ? '' : 'not '}${loanOverdueSql(p.add(now))}`,
        readerKey !== null && `l.borrowernumber = ${p.add(readerKey)}`,
        // dueBefore is an instant; the column is the library's naive local time.
        where.dueBefore && `l.date_due < (${p.add(where.dueBefore.toISOString())}::timestamptz at time zone '${LIBRARY_TIME_ZONE}')`,
        scope?.(p, 'l.borrowernumber'),
      ],
      sort,
    },
    readPage(args, `loans:${field}:${direction}`),
    toLoan,
  );
}

interface DebtorRow extends BorrowerRow {
  debt: number;
  overdue_count: number;
}

export async function listDebtors(context: HubContext, args: LibraryDebtorsArgs) {
  const where = args.where ?? {};
  // Access: the cards the viewer may see, in SQL.
  const scope = await readerScope(context);
  const now = businessNow(context);
  return loadList<Row<DebtorRow>, LibraryDebtor>(
    context.db.library,
    {
      from: (p) => `${BORROWER_FROM}
        cross join lateral (select ${debtOf('b.borrowernumber')} as debt, ${overdueCountOf('b.borrowernumber', p.add(now))} as overdue_count) d`,
      columns: (p) => `${borrowerColumns(p.add(now))}, d.debt, d.overdue_count`,
      filters: (p) => [
        '(d.debt > 0 or d.overdue_count > 0)',
        where.minDebt != null && `d.debt >= ${p.add(where.minDebt)}`,
        where.overdueOnly && 'd.overdue_count > 0',
        scope?.(p, 'b.borrowernumber'),
      ],
      sort: [{ sql: 'd.debt', key: 'debt', desc: true }, { sql: 'b.borrowernumber', key: 'borrowernumber', desc: true }],
    },
    readPage(args, 'libraryDebtors:debt:desc'),
    (r) => ({ readerKey: r.borrowernumber, reader: toLibraryReader(r), debt: r.debt, overdueLoanCount: r.overdue_count }),
  );
}
