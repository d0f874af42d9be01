/**
 * Library → readers: how Koha's borrowers (with their category and home branch) become the hub's
 * LibraryReader, the readers' debts, and the loaders that read them in batches.
 */
import { businessNow, type SourceContext } from '../../db/read-context';
import { KEY_SET_PARENTS, byKeyLoader, inKeySet, keySetLoader } from '../../db/loaders';
import { toGlobalId } from '../../domain/global-id';
import type { LibraryReader } from '../../modules/library/reader.types';
import { toBranch } from './library.branches';
import { libraryNow, libraryToday } from './library.time';

const library = (context: SourceContext) => context.db.library;

export interface BorrowerRow {
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

export const BORROWER_FROM = 'borrowers b join categories c on c.categorycode = b.categorycode join branches br on br.branchcode = b.branchcode';
/** The reader's columns; `expired` is decided on the library's date at the business instant `now` (a placeholder). */
export const borrowerColumns = (now: string) => `b.borrowernumber, b.cardnumber, b.surname, b.firstname, b.othernames, b.dateofbirth, b.email,
  b.phone, b.address, b.city, b.categorycode, c.description as category_description, b.branchcode, br.branchname,
  b.dateenrolled, b.dateexpiry, b.debarred, (b.dateexpiry < ${libraryToday(now)}) as expired`;

/** Sum of a reader's outstanding account lines (Koha's own balance: unapplied credits count negative). */
export const debtOf = (borrowerColumn: string) =>
  `(select coalesce(sum(a.amountoutstanding), 0) from accountlines a where a.borrowernumber = ${borrowerColumn})`;

/** How many copies a reader keeps past their due time at the business instant `now` (a placeholder). */
export const overdueCountOf = (borrowerColumn: string, now: string) =>
  `(select count(*)::int from issues ov where ov.borrowernumber = ${borrowerColumn} and ov.date_due < ${libraryNow(now)})`;

const joinNames = (...parts: (string | null)[]) => parts.filter((p) => p && p.trim()).join(' ');

export function toLibraryReader(r: BorrowerRow): LibraryReader {
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
export const readersOfBorrowerSet = (c: SourceContext, owner: KeySetOwner) =>
  keySetLoader(
    c, `library.readersOfBorrowerSet:${owner}`, library,
    `select _p._parent, ${borrowerColumns('$3')} from ${KEY_SET_PARENTS} join (${BORROWER_FROM}) on ${inKeySet('b.borrowernumber')}`,
    toLibraryReader, [businessNow(c)],
  );

/** The summed debt of each parent's borrower-number set: exactly one row per parent (0 when none). */
export const debtOfBorrowerSet = (c: SourceContext, owner: KeySetOwner) =>
  keySetLoader(
    c, `library.debtOfBorrowerSet:${owner}`, library,
    `select _p._parent, (select coalesce(sum(a.amountoutstanding), 0) from accountlines a where ${inKeySet('a.borrowernumber')}) as debt
       from ${KEY_SET_PARENTS}`,
    (r: { debt: number }) => r.debt,
  );
