/**
 * The unified model's live vocabulary, free of GraphQL: sources return these values and the
 * live module registers them as GraphQL enums (with their descriptions).
 */

export enum AttendanceOrigin {
  JOURNAL = 'JOURNAL',
  QR_SCAN = 'QR_SCAN',
}

export enum ClearanceUnit {
  LIBRARY = 'LIBRARY',
  DORMITORY = 'DORMITORY',
}

export enum OrderChange {
  CREATED = 'CREATED',
  SIGNED = 'SIGNED',
  CANCELLED = 'CANCELLED',
}
