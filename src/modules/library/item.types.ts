/** Library holdings: bibliographic titles and their physical copies (items). */
import { Field, Float, Int, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection';
import { HubObject } from '../../graphql/object-type';
import { LibraryBranch } from './reader.types';
import { LibraryItemStatus } from '../../domain/library';
import type { LibraryItemRecord, LibraryTitleRecord } from '../../domain/library';

registerEnumType(LibraryItemStatus, {
  name: 'LibraryItemStatus',
  description: 'Where a copy stands. When several apply the first wins, in the order WITHDRAWN, LOST, ON_LOAN, NOT_FOR_LOAN, AVAILABLE.',
  valuesConfig: {
    AVAILABLE: { description: 'On the shelf and may be borrowed.' },
    ON_LOAN: { description: 'Currently lent to a reader (see `currentLoan`).' },
    LOST: { description: 'Marked lost (usually with a LOST fine on the last borrower).' },
    WITHDRAWN: { description: 'Withdrawn from the collection.' },
    NOT_FOR_LOAN: { description: 'Reading-room only or otherwise not lent out.' },
  },
});

@HubObject('A bibliographic title (one catalogue record; the library may hold several copies of it). Source: library.')
export class LibraryTitle implements LibraryTitleRecord {
  __typename!: 'LibraryTitle';
  id!: string;
  /** The library's own key, as its system numbers it. */
  key!: number;

  @Field({ description: 'Title proper.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Subtitle or other title information, if catalogued.' })
  subtitle!: string | null;

  @Field(() => String, { nullable: true, description: 'Main author as catalogued, if any.' })
  author!: string | null;

  @Field(() => Int, { nullable: true, description: 'Year of publication (copyright date), if catalogued.' })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'ISBN as catalogued (may contain hyphens), if any.' })
  isbn!: string | null;

  @Field(() => String, { nullable: true, description: 'Publisher, if catalogued.' })
  publisher!: string | null;

  @Field(() => String, { nullable: true, description: 'Language of the text as a two-letter code ("ky", "ru", "en"…), if catalogued.' })
  language!: string | null;
}

@HubObject('One physical copy of a title, with its barcode and where it stands now. Source: library.')
export class LibraryItem implements LibraryItemRecord {
  __typename!: 'LibraryItem';
  id!: string;
  /** The library's own key, as its system numbers it. */
  key!: number;

  @Field({ description: 'Barcode on the copy.' })
  barcode!: string;

  @Field(() => String, { nullable: true, description: 'Call number (shelf mark), if assigned.' })
  callNumber!: string | null;

  @Field({ description: 'Item type code as the library keeps it (e.g. "BK" book, "TXT" textbook, "REF" reference), which sets loan rules.' })
  itemType!: string;

  @Field(() => LibraryBranch, { description: 'Branch that owns the copy.' })
  branch!: LibraryBranch;

  @Field(() => LibraryItemStatus, { description: 'Where the copy stands now.' })
  status!: LibraryItemStatus;

  @Field(() => Float, { nullable: true, description: 'Replacement price in som (KGS), charged when the copy is lost; null when not set.' })
  replacementPrice!: number | null;

  @Field(() => LibraryTitle, { description: 'The title this copy is of.' })
  title!: LibraryTitle;
}

export const LibraryItemConnection = ConnectionType(LibraryItem, 'LibraryItem', 'library copy');
