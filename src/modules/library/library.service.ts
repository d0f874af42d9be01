/** Root lists of the library: GraphQL arguments → the library source's filters, sorts and pages. */
import { type HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import type { LibraryReaderSort, LoanSort } from '../../domain/library';
import { OrderDirection } from '../../graphql/ordering';
import { listDebtors, listReaders } from '../../sources/library/library.readers';
import { listItems } from '../../sources/library/library.items';
import { listLoans } from '../../sources/library/library.loans';
import { LibraryReaderOrderField, LoanOrderField, type LibraryDebtorsArgs, type LibraryItemsArgs, type LibraryReadersArgs, type LoansArgs } from './library.inputs';

import { readerScope } from '../../auth/guard/key-scope';
import { enumListArgument } from '../../graphql/list-arguments';
import { StudentStatus } from '../../domain/students';
import { studentKeysMatching } from '../../sources/avn/avn.student-keys';
import { recordsOfLatestStudents } from '../../hub/identity/identity.latest-student';
import { recordsByNameSkeletons } from '../../hub/identity/identity.name-search';
import { LIBRARY_READER_RECORD } from '../../domain/identity';


const READER_SORT: Record<LibraryReaderOrderField, LibraryReaderSort> = {
  [LibraryReaderOrderField.NAME]: 'name',
  [LibraryReaderOrderField.CARD_NUMBER]: 'cardNumber',
  [LibraryReaderOrderField.ENROLLED_ON]: 'enrolledOn',
};

export async function listLibraryReaders(context: HubContext, args: LibraryReadersArgs) {
  // Access: the cards the viewer may see (a faculty's students', a student's own), in SQL.
  const scope = await readerScope(context);
  const field = args.orderBy?.field ?? LibraryReaderOrderField.NAME;
  const desc = args.orderBy?.direction === OrderDirection.DESC;
  const page = readPage(args, `libraryReaders:${field}:${desc ? 'desc' : 'asc'}`);
  const { nameInAnySpelling, ...where } = args.where ?? {};
  const filter = {
    ...where,
    nameInAnySpelling: !nameInAnySpelling?.trim() ? null : { text: nameInAnySpelling, readerKeys: await recordsByNameSkeletons(context, nameInAnySpelling, LIBRARY_READER_RECORD) },
  };
  return listReaders(context, { filter, sort: READER_SORT[field], desc, page, scope });
}

export function listLibraryItems(context: HubContext, args: LibraryItemsArgs) {
  const where = args.where ?? {};
  const filter = { ...where, titleKey: where.titleId ? intKeyOf(where.titleId, 'LibraryTitle') : null };
  return listItems(context, filter, readPage(args, 'libraryItems:title'));
}

const LOAN_SORT: Record<LoanOrderField, LoanSort> = {
  [LoanOrderField.ISSUED_AT]: 'issuedAt',
  [LoanOrderField.DUE_AT]: 'dueAt',
};

export async function listAllLoans(context: HubContext, args: LoansArgs) {
  // Access: loans of the cards the viewer may see, in SQL.
  const scope = await readerScope(context);
  const field = args.orderBy?.field ?? LoanOrderField.ISSUED_AT;
  // Without orderBy: newest first, what a librarian looks at.
  const direction = args.orderBy ? args.orderBy.direction : OrderDirection.DESC;
  const where = args.where ?? {};
  const filter = { ...where, readerKey: where.readerId ? intKeyOf(where.readerId, 'LibraryReader') : null };
  const page = readPage(args, `loans:${field}:${direction}`);
  return listLoans(context, { filter, sort: LOAN_SORT[field], desc: direction === OrderDirection.DESC, page, scope });
}

export async function listLibraryDebtors(context: HubContext, args: LibraryDebtorsArgs) {
  const where = args.where ?? {};
  const statusIn = enumListArgument(where.studentStatusIn, StudentStatus, 'where.studentStatusIn');
  const facultyKey = where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null;
  const page = readPage(args, 'libraryDebtors:debt:desc');
  // Access: the cards the viewer may see, in SQL.
  const scope = await readerScope(context);
  const filter = { minDebt: where.minDebt, overdueOnly: where.overdueOnly, readerKeys: await readersOfStudents(context, statusIn, facultyKey) };
  return listDebtors(context, { filter, page, scope });
}

/**
 * The cards whose student matches a status list and a faculty, or null when neither is asked:
 * the library shares no key with AVN, so the way is set-based through the registry (AVN's matching
 * students, then their persons' cards), one statement each, whatever the number of debtors.
 */
async function readersOfStudents(context: HubContext, statusIn: StudentStatus[] | null, facultyKey: number | null): Promise<number[] | null> {
  if (statusIn == null && facultyKey == null) return null;
  const students = await studentKeysMatching(context, { statusIn, facultyKey });
  return recordsOfLatestStudents(context, students, LIBRARY_READER_RECORD);
}
