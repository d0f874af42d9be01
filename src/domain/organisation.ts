/**
 * The unified model's organisation vocabulary, free of GraphQL: sources return these values and the
 * organisation module registers them as GraphQL enums (with their descriptions).
 */

export enum FacultyKind {
  FACULTY = 'FACULTY',
  INSTITUTE = 'INSTITUTE',
}

export enum DegreeLevel {
  BACHELOR = 'BACHELOR',
  MASTER = 'MASTER',
  SPECIALIST = 'SPECIALIST',
}

/** An institute or faculty as the sources return it (GraphQL: Faculty). */
export interface FacultyRecord {
  __typename: 'Faculty';
  id: string;
  key: number;
  deanKey: number | null;
  code: string;
  name: string;
  nameRu: string;
  shortName: string;
  kind: FacultyKind;
}

/** A chair (GraphQL: Chair). */
export interface ChairRecord {
  __typename: 'Chair';
  id: string;
  key: number;
  facultyKey: number;
  headKey: number | null;
  name: string;
  nameRu: string;
}

/** A study programme (GraphQL: Programme). */
export interface ProgrammeRecord {
  __typename: 'Programme';
  id: string;
  key: number;
  facultyKey: number;
  chairKey: number;
  code: string;
  name: string;
  nameRu: string;
  level: DegreeLevel;
  durationYears: number;
}

/** A study group (GraphQL: Group). */
export interface GroupRecord {
  __typename: 'Group';
  id: string;
  key: number;
  programmeKey: number;
  curatorKey: number | null;
  name: string;
  yearOfStudy: number;
  intakeYear: number;
  language: string;
}

/** Which groups to list (native keys already decoded from global IDs). */
export interface GroupFilter {
  facultyKey?: number | null;
  programmeKey?: number | null;
  yearOfStudy?: number | null;
  intakeYear?: number | null;
  nameContains?: string | null;
}

export type GroupSortField = 'NAME' | 'YEAR_OF_STUDY' | 'INTAKE_YEAR';

export interface GroupSort {
  field: GroupSortField;
  desc: boolean;
}

/** Which programmes to list. */
export interface ProgrammeFilter {
  facultyKey?: number | null;
  level?: DegreeLevel | null;
  /** Text in the code or either name. */
  search?: string | null;
}
