/**
 * The unified model's attendance vocabulary, free of GraphQL: sources return these values and the
 * attendance module registers them as GraphQL enums (with their descriptions).
 */

export enum Presence {
  PRESENT = 'PRESENT',
  ABSENT = 'ABSENT',
  LATE = 'LATE',
  EXCUSED = 'EXCUSED',
}

export enum MarkSource {
  MANUAL = 'MANUAL',
  QR = 'QR',
}

export enum ScanResult {
  ACCEPTED = 'ACCEPTED',
  EXPIRED_TOKEN = 'EXPIRED_TOKEN',
  FORGED_TOKEN = 'FORGED_TOKEN',
  SESSION_CLOSED = 'SESSION_CLOSED',
  NOT_REGISTERED = 'NOT_REGISTERED',
  DUPLICATE = 'DUPLICATE',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
}
