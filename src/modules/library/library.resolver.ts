/** Queries and relations of the library: readers, copies, titles, loans, fines, debtors. */
import { Args, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import { readerScope } from '../../auth/guard/key-scope';
import type { HubContext } from '../../graphql/context';
import { registerNode } from '../../graphql/node';
import { debtByReader, readerById } from '../../sources/library/library.readers';
import { itemById, itemsByTitle, titleById } from '../../sources/library/library.items';
import { currentLoanByItem, loanById, loansOfReader } from '../../sources/library/library.loans';
import { fineById, finesByReader } from '../../sources/library/library.fines';
import { studentById } from '../../sources/avn/avn.students';
import { personOfRecord, intKeys, linkedKeys } from '../students/identity';
import { Person, Student } from '../students/student.types';
import { LibraryDebtor, LibraryDebtorConnection } from './debtor.types';
import { Fine } from './fine.types';
import { LibraryDebtorsArgs, LibraryItemsArgs, LibraryReadersArgs, LoansArgs, ReaderLoansArgs } from './library.inputs';
import { listAllLoans, listLibraryDebtors, listLibraryItems, listLibraryReaders } from './library.service';
import { readerLoansQuery } from './reader-loans';
import { LibraryItem, LibraryItemConnection, LibraryTitle } from './item.types';
import { Loan, LoanConnection } from './loan.types';
import { LibraryReader, LibraryReaderConnection } from './reader.types';
import { PersonLibraryRelations, StudentLibraryRelations } from './library-study-card.resolver';
import { LIBRARY_READER_RECORD } from '../../domain/identity';

registerNode('LibraryReader', (key, c) => readerById(c).load(Number(key)));
registerNode('LibraryItem', (key, c) => itemById(c).load(Number(key)));
registerNode('LibraryTitle', (key, c) => titleById(c).load(Number(key)));
registerNode('Loan', (key, c) => loanById(c).load(Number(key)));
registerNode('Fine', (key, c) => fineById(c).load(Number(key)));

@Resolver()
export class LibraryQueries {
  @Query(() => LibraryReaderConnection, { nullable: true, description: 'Library readers, filtered by card number, name, debt or overdue loans; by name unless ordered otherwise.' })
  libraryReaders(@Args() args: LibraryReadersArgs, @Ctx() context: HubContext) {
    return listLibraryReaders(context, args);
  }

  @Query(() => LibraryItemConnection, { nullable: true, description: 'Library copies, filtered by title, author, ISBN or availability; sorted by title, then barcode.' })
  libraryItems(@Args() args: LibraryItemsArgs, @Ctx() context: HubContext) {
    return listLibraryItems(context, args);
  }

  @Query(() => LoanConnection, { nullable: true, description: 'Loans of all readers, current and returned, filtered by status, overdue, reader or due time.' })
  loans(@Args() args: LoansArgs, @Ctx() context: HubContext) {
    return listAllLoans(context, args);
  }

  @Query(() => LibraryDebtorConnection, { nullable: true,
    description: 'Readers who owe the library money or keep copies past their due time, largest debt first (the list a library sends to dean\'s offices).',
  })
  libraryDebtors(@Args() args: LibraryDebtorsArgs, @Ctx() context: HubContext) {
    return listLibraryDebtors(context, args);
  }
}

@Resolver(() => LibraryReader)
export class LibraryReaderRelations {
  @FieldResolver(() => LoanConnection, { description: 'The reader\'s loans, newest issue first.' })
  async loans(@Root() reader: LibraryReader, @Args() args: ReaderLoansArgs, @Ctx() context: HubContext) {
    // Access: as the root list, limited in SQL (src/auth/guard/key-scope.ts).
    return loansOfReader(context, readerLoansQuery(args, 'readerLoans'), await readerScope(context)).load(reader.key);
  }

  @FieldResolver(() => [Fine], { description: 'The charges on the reader\'s account (fines, lost copies, fees), newest first, paid ones included.' })
  fines(@Root() reader: LibraryReader, @Ctx() context: HubContext) {
    return finesByReader(context).load(reader.key);
  }

  @FieldResolver(() => Float, { description: 'What the reader owes now, in som: the sum of the outstanding amounts of the account (unapplied credits count negative).' })
  async debt(@Root() reader: LibraryReader, @Ctx() context: HubContext) {
    return (await debtByReader(context).load(reader.key)) ?? 0;
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person this reader is, as linked by the identity registry; null when the registry has not linked the borrower record.' })
  person(@Root() reader: LibraryReader, @Ctx() context: HubContext) {
    return personOfRecord(context, LIBRARY_READER_RECORD, reader.key);
  }
}

@Resolver(() => Loan)
export class LoanRelations {
  @FieldResolver(() => LibraryItem, { nullable: true, description: 'The lent copy; null if it was deleted from the catalogue since.' })
  item(@Root() loan: Loan, @Ctx() context: HubContext) {
    return loan.itemKey == null ? null : itemById(context).load(loan.itemKey);
  }

  @FieldResolver(() => LibraryReader, { nullable: true, description: 'The reader; null when the library anonymised this returned loan.' })
  reader(@Root() loan: Loan, @Ctx() context: HubContext) {
    return loan.readerKey == null ? null : readerById(context).load(loan.readerKey);
  }
}

@Resolver(() => LibraryItem)
export class LibraryItemRelations {
  @FieldResolver(() => Loan, { nullable: true, description: 'The loan the copy is out on now; null when it is not lent out.' })
  currentLoan(@Root() item: LibraryItem, @Ctx() context: HubContext) {
    return currentLoanByItem(context).load(item.key);
  }
}

@Resolver(() => LibraryTitle)
export class LibraryTitleRelations {
  @FieldResolver(() => [LibraryItem], { description: 'The library\'s copies of this title, by barcode.' })
  items(@Root() title: LibraryTitle, @Ctx() context: HubContext) {
    return itemsByTitle(context).load(title.key);
  }
}

@Resolver(() => Fine)
export class FineRelations {
  @FieldResolver(() => LibraryItem, { nullable: true, description: 'The copy the charge is about (overdue or lost), if any.' })
  item(@Root() fine: Fine, @Ctx() context: HubContext) {
    return fine.itemKey == null ? null : itemById(context).load(fine.itemKey);
  }

  @FieldResolver(() => LibraryReader, { description: 'The reader charged.' })
  reader(@Root() fine: Fine, @Ctx() context: HubContext) {
    return readerById(context).load(fine.readerKey);
  }
}

@Resolver(() => LibraryDebtor)
export class LibraryDebtorRelations {
  @FieldResolver(() => Student, {
    nullable: true,
    description: 'The AVN student this reader is, through the identity registry (the latest student record if the person has several); null for staff and external readers, or when AVN is unavailable.',
  })
  async student(@Root() debtor: LibraryDebtor, @Ctx() context: HubContext) {
    const students = intKeys(await linkedKeys(context, `${LIBRARY_READER_RECORD}:${debtor.readerKey}`, 'avn.student'));
    return students.length ? studentById(context).load(Math.max(...students)) : null;
  }
}

export const libraryResolvers = [
  LibraryQueries, LibraryReaderRelations, LoanRelations, LibraryItemRelations, LibraryTitleRelations, FineRelations, LibraryDebtorRelations,
  StudentLibraryRelations, PersonLibraryRelations,
] as const;
