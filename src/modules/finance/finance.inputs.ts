/** Filters and sort orders of the tuition lists. */
import { ArgsType, Field, Float, ID, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import { OrderDirection } from '../../graphql/ordering';
import { StudentStatus } from '../../domain/students';
import { LocalDate } from '../../graphql/scalars';

@InputType({ description: 'Which students with tuition debt to list. All conditions must hold.' })
export class TuitionDebtorWhere {
  @Field(() => ID, { nullable: true, description: 'Only students whose group belongs to a programme of this faculty or institute.' })
  facultyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only students of this study group.' })
  groupId?: string;

  @Field(() => [StudentStatus], {
    nullable: true,
    description: 'Only students with one of these statuses, e.g. [STUDYING] to leave out expelled and graduated students (all statuses when omitted). At most as many values as StudentStatus has (4), else VALIDATION_FAILED; an empty list matches no student.',
  })
  studentStatusIn?: StudentStatus[];

  @Field({ nullable: true, description: 'Count only the contracts of this academic year (as AVN writes it, e.g. "2025-2026"); all years when omitted.' })
  academicYear?: string;

  @Field(() => Float, { nullable: true, description: 'Only students owing at least this much, in som (must not be negative).' })
  minDebt?: number;
}

export enum TuitionDebtorSortField {
  DEBT = 'DEBT',
  NAME = 'NAME',
}
registerEnumType(TuitionDebtorSortField, {
  name: 'TuitionDebtorSortField',
  description: 'What the tuition debtors list can be sorted by.',
  valuesConfig: {
    DEBT: { description: 'The amount owed.' },
    NAME: { description: 'Surname, then given name.' },
  },
});

@InputType({ description: 'Sort order of the tuition debtors (ties are broken by student).' })
export class TuitionDebtorSort {
  @Field(() => TuitionDebtorSortField, { description: 'Sort by this.' })
  field!: TuitionDebtorSortField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Sort direction.' })
  direction!: OrderDirection;
}

@ArgsType()
export class TuitionDebtorsArgs extends PageArgs {
  @Field(() => TuitionDebtorWhere, { nullable: true, description: 'Filter; omit to list every student who owes tuition.' })
  where?: TuitionDebtorWhere;

  @Field(() => TuitionDebtorSort, { nullable: true, description: 'Sort order; largest debt first (DEBT, DESC) unless given.' })
  orderBy?: TuitionDebtorSort;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The debts as they stood at the end of this day: only contracts signed and payments, corrections and refunds dated on or before it count. Omit for the debts as recorded now.',
  })
  asOf?: string;
}

@ArgsType()
export class BalanceAsOfArgs {
  @Field(() => LocalDate, {
    nullable: true,
    description: 'The balance as it stood at the end of this day: only charges and payments dated on or before it count. Omit for the balance as recorded now.',
  })
  asOf?: string;
}

@InputType({ description: 'Which tuition tariffs to list. All conditions must hold.' })
export class TariffWhere {
  @Field(() => ID, { nullable: true, description: 'Only tariffs of this programme.' })
  programmeId?: string;

  @Field({ nullable: true, description: 'Only tariffs of this academic year (as AVN writes it, e.g. "2025-2026").' })
  academicYear?: string;
}

@ArgsType()
export class TariffsArgs extends PageArgs {
  @Field(() => TariffWhere, { nullable: true, description: 'Filter; omit to list every tariff. Sorted by academic year (newest first), then programme code.' })
  where?: TariffWhere;
}
