/**
 * The unified model's curriculum vocabulary, free of GraphQL: sources return these values and the
 * curriculum module registers them as GraphQL enums (with their descriptions).
 */

export enum AcademicTerm {
  AUTUMN = 'AUTUMN',
  SPRING = 'SPRING',
}

export enum ControlForm {
  EXAM = 'EXAM',
  CREDIT = 'CREDIT',
  GRADED_CREDIT = 'GRADED_CREDIT',
  COURSE_WORK = 'COURSE_WORK',
}

export enum GradeSheetKind {
  REGULAR = 'REGULAR',
  RETAKE = 'RETAKE',
}

export enum GradeSheetStatus {
  OPEN = 'OPEN',
  SUBMITTED = 'SUBMITTED',
  REOPENED = 'REOPENED',
}

export enum LessonKind {
  LECTURE = 'LECTURE',
  PRACTICE = 'PRACTICE',
  LAB = 'LAB',
}

/** A discipline (GraphQL: Discipline). */
export interface DisciplineRecord {
  __typename: 'Discipline';
  id: string;
  key: number;
  chairKey: number;
  code: string;
  name: string;
  nameRu: string;
}

/** A curriculum of one programme and intake (GraphQL: Curriculum). */
export interface CurriculumRecord {
  __typename: 'Curriculum';
  id: string;
  key: number;
  programmeKey: number;
  intakeYear: number;
  name: string;
  approvedOn: string;
}

/** One line of a curriculum (GraphQL: PlanItem). */
export interface PlanItemRecord {
  __typename: 'PlanItem';
  id: string;
  key: number;
  curriculumKey: number;
  disciplineKey: number;
  semester: number;
  credits: number;
  lectureHours: number;
  practiceHours: number;
  labHours: number;
  selfStudyHours: number;
  totalHours: number;
  controlForm: ControlForm;
  module1Max: number;
  module2Max: number;
  finalMax: number;
}

/** An electronic grade sheet (GraphQL: GradeSheet). */
export interface GradeSheetRecord {
  __typename: 'GradeSheet';
  id: string;
  key: number;
  groupKey: number;
  planItemKey: number;
  disciplineKey: number;
  teacherKey: number;
  academicYear: string;
  semester: number;
  term: AcademicTerm;
  kind: GradeSheetKind;
  status: GradeSheetStatus;
  openedOn: string;
  closedOn: string | null;
}

/** One student's line on a grade sheet (GraphQL: GradeSheetRow). */
export interface GradeSheetRowRecord {
  gradeSheetKey: number;
  studentKey: number;
  module1: number | null;
  module2: number | null;
  final: number | null;
  total: number | null;
  letter: string | null;
  gradePoints: number | null;
  gradeName: string | null;
}

/** Which curricula to list. */
export interface CurriculumFilter {
  programmeKey?: number | null;
  intakeYear?: number | null;
}

export type CurriculumSortField = 'INTAKE_YEAR' | 'NAME' | 'APPROVED_ON';

export interface CurriculumSort {
  field: CurriculumSortField;
  desc: boolean;
}

/** Which disciplines to list. */
export interface DisciplineFilter {
  chairKey?: number | null;
  /** Text in either name or the code. */
  nameContains?: string | null;
}

export type DisciplineSortField = 'NAME' | 'CODE';

export interface DisciplineSort {
  field: DisciplineSortField;
  desc: boolean;
}

/** Which grade sheets to list (under a group or teacher, the parent's key is not part of it). */
export interface GradeSheetFilter {
  groupKey?: number | null;
  teacherKey?: number | null;
  academicYear?: string | null;
  term?: AcademicTerm | null;
  semester?: number | null;
  status?: GradeSheetStatus | null;
  /** Any of these statuses; an empty list matches no sheet. */
  statusIn?: readonly GradeSheetStatus[] | null;
  kind?: GradeSheetKind | null;
  disciplineKey?: number | null;
}

export type GradeSheetSortField = 'OPENED_ON' | 'ACADEMIC_TERM';

export interface GradeSheetSort {
  field: GradeSheetSortField;
  desc: boolean;
}

/** The credits a curriculum plans for one semester of study (the GraphQL SemesterCredits). */
export interface SemesterCreditsRecord {
  semester: number;
  credits: number;
}
