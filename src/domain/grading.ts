/**
 * The unified model's grading vocabulary, free of GraphQL: sources return these values and the
 * grading module registers them as GraphQL enums (with their descriptions); the records, filters and
 * sorts of the hub's academic calendar (src/hub/calendar).
 */
import type { AcademicTerm } from './curriculum';

export enum GradeControl {
  MODULE_1 = 'MODULE_1',
  MODULE_2 = 'MODULE_2',
  FINAL = 'FINAL',
}

export enum AcademicPeriodKind {
  CLASSES = 'CLASSES',
  EXAM_SESSION = 'EXAM_SESSION',
  HOLIDAYS = 'HOLIDAYS',
}

export enum GradeWindowState {
  UPCOMING = 'UPCOMING',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

/** A period of the hub's academic calendar (teaching weeks, an examination session or holidays). */
export interface AcademicPeriodRecord {
  __typename: 'AcademicPeriod';
  id: string;
  /** The period's key in the hub calendar. */
  key: number;
  academicYear: string;
  term: AcademicTerm;
  kind: AcademicPeriodKind;
  name: string;
  /** YYYY-MM-DD */
  startsOn: string;
  /** YYYY-MM-DD, inclusive. */
  endsOn: string;
}

/** A grade-entry window of the hub's calendar, with its state at the business instant it was read at. */
export interface GradeWindowRecord {
  __typename: 'GradeWindow';
  id: string;
  /** The window's key in the hub calendar. */
  key: number;
  /** The faculty's key in AVN; null = every faculty. */
  facultyKey: number | null;
  allFaculties: boolean;
  academicYear: string;
  term: AcademicTerm;
  control: GradeControl;
  /** Inclusive. */
  opensAt: Date;
  /** Exclusive. */
  closesAt: Date;
  state: GradeWindowState;
  updatedAt: Date;
}

/** A period to write into the calendar (the fields an administrator or the demo gives). */
export type NewAcademicPeriod = Pick<AcademicPeriodRecord, 'academicYear' | 'term' | 'kind' | 'name' | 'startsOn' | 'endsOn'>;

/** A grade-entry window to write into the calendar. */
export type NewGradeWindow = Pick<GradeWindowRecord, 'facultyKey' | 'academicYear' | 'term' | 'control' | 'opensAt' | 'closesAt'>;

/** Which windows a list holds; every given condition must hold. */
export interface GradeWindowFilter {
  /** The windows that apply to this faculty: its own and those for every faculty. */
  facultyKey: number | null;
  academicYear?: string;
  /** Each of these terms must match (a term and a semester's term that disagree leave nothing). */
  terms: AcademicTerm[];
  control?: GradeControl;
  /** Open at this instant (opensAt ≤ openAt < closesAt). */
  openAt?: Date;
  /** Upcoming, open or closed at the business instant of the list. */
  state?: GradeWindowState;
}

export type GradeWindowSort = 'opensAt' | 'closesAt';

/** The grade sheets a window governs: one faculty's sheets of an academic year and term. */
export interface SheetTerm {
  facultyKey: number;
  academicYear: string;
  term: AcademicTerm;
}
