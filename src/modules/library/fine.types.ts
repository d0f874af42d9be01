/** Fines and other charges on a reader's library account. */
import { Field, Float, registerEnumType } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { DateTime } from '../../graphql/scalars';
import { FineKind } from '../../domain/library';
import type { FineRecord } from '../../domain/library';

registerEnumType(FineKind, {
  name: 'FineKind',
  description: 'What a library charge is for.',
  valuesConfig: {
    OVERDUE: { description: 'Late return of a copy.' },
    LOST: { description: 'Replacement of a lost copy.' },
    MANUAL: { description: 'A charge the librarian entered by hand.' },
    PROCESSING: { description: 'Processing fee (usually added to a LOST charge).' },
  },
});

@HubObject('A charge on a reader\'s library account and how much of it is still unpaid. Money in som (KGS). Source: library.')
export class Fine implements FineRecord {
  __typename!: 'Fine';
  id!: string;
  /** The library's own key, as its system numbers it. */
  key!: number;
  readerKey!: number;
  itemKey!: number | null;

  @Field(() => DateTime, { description: 'When the charge was made (library local time as an instant).' })
  date!: Date;

  @Field(() => Float, { description: 'Amount charged, in som.' })
  amount!: number;

  @Field(() => Float, { description: 'Part of the amount still unpaid, in som (0 when settled, paid, written off or forgiven).' })
  outstanding!: number;

  @Field(() => FineKind, { description: 'What the charge is for.' })
  kind!: FineKind;

  @Field(() => String, { nullable: true, description: 'Librarian\'s description, often the title of the copy concerned.' })
  description!: string | null;
}
