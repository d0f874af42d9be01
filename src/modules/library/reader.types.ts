/** A library reader (borrower) as the university library's Koha-like system keeps them. */
import { Field } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection';
import { HubObject } from '../../graphql/object-type';
import { Identifying, PersonalData } from '../../graphql/personal-data';
import { LocalDate } from '../../graphql/scalars';
import type { LibraryBranchRecord, LibraryCategoryRecord, LibraryReaderRecord } from '../../domain/library';

@HubObject('A library branch (reading room or lending desk). Source: library.', { node: false })
export class LibraryBranch implements LibraryBranchRecord {
  @Field({ description: 'Branch code as the library system keeps it, e.g. "MAIN".' })
  code!: string;

  @Field({ description: 'Name of the branch.' })
  name!: string;
}

@HubObject('A reader category (students, staff, external readers…), which sets loan rules. Source: library.', { node: false })
export class LibraryCategory implements LibraryCategoryRecord {
  @Field({ description: 'Category code as the library system keeps it, e.g. "ST".' })
  code!: string;

  @Field({ description: 'What the category is, as the library describes it.' })
  description!: string;
}

@HubObject(
  'A library reader (borrower record) of the university library. Names are as the library typed them ' +
    '(sometimes in Latin letters); use `person` for the same human in the other systems. Source: library.',
)
export class LibraryReader implements LibraryReaderRecord {
  __typename!: 'LibraryReader';
  id!: string;
  /** The library's own key, as its system numbers it. */
  key!: number;

  @Identifying()
  @Field({ description: 'Library card number printed on the reader\'s card.' })
  cardNumber!: string;

  @Identifying()
  @Field({ description: 'Surname as the library typed it (Cyrillic or Latin).' })
  surname!: string;

  @Identifying()
  @Field({ description: 'Given name as the library typed it.' })
  firstName!: string;

  @Identifying()
  @Field(() => String, { nullable: true, description: 'Patronymic or other names as the library typed them, if any.' })
  otherNames!: string | null;

  @Identifying()
  @Field({ description: 'Surname, given name and other names joined with spaces, as typed by the library.' })
  fullName!: string;

  @Field(() => LibraryCategory, { description: 'Reader category (sets loan periods and limits).' })
  category!: LibraryCategory;

  @Field(() => LibraryBranch, { description: 'Home branch where the reader was registered.' })
  branch!: LibraryBranch;

  @Field(() => LocalDate, { description: 'Date the reader enrolled in the library.' })
  enrolledOn!: string;

  @Field(() => LocalDate, { description: 'Date the reader\'s membership expires; after it the card must be renewed.' })
  expiresOn!: string;

  @Field({ description: 'True when the membership has expired (expiry date before today).' })
  expired!: boolean;

  @Field(() => LocalDate, { nullable: true, description: 'Date until which the reader is barred from borrowing (debarment), or null.' })
  debarredUntil!: string | null;

  @PersonalData('birthDate')
  @Field(() => LocalDate, { nullable: true, description: 'Birth date as the library recorded it. Personal data.' })
  birthDate!: string | null;

  @PersonalData('phone')
  @Field(() => String, { nullable: true, description: 'Phone number the library recorded. Personal data.' })
  phone!: string | null;

  @PersonalData('email')
  @Field(() => String, { nullable: true, description: 'E-mail address the library recorded. Personal data.' })
  email!: string | null;

  @PersonalData('address')
  @Field(() => String, { nullable: true, description: 'Postal address (street, city) the library recorded. Personal data.' })
  address!: string | null;
}

export const LibraryReaderConnection = ConnectionType(LibraryReader, 'LibraryReader', 'library reader');
