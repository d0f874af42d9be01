/** The library's debtors list: readers who owe money or keep copies past their due time. */
import { Field, Float, Int } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection';
import { HubObject } from '../../graphql/object-type';
import { LibraryReader } from './reader.types';
import type { LibraryDebtorRecord } from '../../domain/library';

@HubObject('A reader with unpaid library charges or overdue loans (one entry of the debtors list). Source: library.', { node: false })
export class LibraryDebtor implements LibraryDebtorRecord {
  /** The reader's key, for the `student` relation. */
  readerKey!: number;

  @Field(() => LibraryReader, { description: 'The reader.' })
  reader!: LibraryReader;

  @Field(() => Float, { description: 'Sum of the outstanding amounts of the reader\'s account lines, in som (same as `LibraryReader.debt`).' })
  debt!: number;

  @Field(() => Int, { description: 'How many copies the reader keeps past their due time now.' })
  overdueLoanCount!: number;
}

export const LibraryDebtorConnection = ConnectionType(LibraryDebtor, 'LibraryDebtor', 'library debtor');
