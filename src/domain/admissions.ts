/**
 * The unified model's admissions vocabulary, free of GraphQL: sources return these values and the
 * admissions module registers them as GraphQL enums (with their descriptions); the records, filters
 * and sorts that the sources take and return for applicants.
 */

export enum ApplicantStatus {
  APPLIED = 'APPLIED',
  RECOMMENDED = 'RECOMMENDED',
  REJECTED = 'REJECTED',
  ENROLLED = 'ENROLLED',
}

/** An applicant to one programme, from submission to enrolment (the GraphQL Applicant). */
export interface ApplicantRecord {
  __typename: 'Applicant';
  id: string;
  /** The application's key in its source. */
  key: number;
  programmeKey: number;
  /** The student record once enrolled. */
  studentKey: number | null;
  fullName: string;
  lastName: string;
  firstName: string;
  patronymic: string | null;
  pin: string | null;
  birthDate: string;
  phone: string | null;
  nationalTestScore: number | null;
  submittedOn: string;
  status: ApplicantStatus;
}

/** Conditions of the applicants list, in the hub's terms (keys already decoded from global IDs). */
export interface ApplicantFilter {
  programmeKey?: number | null;
  facultyKey?: number | null;
  status?: ApplicantStatus | null;
  minScore?: number | null;
  /** Calendar year the application was submitted in (the admission campaign of that year's intake). */
  intakeYear?: number | null;
  /** Submitted on or after this day ('YYYY-MM-DD'). */
  submittedFrom?: string | null;
  /** Submitted on or before this day ('YYYY-MM-DD'). */
  submittedTo?: string | null;
}

/**
 * What the applicants list can be sorted by: national test score (applicants without one count as
 * lowest), surname then given name, or submission day; ties by application.
 */
export type ApplicantSort = 'score' | 'name' | 'submittedOn';
