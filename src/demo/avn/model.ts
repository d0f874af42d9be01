/**
 * The in-memory demo university (the AVN view of it) that the other sources are derived from:
 * the library lends to its students, the dormitory houses them, the registrar issues their
 * documents, QR-visit records their lessons. Ids here are the AVN ids that get written.
 */
import type { Day } from '../calendar';
import type { Person } from '../people';
import type { FacultyEntry, GenEdKey, PositionKey } from './catalog';

export interface Faculty {
  id: number;
  kod: string;
  short: string;
  nameKy: string;
  nameRu: string;
  isInstitute: boolean;
  entry: FacultyEntry;
  chairIds: number[];
  dekanEmpId: number | null;
}

export interface Chair {
  id: number;
  facId: number;
  nameKy: string;
  nameRu: string;
  fieldKy: string;
  fieldRu: string;
  genEd?: GenEdKey;
  specialist: boolean;
  zavEmpId: number | null;
}

export type Uroven = 'bakalavr' | 'magistr' | 'specialist';

export interface Spec {
  id: number;
  facId: number;
  kafId: number;
  shifr: string;
  nameKy: string;
  nameRu: string;
  uroven: Uroven;
  srok: number;
  /** Letters of group names: ПМИ-1-24. */
  abbrev: string;
  /** Relative popularity with applicants (group count, applicants, tuition). */
  demand: number;
}

export interface Group {
  id: number;
  specId: number;
  facId: number;
  name: string;
  intake: number;
  kurs: number;
  /** The cohort finished in June 2026 (its students are graduates). */
  graduated: boolean;
  yazyk: 'ky' | 'ru' | 'en';
  curatorEmpId: number | null;
  planId: number;
}

/** A stretch of time a student spends studying in a group; `to` is exclusive, null = still there. */
export interface Segment {
  grpId: number;
  from: Day;
  to: Day | null;
}

export type StudentEventKind = 'admit' | 'transfer' | 'leave' | 'reinstate' | 'expel' | 'graduate';

export interface StudentEvent {
  kind: StudentEventKind;
  date: Day;
  fromGrp: number | null;
  toGrp: number | null;
  reason?: string;
}

export interface Student {
  id: number;
  person: Person;
  zachetka: string;
  /** AVN's gruppa: the current (or last) group. */
  grpId: number;
  facId: number;
  forma: 'B' | 'K';
  status: 1 | 2 | 3 | 4;
  admitted: Day;
  segments: Segment[];
  events: StudentEvent[];
  /** Mean score the student tends to reach (0–100). */
  ability: number;
  /** Probabilities of being present / late / excused at a lesson (the rest is absent). */
  presence: number;
  late: number;
  excused: number;
  /** A contract student behind with this year's tuition. */
  debtor: boolean;
}

export interface Employee {
  id: number;
  person: Person;
  tabel: string;
  isPps: boolean;
  isActive: boolean;
  hired: Day;
  left: Day | null;
  /** Main chair of a teacher (null for administration). */
  kafId: number | null;
  facId: number | null;
  rank: PositionKey;
  uchStepen: string | null;
  uchZvanie: string | null;
  /** Uses QR-visit for attendance. */
  qrUser: boolean;
  /** Central unit of an administrative employee (Китепкана, Жатакана, Бирдиктүү терезе…). */
  unit: string | null;
  workEmail: string;
}

export interface Position {
  /** shtat_id, filled when the staffing table is built */
  shtatId: number;
  empId: number;
  key: PositionKey;
  facId: number | null;
  kafId: number | null;
  stavka: number;
  from: Day;
  to: Day | null;
}

export interface Discipline {
  id: number;
  kafId: number;
  kod: string;
  nameKy: string;
  nameRu: string;
}

export type FormaKontrolya = 'ekzamen' | 'zachet' | 'dif_zachet' | 'kursovaya';

export interface PlanItem {
  id: number;
  planId: number;
  discId: number;
  semestr: number;
  kredity: number;
  lek: number;
  prak: number;
  lab: number;
  srs: number;
  forma: FormaKontrolya;
  maxM1: number;
  maxM2: number;
  maxItog: number;
}

export interface Plan {
  id: number;
  specId: number;
  intake: number;
  name: string;
  approved: Day;
  /** Items by semester number. */
  bySemester: Map<number, PlanItem[]>;
}
