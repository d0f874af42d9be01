/**
 * The unified model's finance vocabulary, free of GraphQL: sources return these values and the
 * finance module registers them as GraphQL enums (with their descriptions); the records, filters and
 * sorts that the sources take and return for tuition. Money is in som, as exact decimals computed by
 * the source (JavaScript never adds money).
 */
import type { StudentStatus } from './students';

export enum PaymentKind {
  PAYMENT = 'PAYMENT',
  CORRECTION = 'CORRECTION',
  REFUND = 'REFUND',
}

/** A programme's yearly tuition fee (the GraphQL Tariff). */
export interface TariffRecord {
  __typename: 'Tariff';
  id: string;
  /** The tariff's key in its source. */
  key: number;
  programmeKey: number;
  academicYear: string;
  amount: number;
}

/** A student's tuition contract for one year, with what is due and paid (the GraphQL Contract). */
export interface ContractRecord {
  __typename: 'Contract';
  id: string;
  /** The contract's key in its source. */
  key: number;
  studentKey: number;
  tariffKey: number;
  number: string;
  date: string;
  academicYear: string;
  amount: number;
  discount: number;
  amountDue: number;
  paid: number;
  balance: number;
}

/** One money movement on a contract (the GraphQL Payment); `amount` carries its effect's sign. */
export interface PaymentRecord {
  __typename: 'Payment';
  id: string;
  /** The payment's key in its source. */
  key: number;
  contractKey: number;
  date: string;
  amount: number;
  kind: PaymentKind;
  document: string | null;
}

/** A student who owes tuition, with the totals behind the debt (the GraphQL TuitionDebtor). */
export interface TuitionDebtorRecord {
  __typename: 'TuitionDebtor';
  studentKey: number;
  totalDue: number;
  totalPaid: number;
  debt: number;
}

/** Conditions of the debtors list, in the hub's terms (keys already decoded from global IDs). */
export interface TuitionDebtorFilter {
  facultyKey?: number | null;
  groupKey?: number | null;
  /** Only students with one of these statuses; an empty list matches no student. */
  studentStatusIn?: readonly StudentStatus[] | null;
  /** Count only the contracts of this academic year ("2025-2026"). */
  academicYear?: string | null;
  minDebt?: number | null;
  /** The debt as it stood at the end of this day (YYYY-MM-DD): only contracts and payments dated on or before it count. */
  asOf?: string | null;
}

/** What the debtors list can be sorted by (surname, then given name for 'name'); ties by student. */
export type TuitionDebtorSort = 'debt' | 'name';

/** Conditions of the tariffs list. */
export interface TariffFilter {
  programmeKey?: number | null;
  academicYear?: string | null;
}
