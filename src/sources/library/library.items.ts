/**
 * Library → holdings: Koha's biblio (catalogue records) and items (copies) as the hub's
 * LibraryTitle and LibraryItem. An item's status folds Koha's flags and the issues table into one
 * value, in SQL, so the `available` filter and the field can never disagree.
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader, manyByKeyLoader } from '../../db/loaders';
import { loadList } from '../../db/list-loaders';
import type { ConnectionShape, Page } from '../../db/pages';
import { likeEscape } from '../../db/sql';
import { toGlobalId } from '../../domain/global-id';
import { LibraryItemStatus, type LibraryItemFilter, type LibraryItemRecord, type LibraryTitleRecord } from '../../domain/library';
import { toBranch } from './library.branches';

const library = (context: SourceContext) => context.db.library;

interface BiblioRow {
  biblionumber: number;
  title: string;
  subtitle: string | null;
  author: string | null;
  copyrightdate: number | null;
  isbn: string | null;
  publishercode: string | null;
  language: string | null;
}

interface ItemRow extends BiblioRow {
  itemnumber: number;
  barcode: string;
  itemcallnumber: string | null;
  itype: string;
  homebranch: string;
  branchname: string | null;
  replacementprice: number | null;
  status: string;
}

const BIBLIO_COLUMNS = 'b.biblionumber, b.title, b.subtitle, b.author, b.copyrightdate, b.isbn, b.publishercode, b.language';

/** Withdrawn beats lost beats on loan beats not-for-loan (the order a librarian would ask in). */
const ITEM_STATUS_SQL = `case
  when i.withdrawn <> 0 then 'WITHDRAWN'
  when i.itemlost <> 0 then 'LOST'
  when exists (select 1 from issues x where x.itemnumber = i.itemnumber) then 'ON_LOAN'
  when i.notforloan <> 0 then 'NOT_FOR_LOAN'
  else 'AVAILABLE' end`;

const ITEM_FROM = 'items i join biblio b on b.biblionumber = i.biblionumber join branches br on br.branchcode = i.homebranch';
const ITEM_COLUMNS = `i.itemnumber, i.barcode, i.itemcallnumber, i.itype, i.homebranch, br.branchname, i.replacementprice,
  ${ITEM_STATUS_SQL} as status, ${BIBLIO_COLUMNS}`;

function toLibraryTitle(r: BiblioRow): LibraryTitleRecord {
  return {
    __typename: 'LibraryTitle', id: toGlobalId('LibraryTitle', r.biblionumber), key: r.biblionumber,
    title: r.title, subtitle: r.subtitle, author: r.author, year: r.copyrightdate, isbn: r.isbn,
    publisher: r.publishercode, language: r.language?.trim() || null,
  };
}

function toLibraryItem(r: ItemRow): LibraryItemRecord {
  return {
    __typename: 'LibraryItem', id: toGlobalId('LibraryItem', r.itemnumber), key: r.itemnumber,
    barcode: r.barcode, callNumber: r.itemcallnumber, itemType: r.itype, branch: toBranch(r.homebranch, r.branchname),
    status: r.status as LibraryItemStatus, replacementPrice: r.replacementprice, title: toLibraryTitle(r),
  };
}

export const itemById = (c: SourceContext) =>
  byKeyLoader(c, 'library.itemById', library, `select ${ITEM_COLUMNS}, i.itemnumber as _key from ${ITEM_FROM} where i.itemnumber = any($1::int[])`, toLibraryItem);

export const titleById = (c: SourceContext) =>
  byKeyLoader(c, 'library.titleById', library, `select ${BIBLIO_COLUMNS}, b.biblionumber as _key from biblio b where b.biblionumber = any($1::int[])`, toLibraryTitle);

export const itemsByTitle = (c: SourceContext) =>
  manyByKeyLoader(c, 'library.itemsByTitle', library, `select ${ITEM_COLUMNS}, i.biblionumber as _key from ${ITEM_FROM} where i.biblionumber = any($1::int[]) order by i.barcode, i.itemnumber`, toLibraryItem);

/** Copies by title, then barcode; `filter` as the hub states it (an ISBN compared by its digits only). */
export function listItems(c: SourceContext, filter: LibraryItemFilter, page: Page): Promise<ConnectionShape<LibraryItemRecord>> {
  // ISBNs are catalogued with and without hyphens: compare digits (and the X check digit) only.
  const isbn = filter.isbn?.replace(/[^0-9Xx]/g, '').toUpperCase();
  return loadList<ItemRow & Record<string, unknown>, LibraryItemRecord>(
    library(c),
    {
      from: ITEM_FROM,
      columns: ITEM_COLUMNS,
      filters: (p) => {
        const title = filter.titleContains ? p.add(`%${likeEscape(filter.titleContains)}%`) : null;
        return [
          title && `(b.title ilike ${title} or b.subtitle ilike ${title})`,
          filter.authorContains && `b.author ilike ${p.add(`%${likeEscape(filter.authorContains)}%`)}`,
          isbn && `upper(regexp_replace(b.isbn, '[^0-9Xx]', '', 'g')) = ${p.add(isbn)}`,
          filter.available != null && `(${ITEM_STATUS_SQL}) ${filter.available ? '=' : '<>'} 'AVAILABLE'`,
          filter.titleKey != null && `i.biblionumber = ${p.add(filter.titleKey)}`,
        ];
      },
      sort: [{ sql: 'b.title', key: 'title' }, { sql: 'i.barcode', key: 'barcode' }, { sql: 'i.itemnumber', key: 'itemnumber' }],
    },
    page,
    toLibraryItem,
  );
}
