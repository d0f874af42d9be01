/**
 * The unified model's orders vocabulary, free of GraphQL: sources return these values and the
 * orders module registers them as GraphQL enums (with their descriptions).
 */

export enum OrderType {
  ADMISSION = 'ADMISSION',
  TRANSFER = 'TRANSFER',
  ACADEMIC_LEAVE = 'ACADEMIC_LEAVE',
  REINSTATEMENT = 'REINSTATEMENT',
  EXPULSION = 'EXPULSION',
  GRADUATION = 'GRADUATION',
}

export enum OrderStatus {
  DRAFT = 'DRAFT',
  SIGNED = 'SIGNED',
  CANCELLED = 'CANCELLED',
}
