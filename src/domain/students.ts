/**
 * The unified model's students vocabulary, free of GraphQL: sources return these values and the
 * students module registers them as GraphQL enums (with their descriptions).
 */

export enum StudentStatus {
  STUDYING = 'STUDYING',
  ACADEMIC_LEAVE = 'ACADEMIC_LEAVE',
  EXPELLED = 'EXPELLED',
  GRADUATED = 'GRADUATED',
}

export enum FundingType {
  BUDGET = 'BUDGET',
  CONTRACT = 'CONTRACT',
}

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

export enum IdentitySource {
  AVN_STUDENT = 'AVN_STUDENT',
  AVN_EMPLOYEE = 'AVN_EMPLOYEE',
  AVN_APPLICANT = 'AVN_APPLICANT',
  LIBRARY_BORROWER = 'LIBRARY_BORROWER',
  DORMITORY_RESIDENT = 'DORMITORY_RESIDENT',
}

export enum MatchMethod {
  ANCHOR = 'ANCHOR',
  PIN = 'PIN',
  STUDENT_NUMBER = 'STUDENT_NUMBER',
  NAME_BIRTH_DATE = 'NAME_BIRTH_DATE',
  MANUAL = 'MANUAL',
}

export enum RegistrationStatus {
  REGISTERED = 'REGISTERED',
  WITHDRAWN = 'WITHDRAWN',
}
