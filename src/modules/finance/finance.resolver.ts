/** Queries and relations of contract tuition. */
import { Args, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { registerNode } from '../../graphql/node';
import { programmeById } from '../../sources/avn/avn.organisation';
import { studentById } from '../../sources/avn/avn.students';
import {
  balanceByStudent, contractBalanceAsOf, contractById, contractsByStudent, paymentById, paymentsByContract, paymentsByStudent, tariffById,
} from '../../sources/avn/avn.finance';
import { Programme } from '../organisation/organisation.types';
import { Student } from '../students/student.types';
import { BalanceAsOfArgs, TariffsArgs, TuitionDebtorsArgs } from './finance.inputs';
import { listTariffs, listTuitionDebtors } from './finance.service';
import { Contract, Payment, Tariff, TariffConnection, TuitionDebtor, TuitionDebtorConnection } from './finance.types';

registerNode('Tariff', (key, c) => tariffById(c).load(Number(key)));
registerNode('Contract', (key, c) => contractById(c).load(Number(key)));
registerNode('Payment', (key, c) => paymentById(c).load(Number(key)));

@Resolver()
export class FinanceQueries {
  @Query(() => TuitionDebtorConnection, { nullable: true,
    description: 'Students who owe contract tuition (due − paid > 0 over their contracts), largest debt first unless sorted otherwise; filter by faculty, group, academic year or minimum debt.',
  })
  tuitionDebtors(@Args() args: TuitionDebtorsArgs, @Ctx() context: HubContext) {
    return listTuitionDebtors(context, args);
  }

  @Query(() => TariffConnection, { nullable: true, description: 'Tuition tariffs (yearly fees per programme), newest academic year first, then by programme code.' })
  tariffs(@Args() args: TariffsArgs, @Ctx() context: HubContext) {
    return listTariffs(context, args);
  }
}

@Resolver(() => Tariff)
export class TariffRelations {
  @FieldResolver(() => Programme, { description: 'The programme the fee is for.' })
  programme(@Root() tariff: Tariff, @Ctx() context: HubContext) {
    return programmeById(context).load(tariff.programmeKey);
  }
}

@Resolver(() => Contract)
export class ContractRelations {
  @FieldResolver(() => Student, { description: 'The student who studies under this contract.' })
  student(@Root() contract: Contract, @Ctx() context: HubContext) {
    return studentById(context).load(contract.studentKey);
  }

  @FieldResolver(() => Tariff, { description: 'The tariff the contract amount was set from.' })
  tariff(@Root() contract: Contract, @Ctx() context: HubContext) {
    return tariffById(context).load(contract.tariffKey);
  }

  @FieldResolver(() => Float, {
    description: 'paid − amountDue, in som: negative means the student still owes that much, positive is an overpayment. ' +
      'With `asOf`: the movements dated on or before that day, less `amountDue` if the contract was signed by then (0 due otherwise).',
  })
  async balance(@Root() contract: Contract, @Args() { asOf }: BalanceAsOfArgs, @Ctx() context: HubContext) {
    if (!asOf) return contract.balance;
    return (await contractBalanceAsOf(context, asOf).load(contract.key)) ?? contract.balance;
  }

  @FieldResolver(() => [Payment], { description: 'The payments, corrections and refunds on this contract, oldest first.' })
  payments(@Root() contract: Contract, @Ctx() context: HubContext) {
    return paymentsByContract(context).load(contract.key);
  }
}

@Resolver(() => Payment)
export class PaymentRelations {
  @FieldResolver(() => Contract, { description: 'The contract the money was booked on.' })
  contract(@Root() payment: Payment, @Ctx() context: HubContext) {
    return contractById(context).load(payment.contractKey);
  }
}

@Resolver(() => TuitionDebtor)
export class TuitionDebtorRelations {
  @FieldResolver(() => Student, { description: 'The student who owes.' })
  student(@Root() debtor: TuitionDebtor, @Ctx() context: HubContext) {
    return studentById(context).load(debtor.studentKey);
  }
}

@Resolver(() => Student)
export class StudentFinanceRelations {
  @FieldResolver(() => [Contract], { description: 'The student\'s tuition contracts by academic year (empty for state-funded students).' })
  contracts(@Root() student: Student, @Ctx() context: HubContext) {
    return contractsByStudent(context).load(student.key);
  }

  @FieldResolver(() => Float, { description: 'Sum of the balances of all the student\'s contracts, in som: negative means debt, 0 when settled or without contracts.' })
  async tuitionBalance(@Root() student: Student, @Ctx() context: HubContext) {
    return (await balanceByStudent(context).load(student.key)) ?? 0;
  }

  @FieldResolver(() => [Payment], { description: 'Every payment, correction and refund on the student\'s contracts, newest first.' })
  payments(@Root() student: Student, @Ctx() context: HubContext) {
    return paymentsByStudent(context).load(student.key);
  }
}

export const financeResolvers = [FinanceQueries, TariffRelations, ContractRelations, PaymentRelations, TuitionDebtorRelations, StudentFinanceRelations] as const;
