/** Contract (paid) tuition, AVN 5 and AVN 10: tariffs, contracts, payments and debts. Money is in som (KGS). */
import { Field, Float, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection';
import { HubObject } from '../../graphql/object-type';
import { LocalDate } from '../../graphql/scalars';
import { PaymentKind, type ContractRecord, type PaymentRecord, type TariffRecord, type TuitionDebtorRecord } from '../../domain/finance';

registerEnumType(PaymentKind, {
  name: 'PaymentKind',
  description: 'What a money movement on a tuition contract is.',
  valuesConfig: {
    PAYMENT: { description: 'Money paid by or for the student (bank or cash receipt).' },
    CORRECTION: { description: 'A correction by the accounting office (either sign), e.g. a mis-posted receipt.' },
    REFUND: { description: 'Money returned to the student; lowers the amount paid.' },
  },
});

@HubObject('The yearly tuition fee of a programme for contract (paid) students (AVN 5). Source: AVN.')
export class Tariff implements TariffRecord {
  __typename!: 'Tariff';
  id!: string;
  /** The tariff's key in AVN. */
  key!: number;
  programmeKey!: number;

  @Field({ description: 'Academic year the fee applies to, as AVN writes it (e.g. "2025-2026").' })
  academicYear!: string;

  @Field(() => Float, { description: 'Fee for one academic year, in som.' })
  amount!: number;
}

@HubObject('A student\'s tuition contract for one academic year, with what is due and what was paid (AVN 5/10). Source: AVN.')
export class Contract implements ContractRecord {
  __typename!: 'Contract';
  id!: string;
  /** The contract's key in AVN. */
  key!: number;
  studentKey!: number;
  tariffKey!: number;

  @Field({ description: 'Contract number as printed on the contract.' })
  number!: string;

  @Field(() => LocalDate, { description: 'Date the contract was signed.' })
  date!: string;

  @Field({ description: 'Academic year the contract covers (e.g. "2025-2026").' })
  academicYear!: string;

  @Field(() => Float, { description: 'Contract amount before discount, in som.' })
  amount!: number;

  @Field(() => Float, { description: 'Discount granted (social or merit), in som; 0 when none.' })
  discount!: number;

  @Field(() => Float, { description: 'What the student owes for the year: amount − discount, in som.' })
  amountDue!: number;

  @Field(() => Float, { description: 'Sum of the contract\'s payments, corrections and (negative) refunds, in som.' })
  paid!: number;

  /** paid − amountDue now; the schema's `balance(asOf:)` is a field resolver (finance.resolver.ts). */
  balance!: number;
}

@HubObject('One money movement on a tuition contract (AVN 10). Source: AVN.')
export class Payment implements PaymentRecord {
  __typename!: 'Payment';
  id!: string;
  /** The payment's key in AVN. */
  key!: number;
  contractKey!: number;

  @Field(() => LocalDate, { description: 'Date of the movement (as on the receipt or correction).' })
  date!: string;

  @Field(() => Float, { description: 'Effect on the amount paid, in som: positive for payments, negative for refunds; corrections carry their own sign.' })
  amount!: number;

  @Field(() => PaymentKind, { description: 'Payment, correction or refund.' })
  kind!: PaymentKind;

  @Field(() => String, { nullable: true, description: 'The supporting document (receipt, bank statement or memo number); null when not recorded.' })
  document!: string | null;
}

@HubObject('A student who owes contract tuition, with the totals behind the debt.', { node: false })
export class TuitionDebtor implements TuitionDebtorRecord {
  __typename!: 'TuitionDebtor';
  studentKey!: number;

  @Field(() => Float, { description: 'Total due over the counted contracts (amounts − discounts), in som.' })
  totalDue!: number;

  @Field(() => Float, { description: 'Total paid on those contracts (payments and corrections less refunds), in som.' })
  totalPaid!: number;

  @Field(() => Float, { description: 'totalDue − totalPaid, in som; always positive in this list.' })
  debt!: number;
}

export const TariffConnection = ConnectionType(Tariff, 'Tariff', 'tuition tariff');
export const TuitionDebtorConnection = ConnectionType(TuitionDebtor, 'TuitionDebtor', 'student with tuition debt');
