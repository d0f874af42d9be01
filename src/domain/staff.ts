/**
 * The unified model's staff vocabulary, free of GraphQL: sources return these values and the
 * staff module registers them as GraphQL enums (with their descriptions).
 */
import type { AcademicTerm, LessonKind } from './curriculum';

export enum PositionCategory {
  TEACHING = 'TEACHING',
  ADMINISTRATIVE = 'ADMINISTRATIVE',
  SUPPORT = 'SUPPORT',
}

export enum StaffUnitKind {
  CHAIR = 'CHAIR',
  FACULTY = 'FACULTY',
  CENTRAL = 'CENTRAL',
}

/** An employee as the sources return it (GraphQL: Employee). */
export interface EmployeeRecord {
  __typename: 'Employee';
  id: string;
  key: number;
  pinInternal: string | null;
  personnelNumber: string;
  fullName: string;
  surname: string;
  givenName: string;
  patronymic: string | null;
  academicDegree: string | null;
  academicTitle: string | null;
  isTeachingStaff: boolean;
  isActive: boolean;
  pin: string | null;
  birthDate: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  passport: string | null;
  photoUrl: string | null;
}

/** Where a staffing line or assignment sits: its unit kind, chair and faculty. */
export interface StaffUnit {
  unitKind: StaffUnitKind;
  chairKey: number | null;
  /** The unit's faculty (the chair's faculty for a chair's line); null for the central administration. */
  facultyKey: number | null;
}

/** A line of the staffing table (GraphQL: StaffingPosition). */
export interface StaffingPositionRecord extends StaffUnit {
  __typename: 'StaffingPosition';
  id: string;
  key: number;
  title: string;
  category: PositionCategory;
  rates: number;
  salary: number;
  filledRates: number;
  vacantRates: number;
}

/** An employee's assignment to a staffing line (GraphQL: EmployeePosition). */
export interface EmployeePositionRecord extends StaffUnit {
  employeeKey: number;
  staffingKey: number;
  title: string;
  category: PositionCategory;
  rate: number;
  startDate: string;
  endDate: string | null;
  isCurrent: boolean;
}

/** Which employees to list. */
export interface EmployeeFilter {
  /** Holds a current position in this chair. */
  chairKey?: number | null;
  /** Holds a current position in this faculty (its own units or its chairs). */
  facultyKey?: number | null;
  isTeachingStaff?: boolean | null;
  isActive?: boolean | null;
  nameContains?: string | null;
  personnelNumber?: string | null;
}

export type EmployeeSortField = 'NAME' | 'PERSONNEL_NUMBER';

export interface EmployeeSort {
  field: EmployeeSortField;
  desc: boolean;
}

/** Which staffing lines to list. */
export interface StaffingPositionFilter {
  facultyKey?: number | null;
  chairKey?: number | null;
  category?: PositionCategory | null;
  hasVacancy?: boolean | null;
}

export type StaffingPositionSortField = 'TITLE' | 'RATES' | 'VACANT_RATES' | 'SALARY';

export interface StaffingPositionSort {
  field: StaffingPositionSortField;
  desc: boolean;
}

/** One line of the teaching load (GraphQL: TeachingLoadItem). */
export interface TeachingLoadItemRecord {
  employeeKey: number;
  disciplineKey: number;
  groupKey: number;
  academicYear: string;
  semester: number;
  term: AcademicTerm;
  kind: LessonKind;
  hours: number;
}

/** The term a teaching load is read for; each part optional (null: any). */
export interface LoadTerm {
  academicYear: string | null;
  term: AcademicTerm | null;
  /** Semester of study (1, 2, 3, … as in the curricula). */
  semester: number | null;
}

/**
 * A chair's staffing on the business date: its lines' rates, the rates current assignments fill
 * (the staffing table's own definition, so the sums equal its lines'), and how many distinct
 * employees hold a current position in it (one person on two lines counts once).
 */
export interface ChairStaffingRecord {
  chairKey: number;
  facultyKey: number;
  rates: number;
  filledRates: number;
  vacantRates: number;
  teacherCount: number;
}

/** The hours of the teaching load of a chair's teachers (those with a current position in it) in one academic year. */
export interface ChairTeachingLoadRecord {
  chairKey: number;
  facultyKey: number;
  academicYear: string;
  teacherCount: number;
  totalHours: number;
  lectureHours: number;
  practiceHours: number;
  labHours: number;
}
