/**
 * The unified model's admissions vocabulary, free of GraphQL: sources return these values and the
 * admissions module registers them as GraphQL enums (with their descriptions).
 */

export enum ApplicantStatus {
  APPLIED = 'APPLIED',
  RECOMMENDED = 'RECOMMENDED',
  REJECTED = 'REJECTED',
  ENROLLED = 'ENROLLED',
}
