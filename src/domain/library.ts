/**
 * The unified model's library vocabulary, free of GraphQL: sources return these values and the
 * library module registers them as GraphQL enums (with their descriptions).
 */

export enum FineKind {
  OVERDUE = 'OVERDUE',
  LOST = 'LOST',
  MANUAL = 'MANUAL',
  PROCESSING = 'PROCESSING',
}

export enum LibraryItemStatus {
  AVAILABLE = 'AVAILABLE',
  ON_LOAN = 'ON_LOAN',
  LOST = 'LOST',
  WITHDRAWN = 'WITHDRAWN',
  NOT_FOR_LOAN = 'NOT_FOR_LOAN',
}

export enum LoanStatusFilter {
  CURRENT = 'CURRENT',
  OVERDUE = 'OVERDUE',
  RETURNED = 'RETURNED',
  ALL = 'ALL',
}

/** A branch (reading room or lending desk), shown inside readers, copies and loans. */
export interface LibraryBranchRecord {
  code: string;
  name: string;
}

export interface LibraryCategoryRecord {
  code: string;
  description: string;
}

export interface LibraryReaderRecord {
  __typename: 'LibraryReader';
  id: string;
  /** The library's own reader key (its borrower number). */
  key: number;
  cardNumber: string;
  surname: string;
  firstName: string;
  otherNames: string | null;
  fullName: string;
  category: LibraryCategoryRecord;
  branch: LibraryBranchRecord;
  enrolledOn: string;
  expiresOn: string;
  expired: boolean;
  debarredUntil: string | null;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

export interface LibraryTitleRecord {
  __typename: 'LibraryTitle';
  id: string;
  key: number;
  title: string;
  subtitle: string | null;
  author: string | null;
  year: number | null;
  isbn: string | null;
  publisher: string | null;
  language: string | null;
}

export interface LibraryItemRecord {
  __typename: 'LibraryItem';
  id: string;
  key: number;
  barcode: string;
  callNumber: string | null;
  itemType: string;
  branch: LibraryBranchRecord;
  status: LibraryItemStatus;
  replacementPrice: number | null;
  title: LibraryTitleRecord;
}

export interface LoanRecord {
  __typename: 'Loan';
  id: string;
  key: number;
  /** Null when the library anonymised the returned loan. */
  readerKey: number | null;
  /** Null when the copy was deleted from the catalogue later. */
  itemKey: number | null;
  title: string | null;
  author: string | null;
  issuedAt: Date;
  dueAt: Date;
  returnedAt: Date | null;
  renewals: number;
  branch: LibraryBranchRecord;
  overdue: boolean;
  daysOverdue: number;
}

export interface FineRecord {
  __typename: 'Fine';
  id: string;
  key: number;
  readerKey: number;
  itemKey: number | null;
  date: Date;
  amount: number;
  outstanding: number;
  kind: FineKind;
  description: string | null;
}

/** One entry of the debtors list. */
export interface LibraryDebtorRecord {
  readerKey: number;
  reader: LibraryReaderRecord;
  debt: number;
  overdueLoanCount: number;
}

/** Filters of the readers list (all must hold). */
export interface LibraryReaderFilter {
  cardNumber?: string | null;
  nameContains?: string | null;
  /** Name search in any spelling: the words as typed, or the readers the registry found by their name skeletons. */
  nameInAnySpelling?: { text: string; readerKeys: readonly number[] } | null;
  hasDebt?: boolean | null;
  hasOverdue?: boolean | null;
}

export type LibraryReaderSort = 'name' | 'cardNumber' | 'enrolledOn';

/** Filters of the copies list (all must hold). */
export interface LibraryItemFilter {
  titleContains?: string | null;
  authorContains?: string | null;
  isbn?: string | null;
  available?: boolean | null;
  titleKey?: number | null;
}

/** Filters of the loans list (all must hold). */
export interface LoanFilter {
  status?: LoanStatusFilter | null;
  overdue?: boolean | null;
  readerKey?: number | null;
  dueBefore?: Date | null;
}

export type LoanSort = 'issuedAt' | 'dueAt';

/** Filters of the debtors list (all must hold). */
export interface LibraryDebtorFilter {
  minDebt?: number | null;
  overdueOnly?: boolean | null;
  /** Only these readers (library borrower keys), e.g. those whose student matches; null: any reader, empty: none. */
  readerKeys?: readonly number[] | null;
}
