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
