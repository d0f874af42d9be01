/**
 * Library → readers: how Koha's borrowers (with their category and home branch) become the hub's
 * LibraryReader, the readers' debts, and the loaders that read them in batches.
 */
import { businessNow, type SourceContext } from '../../db/read-context';
import { KEY_SET_PARENTS, byKeyLoader, inKeySet, keySetLoader } from '../../db/loaders';
import { loadList } from '../../db/list-loaders';
import type { ConnectionShape, Page, SortColumn } from '../../db/pages';
import { everyWordIn, type Params } from '../../db/sql';
import { toGlobalId } from '../../domain/global-id';
import type { LibraryDebtorFilter, LibraryDebtorRecord, LibraryReaderFilter, LibraryReaderRecord, LibraryReaderSort } from '../../domain/library';
import { toBranch } from './library.branches';
import type { BorrowerScope } from './library.scope';
import { libraryNow, libraryToday } from './library.time';

const library = (context: SourceContext) => context.db.library;

interface BorrowerRow {
  borrowernumber: number;
  cardnumber: string;
  surname: string;
  firstname: string;
  othernames: string | null;
  dateofbirth: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  categorycode: string;
  category_description: string | null;
  branchcode: string;
  branchname: string | null;
  dateenrolled: string;
  dateexpiry: string;
  debarred: string | null;
  expired: boolean;
}

const BORROWER_FROM = 'borrowers b join categories c on c.categorycode = b.categorycode join branches br on br.branchcode = b.branchcode';
/** The reader's columns; `expired` is decided on the library's date at the business instant `now` (a placeholder). */
const borrowerColumns = (now: string) => `b.borrowernumber, b.cardnumber, b.surname, b.firstname, b.othernames, b.dateofbirth, b.email,
  b.phone, b.address, b.city, b.categorycode, c.description as category_description, b.branchcode, br.branchname,
  b.dateenrolled, b.dateexpiry, b.debarred, (b.dateexpiry < ${libraryToday(now)}) as expired`;

/** Sum of a reader's outstanding account lines (Koha's own balance: unapplied credits count negative). */
const debtOf = (borrowerColumn: string) =>
  `(select coalesce(sum(a.amountoutstanding), 0) from accountlines a where a.borrowernumber = ${borrowerColumn})`;

/** How many copies a reader keeps past their due time at the business instant `now` (a placeholder). */
const overdueCountOf = (borrowerColumn: string, now: string) =>
  `(select count(*)::int from issues ov where ov.borrowernumber = ${borrowerColumn} and ov.date_due < ${libraryNow(now)})`;

const joinNames = (...parts: (string | null)[]) => parts.filter((p) => p && p.trim()).join(' ');

function toLibraryReader(r: BorrowerRow): LibraryReaderRecord {
  const address = [r.address?.trim(), r.city?.trim()].filter(Boolean).join(', ');
  return {
    __typename: 'LibraryReader', id: toGlobalId('LibraryReader', r.borrowernumber), key: r.borrowernumber,
    cardNumber: r.cardnumber, surname: r.surname, firstName: r.firstname, otherNames: r.othernames,
    fullName: joinNames(r.surname, r.firstname, r.othernames),
    category: { code: r.categorycode, description: r.category_description ?? r.categorycode },
    branch: toBranch(r.branchcode, r.branchname),
    enrolledOn: r.dateenrolled, expiresOn: r.dateexpiry, expired: r.expired, debarredUntil: r.debarred,
    birthDate: r.dateofbirth, phone: r.phone, email: r.email, address: address || null,
  };
}

export const readerById = (c: SourceContext) =>
  byKeyLoader(
    c, 'library.readerById', library,
    `select ${borrowerColumns('$2')}, b.borrowernumber as _key from ${BORROWER_FROM} where b.borrowernumber = any($1::int[])`, toLibraryReader, [businessNow(c)],
  );

export const debtByReader = (c: SourceContext) =>
  byKeyLoader(
    c, 'library.debtByReader', library,
    `select a.borrowernumber as _key, coalesce(sum(a.amountoutstanding), 0) as debt from accountlines a where a.borrowernumber = any($1::int[]) group by a.borrowernumber`,
    (r: { debt: number }) => r.debt,
  );

/** Who the key sets belong to: the loaders' caches are per kind of parent key. */
export type KeySetOwner = 'student' | 'person';

/** The reader records of each parent's borrower-number set (one statement for all parents). */
/** Each parent's reader cards, the one valid longest first (the card the library would use now), ties by card. */
export const readersOfCardSet = (c: SourceContext, owner: KeySetOwner) =>
  keySetLoader(
    c, `library.readersOfCardSet:${owner}`, library,
    `select _p._parent, ${borrowerColumns('$3')} from ${KEY_SET_PARENTS} join (${BORROWER_FROM}) on ${inKeySet('b.borrowernumber')}
      order by b.dateexpiry desc, b.borrowernumber`,
    toLibraryReader, [businessNow(c)],
  );

/** The summed debt of each parent's borrower-number set: exactly one row per parent (0 when none). */
export const debtOfCardSet = (c: SourceContext, owner: KeySetOwner) =>
  keySetLoader(
    c, `library.debtOfCardSet:${owner}`, library,
    `select _p._parent, (select coalesce(sum(a.amountoutstanding), 0) from accountlines a where ${inKeySet('a.borrowernumber')}) as debt
       from ${KEY_SET_PARENTS}`,
    (r: { debt: number }) => r.debt,
  );

type Row<T> = T & Record<string, unknown>;

const READER_SORT: Record<LibraryReaderSort, SortColumn[]> = {
  name: [{ sql: 'b.surname', key: 'surname' }, { sql: 'b.firstname', key: 'firstname' }],
  cardNumber: [{ sql: 'b.cardnumber', key: 'cardnumber' }],
  enrolledOn: [{ sql: 'b.dateenrolled', key: 'dateenrolled' }],
};

/** As typed (every word in a name), or one of the readers the registry matched in another spelling. */
function anySpellingCondition({ text, readerKeys }: { text: string; readerKeys: readonly number[] }, p: Params): string {
  const asTyped = everyWordIn(['b.surname', 'b.firstname', 'b.othernames'], text, p);
  const alternatives = [
    ...(asTyped.length ? [`(${asTyped.join(' and ')})`] : []),
    ...(readerKeys.length ? [`b.borrowernumber = any(${p.add([...readerKeys])}::int[])`] : []),
  ];
  return alternatives.length ? `(${alternatives.join(' or ')})` : 'false';
}

/** Readers sorted by `sort` (ties by reader); `scope` limits them in SQL, so pages and counts hold only visible cards. */
export function listReaders(
  c: SourceContext,
  { filter, sort, desc, page, scope }: { filter: LibraryReaderFilter; sort: LibraryReaderSort; desc: boolean; page: Page; scope: BorrowerScope },
): Promise<ConnectionShape<LibraryReaderRecord>> {
  const now = businessNow(c);
  return loadList<Row<BorrowerRow>, LibraryReaderRecord>(
    library(c),
    {
      from: BORROWER_FROM,
      columns: (p) => borrowerColumns(p.add(now)),
      filters: (p) => [
        filter.cardNumber != null && `b.cardnumber = ${p.add(filter.cardNumber)}`,
        // Every word in one of the names (served by the hub's trigram index on borrowers).
        ...everyWordIn(['b.surname', 'b.firstname', 'b.othernames'], filter.nameContains, p),
        filter.nameInAnySpelling && anySpellingCondition(filter.nameInAnySpelling, p),
        filter.hasDebt != null && `${debtOf('b.borrowernumber')} ${filter.hasDebt ? '>' : '<='} 0`,
        filter.hasOverdue != null && `${overdueCountOf('b.borrowernumber', p.add(now))} ${filter.hasOverdue ? '>' : '='} 0`,
        scope?.(p, 'b.borrowernumber'),
      ],
      sort: [...READER_SORT[sort], { sql: 'b.borrowernumber', key: 'borrowernumber' }].map((column) => ({ ...column, desc })),
    },
    page,
    toLibraryReader,
  );
}

interface DebtorRow extends BorrowerRow {
  debt: number;
  overdue_count: number;
}

/** Readers who owe money or keep a copy overdue, largest debt first; `scope` as for listReaders. */
export function listDebtors(
  c: SourceContext,
  { filter, page, scope }: { filter: LibraryDebtorFilter; page: Page; scope: BorrowerScope },
): Promise<ConnectionShape<LibraryDebtorRecord>> {
  const now = businessNow(c);
  return loadList<Row<DebtorRow>, LibraryDebtorRecord>(
    library(c),
    {
      from: (p) => `${BORROWER_FROM}
        cross join lateral (select ${debtOf('b.borrowernumber')} as debt, ${overdueCountOf('b.borrowernumber', p.add(now))} as overdue_count) d`,
      columns: (p) => `${borrowerColumns(p.add(now))}, d.debt, d.overdue_count`,
      filters: (p) => [
        '(d.debt > 0 or d.overdue_count > 0)',
        filter.minDebt != null && `d.debt >= ${p.add(filter.minDebt)}`,
        filter.overdueOnly && 'd.overdue_count > 0',
        filter.readerKeys != null && (filter.readerKeys.length ? `b.borrowernumber = any(${p.add([...filter.readerKeys])}::int[])` : 'false'),
        scope?.(p, 'b.borrowernumber'),
      ],
      sort: [{ sql: 'd.debt', key: 'debt', desc: true }, { sql: 'b.borrowernumber', key: 'borrowernumber', desc: true }],
    },
    page,
    (r) => ({ readerKey: r.borrowernumber, reader: toLibraryReader(r), debt: r.debt, overdueLoanCount: r.overdue_count }),
  );
}
