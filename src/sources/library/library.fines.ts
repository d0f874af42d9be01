/**
 * Library → fines: Koha's accountlines. Debit lines (a debit_type_code) are the charges shown as
 * Fine; credit lines (payments, write-offs) only lower the outstanding amounts and are not listed.
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader, manyByKeyLoader } from '../../db/loaders';
import { toGlobalId } from '../../domain/global-id';
import type { FineKind, FineRecord } from '../../domain/library';
import { instant } from './library.time';

const library = (context: SourceContext) => context.db.library;

interface AccountlineRow {
  accountlines_id: number;
  borrowernumber: number;
  itemnumber: number | null;
  date: Date;
  amount: number;
  amountoutstanding: number;
  debit_type_code: string;
  description: string | null;
}

const FINE_COLUMNS = `a.accountlines_id, a.borrowernumber, a.itemnumber, ${instant('a.date')} as date, a.amount, a.amountoutstanding,
  a.debit_type_code, a.description`;

function toFine(r: AccountlineRow): FineRecord {
  return {
    __typename: 'Fine', id: toGlobalId('Fine', r.accountlines_id), key: r.accountlines_id, readerKey: r.borrowernumber, itemKey: r.itemnumber,
    // The codes are Koha's and the enum's values were chosen equal to them (OVERDUE, LOST, MANUAL, PROCESSING).
    date: r.date, amount: r.amount, outstanding: r.amountoutstanding, kind: r.debit_type_code as FineKind, description: r.description,
  };
}

export const fineById = (c: SourceContext) =>
  byKeyLoader(
    c, 'library.fineById', library,
    `select ${FINE_COLUMNS}, a.accountlines_id as _key from accountlines a where a.debit_type_code is not null and a.accountlines_id = any($1::int[])`,
    toFine,
  );

/** A reader's charges, newest first. */
export const finesByReader = (c: SourceContext) =>
  manyByKeyLoader(
    c, 'library.finesByReader', library,
    `select ${FINE_COLUMNS}, a.borrowernumber as _key from accountlines a
      where a.debit_type_code is not null and a.borrowernumber = any($1::int[]) order by a.date desc, a.accountlines_id desc`,
    toFine,
  );
