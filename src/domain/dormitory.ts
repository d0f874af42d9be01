/**
 * The unified model's dormitory vocabulary, free of GraphQL: sources return these values and the
 * dormitory module registers them as GraphQL enums (with their descriptions).
 */

export enum GenderPolicy {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
  MIXED = 'MIXED',
}

export enum RoomType {
  STANDARD = 'STANDARD',
  BLOCK = 'BLOCK',
  FAMILY = 'FAMILY',
}

export enum ResidentType {
  STUDENT = 'STUDENT',
  STAFF = 'STAFF',
  GUEST = 'GUEST',
}

export enum PlacementStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
