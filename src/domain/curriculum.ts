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
