/** Dormitory residents, their placements on beds and their payments. */
import { Field, Float, Int, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection';
import { HubObject } from '../../graphql/object-type';
import { Identifying, PersonalData } from '../../graphql/personal-data';
import { LocalDate } from '../../graphql/scalars';
import { ResidentType, PlacementStatus } from '../../domain/dormitory';
import { Gender } from '../../domain/students';
import type { DormitoryDebtorRecord, DormitoryPaymentRecord, DormitoryResidentRecord, PlacementRecord } from '../../domain/dormitory';

registerEnumType(ResidentType, {
  name: 'ResidentType',
  description: 'Why a resident lives in the dormitory.',
  valuesConfig: {
    STUDENT: { description: 'A student of the university.' },
    STAFF: { description: 'An employee of the university.' },
    GUEST: { description: 'A guest (visiting lecturer, exchange student, relative…).' },
  },
});

registerEnumType(PlacementStatus, {
  name: 'PlacementStatus',
  description: 'Whether a placement is still running.',
  valuesConfig: {
    ACTIVE: { description: 'The resident lives on the bed now.' },
    ENDED: { description: 'The resident moved out (see `endDate`).' },
  },
});

@HubObject('A dormitory resident as the dormitory office recorded them; use `person` for the same human in the other systems. Source: dormitory.')
export class DormitoryResident implements DormitoryResidentRecord {
  __typename!: 'DormitoryResident';
  id!: string;
  /** The dormitory's own key, as its system numbers it. */
  key!: number;

  @Identifying()
  @Field({ description: 'Surname as the dormitory office typed it.' })
  lastName!: string;

  @Identifying()
  @Field({ description: 'Given name as the dormitory office typed it.' })
  firstName!: string;

  @Identifying()
  @Field(() => String, { nullable: true, description: 'Patronymic as typed, if any.' })
  middleName!: string | null;

  @Identifying()
  @Field({ description: 'Surname, given name and patronymic joined with spaces, as typed.' })
  fullName!: string;

  @Field(() => ResidentType, { description: 'Student, staff or guest.' })
  type!: ResidentType;

  @Identifying()
  @Field(() => String, { nullable: true, description: 'AVN student-book number (зачетка) as the dormitory office typed it; null for staff and guests, or when not recorded.' })
  studentNumber!: string | null;

  @PersonalData('pin')
  @Field(() => String, { nullable: true, description: 'Personal identification number (ПИН) as the dormitory recorded it; null when not recorded. Personal data.' })
  pin!: string | null;

  @PersonalData('birthDate')
  @Field(() => LocalDate, { nullable: true, description: 'Birth date as the dormitory recorded it. Personal data.' })
  birthDate!: string | null;

  @PersonalData('phone')
  @Field(() => String, { nullable: true, description: 'Phone number the dormitory recorded. Personal data.' })
  phone!: string | null;

  @Field(() => Gender, { nullable: true, description: 'Gender as the dormitory office recorded it; null when not recorded.' })
  gender!: Gender | null;
}

@HubObject('A payment for a dormitory placement. Money in som (KGS). Source: dormitory.', { node: false })
export class DormitoryPayment implements DormitoryPaymentRecord {
  @Field(() => LocalDate, { description: 'Date the payment was made.' })
  paidOn!: string;

  @Field(() => LocalDate, { description: 'First day of the month the payment is for.' })
  periodMonth!: string;

  @Field(() => Float, { description: 'Amount paid, in som.' })
  amount!: number;

  @Field({ description: 'Receipt number.' })
  receiptNumber!: string;
}

@HubObject(
  'A placement: one resident on one bed for a period, with the monthly fee and what was paid. ' +
    'Balance rule (the dormitory\'s billing): every calendar month from the month of `startDate` to the month of `endDate` ' +
    '(or of today, whichever is earlier), both included, is charged `monthlyFee`, except July and August for STUDENT residents ' +
    '(students are not billed for the summer); `balance` = paid − charged, so a negative balance is a debt. Source: dormitory.',
)
export class Placement implements PlacementRecord {
  __typename!: 'Placement';
  id!: string;
  /** The dormitory's own key, as its system numbers it. */
  key!: number;
  residentKey!: number;
  bedKey!: number;
  roomKey!: number;
  buildingKey!: number;

  @Field(() => LocalDate, { description: 'Move-in date.' })
  startDate!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Move-out date; null while the placement runs.' })
  endDate!: string | null;

  @Field(() => PlacementStatus, { description: 'Active or ended.' })
  status!: PlacementStatus;

  @Field(() => String, { nullable: true, description: 'Reference of the order (буйрук/приказ) that placed the resident, e.g. "Буйрук №2022-253/ж", if recorded.' })
  orderReference!: string | null;

  @Field(() => Float, { description: 'Monthly fee in som.' })
  monthlyFee!: number;

  @Field(() => Int, { description: 'Months charged so far under the balance rule (see the type\'s description).' })
  monthsCharged!: number;

  @Field(() => Float, { description: 'Months charged × monthly fee, in som.' })
  charged!: number;

  @Field(() => Float, { description: 'Sum of all payments for this placement, in som.' })
  paid!: number;

  /** paid − charged now; the schema's `balance(asOf:)` is a field resolver (dormitory.resolver.ts). */
  balance!: number;
}

export const PlacementConnection = ConnectionType(Placement, 'Placement', 'dormitory placement');

@HubObject('A placement whose balance is negative (one entry of the dormitory debtors list). Source: dormitory.', { node: false })
export class DormitoryDebtor implements DormitoryDebtorRecord {
  residentKey!: number;

  @Field(() => Placement, { description: 'The placement in debt.' })
  placement!: Placement;

  @Field(() => DormitoryResident, { description: 'The resident.' })
  resident!: DormitoryResident;

  @Field(() => Float, { description: 'What is owed, in som (−balance; always above 0).' })
  debt!: number;
}

export const DormitoryDebtorConnection = ConnectionType(DormitoryDebtor, 'DormitoryDebtor', 'dormitory debtor');
