/** Filters and orders of the library lists. */
import { ArgsType, Field, Float, ID, InputType, registerEnumType } from 'type-graphql';
import { Identifying } from '../../graphql/personal-data';
import { PageArgs } from '../../graphql/connection';
import { OrderDirection } from '../../graphql/ordering';
import { DateTime } from '../../graphql/scalars';
import { LoanStatusFilter } from '../../domain/library';
import { StudentStatus } from '../../domain/students';

@InputType({ description: 'Which library readers to list. All conditions must hold.' })
export class LibraryReaderWhere {
  @Identifying()
  @Field({ nullable: true, description: 'Only the reader with exactly this card number.' })
  cardNumber?: string;

  @Identifying()
  @Field({ nullable: true, description: 'Only readers whose names match: every word of the text must occur, case-insensitively, in the surname, given name or other names (as the library typed them, so try the Latin spelling too).' })
  nameContains?: string;

  @Identifying()
  @Field({
    nullable: true,
    description: 'Only readers whose names match in any spelling: Cyrillic finds the Latin spellings and back, whatever the transliteration scheme ("Жумабаев Айбек" finds "Zhumabaev Aibek" and "Jumabaev Aybek"). A reader matches when every word occurs as typed in one of its names (as nameContains), or when the identity registry\'s name key of the reader\'s person (surname and given name, folded to one Latin form) contains every word\'s folded form; a reader the registry has not linked is found only as typed.',
  })
  nameInAnySpelling?: string;

  @Field({ nullable: true, description: 'true: only readers who owe money (outstanding balance above 0); false: only readers who owe nothing.' })
  hasDebt?: boolean;

  @Field({ nullable: true, description: 'true: only readers keeping a copy past its due time; false: only readers with no overdue loan.' })
  hasOverdue?: boolean;
}

export enum LibraryReaderOrderField {
  NAME = 'NAME',
  CARD_NUMBER = 'CARD_NUMBER',
  ENROLLED_ON = 'ENROLLED_ON',
}
registerEnumType(LibraryReaderOrderField, {
  name: 'LibraryReaderOrderField',
  description: 'What library readers can be sorted by.',
  valuesConfig: {
    NAME: { description: 'Surname, then given name, as typed by the library.' },
    CARD_NUMBER: { description: 'Library card number (as text).' },
    ENROLLED_ON: { description: 'Enrolment date.' },
  },
});

@InputType({ description: 'Sort order of library readers (ties are broken by reader).' })
export class LibraryReaderOrder {
  @Field(() => LibraryReaderOrderField, { description: 'Sort by this.' })
  field!: LibraryReaderOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Sort direction.' })
  direction!: OrderDirection;
}

@ArgsType()
export class LibraryReadersArgs extends PageArgs {
  @Field(() => LibraryReaderWhere, { nullable: true, description: 'Filter; omit to list every reader.' })
  where?: LibraryReaderWhere;

  @Field(() => LibraryReaderOrder, { nullable: true, description: 'Sort order; by name unless given (by enrolment date for pseudonymous access, which may not sort by name).' })
  orderBy?: LibraryReaderOrder;
}

@InputType({ description: 'Which library copies to list. All conditions must hold.' })
export class LibraryItemWhere {
  @Field({ nullable: true, description: 'Only copies of titles whose title or subtitle contains this text (case-insensitive).' })
  titleContains?: string;

  @Field({ nullable: true, description: 'Only copies of titles whose author contains this text (case-insensitive).' })
  authorContains?: string;

  @Field({ nullable: true, description: 'Only copies of the title with this ISBN (hyphens and spaces are ignored).' })
  isbn?: string;

  @Field({ nullable: true, description: 'true: only copies with status AVAILABLE; false: only copies that cannot be borrowed now.' })
  available?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only copies of this title (a LibraryTitle ID).' })
  titleId?: string;
}

@ArgsType()
export class LibraryItemsArgs extends PageArgs {
  @Field(() => LibraryItemWhere, { nullable: true, description: 'Filter; omit to list every copy. Copies are sorted by title, then barcode.' })
  where?: LibraryItemWhere;
}

@InputType({ description: 'Which loans to list. All conditions must hold.' })
export class LoanWhere {
  @Field(() => LoanStatusFilter, { nullable: true, description: 'Current, overdue, returned or all loans; all unless given.' })
  status?: LoanStatusFilter;

  @Field({ nullable: true, description: 'true: only loans overdue now; false: only loans not overdue now (returned, or out and not yet due).' })
  overdue?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only loans of this reader (a LibraryReader ID).' })
  readerId?: string;

  @Field(() => DateTime, { nullable: true, description: 'Only loans due strictly before this instant.' })
  dueBefore?: Date;
}

export enum LoanOrderField {
  ISSUED_AT = 'ISSUED_AT',
  DUE_AT = 'DUE_AT',
}
registerEnumType(LoanOrderField, {
  name: 'LoanOrderField',
  description: 'What loans can be sorted by.',
  valuesConfig: { ISSUED_AT: { description: 'Issue time.' }, DUE_AT: { description: 'Due time.' } },
});

@InputType({ description: 'Sort order of loans (ties are broken by loan).' })
export class LoanOrder {
  @Field(() => LoanOrderField, { description: 'Sort by this.' })
  field!: LoanOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Sort direction.' })
  direction!: OrderDirection;
}

@ArgsType()
export class LoansArgs extends PageArgs {
  @Field(() => LoanWhere, { nullable: true, description: 'Filter; omit to list every loan.' })
  where?: LoanWhere;

  @Field(() => LoanOrder, { nullable: true, description: 'Sort order; newest issue first unless given.' })
  orderBy?: LoanOrder;
}

@ArgsType()
export class ReaderLoansArgs extends PageArgs {
  @Field(() => LoanStatusFilter, { defaultValue: LoanStatusFilter.ALL, description: 'Which loans: current, overdue, returned or all. Newest issue first.' })
  status!: LoanStatusFilter;
}

@InputType({ description: 'Which debtors to list. All conditions must hold.' })
export class LibraryDebtorWhere {
  @Field(() => Float, { nullable: true, description: 'Only readers owing at least this much, in som.' })
  minDebt?: number;

  @Field({ nullable: true, description: 'true: only readers with at least one overdue loan (whatever they owe).' })
  overdueOnly?: boolean;

  @Field(() => [StudentStatus], {
    nullable: true,
    description: 'Only readers whose student (the `student` field: the AVN student the identity registry links the card to, the latest record if several) has one of these statuses, e.g. [STUDYING]; staff, external and unlinked readers are left out. At most as many values as StudentStatus has (4), else VALIDATION_FAILED; an empty list matches no reader.',
  })
  studentStatusIn?: StudentStatus[];

  @Field(() => ID, {
    nullable: true,
    description: 'Only readers whose student (as for studentStatusIn) belongs to a group of this faculty or institute (a Faculty ID); staff, external and unlinked readers are left out.',
  })
  facultyId?: string;
}

@ArgsType()
export class LibraryDebtorsArgs extends PageArgs {
  @Field(() => LibraryDebtorWhere, { nullable: true, description: 'Filter; omit to list every reader who owes money or keeps a copy overdue. Sorted by debt, largest first.' })
  where?: LibraryDebtorWhere;
}
