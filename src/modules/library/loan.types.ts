/** Loans: a copy lent to a reader, current or returned. */
import { Field, Int, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection';
import { HubObject } from '../../graphql/object-type';
import { DateTime } from '../../graphql/scalars';
import { LibraryBranch } from './reader.types';
import { LoanStatusFilter } from '../../domain/library';
import type { LoanRecord } from '../../domain/library';

registerEnumType(LoanStatusFilter, {
  name: 'LoanStatusFilter',
  description: 'Which loans of a reader to list.',
  valuesConfig: {
    CURRENT: { description: 'Copies still out (overdue or not).' },
    OVERDUE: { description: 'Copies still out after their due time.' },
    RETURNED: { description: 'Loans that ended with the copy returned.' },
    ALL: { description: 'Every loan, current and returned.' },
  },
});

@HubObject(
  'A loan: one copy lent to one reader, from issue to return. Times are the library\'s local time (Asia/Bishkek) ' +
    'given as absolute instants. Source: library.',
)
export class Loan implements LoanRecord {
  __typename!: 'Loan';
  id!: string;
  /** The library's own key of the loan (the same while the copy is out and after its return). */
  key!: number;
  /** The reader's key; null when the library anonymised the returned loan. */
  readerKey!: number | null;
  /** The copy's key; null when the copy was deleted from the catalogue later. */
  itemKey!: number | null;

  @Field(() => String, { nullable: true, description: 'Title of the lent copy (shortcut for `item.title.title`); null if the copy was deleted.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Author of the lent copy (shortcut for `item.title.author`), if catalogued.' })
  author!: string | null;

  @Field(() => DateTime, { description: 'When the copy was issued.' })
  issuedAt!: Date;

  @Field(() => DateTime, { description: 'When the copy is (or was) due back, after renewals.' })
  dueAt!: Date;

  @Field(() => DateTime, { nullable: true, description: 'When the copy was returned; null while it is still out.' })
  returnedAt!: Date | null;

  @Field(() => Int, { description: 'How many times the loan was renewed.' })
  renewals!: number;

  @Field(() => LibraryBranch, { description: 'Branch where the copy was issued.' })
  branch!: LibraryBranch;

  @Field({ description: 'True when the copy is still out and its due time has passed.' })
  overdue!: boolean;

  @Field(() => Int, {
    description: 'Whole calendar days from the due date to today (library local time) while the loan is overdue; 0 otherwise (also for returned loans).',
  })
  daysOverdue!: number;
}

export const LoanConnection = ConnectionType(Loan, 'Loan', 'loan');
