/**
 * The unified model's students vocabulary, free of GraphQL: sources return these values and the
 * students module registers them as GraphQL enums (with their descriptions); the records, filters
 * and sorts that the sources take and return for students, people and the study card.
 */
import { toGlobalId } from './global-id';
import { ControlForm, GradeSheetKind, GradeSheetStatus } from './curriculum';

export enum StudentStatus {
  STUDYING = 'STUDYING',
  ACADEMIC_LEAVE = 'ACADEMIC_LEAVE',
  EXPELLED = 'EXPELLED',
  GRADUATED = 'GRADUATED',
}

export enum FundingType {
  BUDGET = 'BUDGET',
  CONTRACT = 'CONTRACT',
}

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

export enum IdentitySource {
  AVN_STUDENT = 'AVN_STUDENT',
  AVN_EMPLOYEE = 'AVN_EMPLOYEE',
  AVN_APPLICANT = 'AVN_APPLICANT',
  LIBRARY_BORROWER = 'LIBRARY_BORROWER',
  DORMITORY_RESIDENT = 'DORMITORY_RESIDENT',
}

export enum MatchMethod {
  ANCHOR = 'ANCHOR',
  PIN = 'PIN',
  STUDENT_NUMBER = 'STUDENT_NUMBER',
  NAME_BIRTH_DATE = 'NAME_BIRTH_DATE',
  MANUAL = 'MANUAL',
}

export enum RegistrationStatus {
  REGISTERED = 'REGISTERED',
  WITHDRAWN = 'WITHDRAWN',
}

/** A student record as the sources give it (the GraphQL Student, with the keys of its relations). */
export interface StudentRecord {
  __typename: 'Student';
  id: string;
  /** The student record's key in its source. */
  key: number;
  groupKey: number;
  programmeKey: number;
  facultyKey: number;
  /** The PIN for linking to sources that know people by PIN (the `pin` field is the client-facing one). */
  pinInternal: string | null;
  studentNumber: string;
  fullName: string;
  surname: string;
  givenName: string;
  patronymic: string | null;
  status: StudentStatus;
  fundingType: FundingType;
  admissionDate: string;
  pin: string | null;
  birthDate: string;
  gender: Gender;
  citizenship: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  passport: string | null;
  photoUrl: string | null;
}

/**
 * The personal card of a person as its anchor source record has it (a student record, else an
 * employee, else an applicant). Not a GraphQL type: Person's fields read from it.
 */
export interface PersonalCard {
  fullName: string;
  surname: string;
  givenName: string;
  patronymic: string | null;
  pin: string | null;
  birthDate: string | null;
  gender: Gender | null;
  citizenship: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  passport: string | null;
  photoUrl: string | null;
}

/**
 * A person of the hub's identity registry: only its key (every data field is read from the
 * person's source records), so any layer can hand one out with `personRecord(key)`.
 */
export interface PersonRecord {
  __typename: 'Person';
  id: string;
  /** The registry's person id. */
  key: number;
}

export function personRecord(key: number): PersonRecord {
  return { __typename: 'Person', id: toGlobalId('Person', key), key };
}

/** Filters of student lists, in the hub's terms (keys already decoded from global IDs). */
export interface StudentFilter {
  groupKey?: number | null;
  facultyKey?: number | null;
  programmeKey?: number | null;
  status?: StudentStatus | null;
  /** Any of these statuses; an empty list matches no student. */
  statusIn?: readonly StudentStatus[] | null;
  fundingType?: FundingType | null;
  nameContains?: string | null;
  pin?: string | null;
  studentNumber?: string | null;
  intakeYear?: number | null;
}

/** What student lists can be sorted by; ties are broken by the record, so paging is stable. */
export type StudentSort = 'name' | 'studentNumber' | 'admissionDate';

/** The kinds of person records of the identity registry that AVN holds. */
export type AvnRecordSource = 'avn.student' | 'avn.employee' | 'avn.applicant';

/** A curriculum item as a student meets it in one term (shared by registrations and grade rows). */
export interface TermItemRecord {
  planItemKey: number;
  disciplineKey: number;
  academicYear: string;
  semester: number;
  disciplineCode: string;
  disciplineName: string;
  disciplineNameRu: string;
  credits: number;
  controlForm: ControlForm;
}

/** A student's registration to a curriculum item for one semester (the GraphQL DisciplineRegistration). */
export interface DisciplineRegistrationRecord extends TermItemRecord {
  key: number;
  registeredOn: string;
  status: RegistrationStatus;
}

/** One grade-sheet row of a student as the study card shows it (the GraphQL GradeRecord). */
export interface StudentGradeRecord extends TermItemRecord {
  key: number;
  sheetKey: number;
  module1: number | null;
  module2: number | null;
  final: number | null;
  total: number | null;
  letter: string | null;
  gradePoints: number | null;
  sheetKind: GradeSheetKind;
  sheetStatus: GradeSheetStatus;
  countsTowardGpa: boolean;
}

/** What a row's band of the grading scale gives its total: grade points and the letter. */
export interface GradeBand {
  letter: string;
  points: number;
}

/**
 * A grade-sheet row as the source reads it, before the academic record decides which attempt
 * counts: with its band of the grading scale and the sheet's opening date (the attempt order).
 */
export interface SheetResult extends StudentGradeRecord {
  /** Sheet opening date, for ordering attempts (regular sheet, then re-sits). */
  openedOn: string;
  /** The band of the scale the total falls into; null without a total or below the scale. */
  band: GradeBand | null;
}

/** A student's journal marks of one discipline, counted (the rate is computed above the sources). */
export interface DisciplineAttendanceCounts {
  disciplineKey: number;
  disciplineCode: string;
  disciplineName: string;
  lessons: number;
  present: number;
  late: number;
  absent: number;
  excused: number;
}

/**
 * A student with at least one failed discipline (the GraphQL AcademicDebtor): a discipline is
 * failed when its counted attempt (as in the academic record) has zero grade points on the scale.
 */
export interface AcademicDebtorRecord {
  __typename: 'AcademicDebtor';
  studentKey: number;
  failedDisciplines: number;
}

/** Conditions of the academic debtors list, in the hub's terms (keys already decoded). */
/** What the academic debtors list can be sorted by. */
export type AcademicDebtorSort = 'failed' | 'name' | 'studentNumber';

export interface AcademicDebtorFilter {
  facultyKey?: number | null;
  groupKey?: number | null;
  /** Count only the results of this academic year ("2025-2026"). */
  academicYear?: string | null;
  /** Count only the results of this semester of study. */
  semester?: number | null;
}
