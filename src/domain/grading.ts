/**
 * The unified model's grading vocabulary, free of GraphQL: sources return these values and the
 * grading module registers them as GraphQL enums (with their descriptions).
 */

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
