/**
 * The unified model's dormitory vocabulary, free of GraphQL: sources return these values and the
 * dormitory module registers them as GraphQL enums (with their descriptions).
 */
import type { Gender } from './students';

export enum GenderPolicy {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
  MIXED = 'MIXED',
}

export enum RoomType {
  STANDARD = 'STANDARD',
  BLOCK = 'BLOCK',
  FAMILY = 'FAMILY',
}

export enum ResidentType {
  STUDENT = 'STUDENT',
  STAFF = 'STAFF',
  GUEST = 'GUEST',
}

export enum PlacementStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}

export interface BedCountsRecord {
  total: number;
  occupied: number;
  free: number;
  blocked: number;
}

export interface DormitoryBuildingRecord {
  __typename: 'DormitoryBuilding';
  id: string;
  key: number;
  code: string;
  name: string;
  address: string;
  genderPolicy: GenderPolicy;
  floors: number;
}

export interface RoomRecord {
  __typename: 'Room';
  id: string;
  key: number;
  buildingKey: number;
  number: string;
  floor: number;
  capacity: number;
  type: RoomType;
}

export interface BedRecord {
  __typename: 'Bed';
  id: string;
  key: number;
  roomKey: number;
  label: string;
  blocked: boolean;
  occupied: boolean;
}

export interface DormitoryResidentRecord {
  __typename: 'DormitoryResident';
  id: string;
  key: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  fullName: string;
  type: ResidentType;
  studentNumber: string | null;
  pin: string | null;
  birthDate: string | null;
  phone: string | null;
  /** As the dormitory recorded it; null when it did not. */
  gender: Gender | null;
}

export interface DormitoryPaymentRecord {
  paidOn: string;
  periodMonth: string;
  amount: number;
  receiptNumber: string;
}

export interface PlacementRecord {
  __typename: 'Placement';
  id: string;
  key: number;
  residentKey: number;
  bedKey: number;
  roomKey: number;
  buildingKey: number;
  startDate: string;
  endDate: string | null;
  status: PlacementStatus;
  orderReference: string | null;
  monthlyFee: number;
  monthsCharged: number;
  charged: number;
  paid: number;
  balance: number;
}

/** One entry of the dormitory's debtors list: a placement in debt and its resident. */
export interface DormitoryDebtorRecord {
  residentKey: number;
  placement: PlacementRecord;
  resident: DormitoryResidentRecord;
  debt: number;
}

/** Filters of the free-beds list (all must hold). */
export interface FreeBedFilter {
  buildingKey?: number | null;
  genderPolicy?: GenderPolicy | null;
  floor?: number | null;
  /**
   * Only beds a resident of this gender may take: in a building for that gender, or in a mixed
   * building in a room whose current residents are all of that gender (or that is empty).
   */
  forGender?: Gender | null;
}

/** Filters of the placements list (all must hold). */
export interface PlacementFilter {
  buildingKey?: number | null;
  status?: PlacementStatus | null;
  residentKey?: number | null;
}

/** Filters of the dormitory's debtors list (all must hold). */
export interface DormitoryDebtorFilter {
  buildingKey?: number | null;
  minDebt?: number | null;
  /** true: only active placements; false: only ended ones. */
  active?: boolean | null;
}
