/**
 * The unified model's staff vocabulary, free of GraphQL: sources return these values and the
 * staff module registers them as GraphQL enums (with their descriptions).
 */

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
