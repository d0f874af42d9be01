/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Who pays for the study place. */
export type FundingType =
  /** State-funded place (бюджет). */
  | 'BUDGET'
  /** Paid place under a tuition contract (контракт); see the contract and payments in AVN 5/10. */
  | 'CONTRACT';

/** A kind of person record in a source system that the identity registry links to a person. */
export type IdentitySource =
  /** An AVN 25 applicant record; `localKey` is its internal id. */
  | 'AVN_APPLICANT'
  /** An AVN 4 employee record; `localKey` is its internal id (the Employee node's key). */
  | 'AVN_EMPLOYEE'
  /** An AVN student record; `localKey` is its internal id (the Student node's key). */
  | 'AVN_STUDENT'
  /** A dormitory resident; `localKey` is the resident id. */
  | 'DORMITORY_RESIDENT'
  /** A library borrower; `localKey` is the borrower number. */
  | 'LIBRARY_BORROWER';

/** How the identity registry decided that a source record belongs to a person. */
export type MatchMethod =
  /** The record started this person (an AVN student or employee, or a record nothing else matched). */
  | 'ANCHOR'
  /** Linked by an administrator. */
  | 'MANUAL'
  /** Same normalised name (Cyrillic and Latin spellings alike) and birth date; see `confidence`. */
  | 'NAME_BIRTH_DATE'
  /** Same personal identification number (PIN) as the person. */
  | 'PIN'
  /** The record carries the person's AVN student-book number, and the name agrees. */
  | 'STUDENT_NUMBER';

/** Where a student order is in its life: only SIGNED orders have legal effect. */
export type OrderStatus =
  /** Revoked; kept for the record, without effect. */
  | 'CANCELLED'
  /** Prepared by the student HR office but not signed yet; may still change. */
  | 'DRAFT'
  /** Signed by the rector or an authorised officer; in force. */
  | 'SIGNED';

/** What a student order does to the students it names. */
export type OrderType =
  /** Academic leave (академический отпуск / академиялык өргүү): study is paused. */
  | 'ACADEMIC_LEAVE'
  /** Admission (зачисление / кабыл алуу): applicants become students of a group. */
  | 'ADMISSION'
  /** Expulsion (отчисление / чыгаруу): the student leaves the university. */
  | 'EXPULSION'
  /** Graduation (выпуск / бүтүрүү): the student completed the programme. */
  | 'GRADUATION'
  /** Reinstatement (восстановление / калыбына келтирүү) after leave or expulsion. */
  | 'REINSTATEMENT'
  /** Transfer (перевод / которуу) to another group, programme or year of study. */
  | 'TRANSFER';

/** Whether a placement is still running. */
export type PlacementStatus =
  /** The resident lives on the bed now. */
  | 'ACTIVE'
  /** The resident moved out (see `endDate`). */
  | 'ENDED';

/** What QR-visit decided about one scan. Only ACCEPTED scans mark the student present. */
export type ScanResult =
  /** Valid, fresh token from a registered student: the student is checked in. */
  | 'ACCEPTED'
  /** The student's attendance was already recorded: an earlier check-in to the lesson, or (check-ins through the hub) an excused or hand-entered journal mark, which a scan never changes. */
  | 'DUPLICATE'
  /** The token had already rotated (a photo of an old code, typically forwarded). */
  | 'EXPIRED_TOKEN'
  /** The token's signature did not verify. */
  | 'FORGED_TOKEN'
  /** The student is not registered for this lesson's group or discipline. */
  | 'NOT_REGISTERED'
  /** The location check failed: the device was outside the allowed radius. */
  | 'OUT_OF_RANGE'
  /** Scanned after the teacher closed the session, or after the lesson's period ended. */
  | 'SESSION_CLOSED';

/** Where a request stands. SUBMITTED and IN_PROGRESS are open; READY, ISSUED and REJECTED are finished for the SLA. */
export type ServiceRequestStatus =
  /** Being prepared by the responsible unit. */
  | 'IN_PROGRESS'
  /** Handed to the applicant. */
  | 'ISSUED'
  /** Prepared and waiting for the applicant to collect it (the unit's work is done). */
  | 'READY'
  /** Refused (see the comment in `history`). */
  | 'REJECTED'
  /** Received, not yet taken up. */
  | 'SUBMITTED';

/** Where a student record stands, as the student HR orders (AVN 2/9) left it. */
export type StudentStatus =
  /** On academic leave (академиялык өргүү); keeps the place, does not attend. */
  | 'ACADEMIC_LEAVE'
  /** Expelled (чыгарылган); the record stays for the study card. */
  | 'EXPELLED'
  /** Graduated (бүтүрүүчү). */
  | 'GRADUATED'
  /** Enrolled and studying (окуп жатат). */
  | 'STUDYING';

export type GroupPageQueryVariables = Exact<{
  groups: number;
  students: number;
}>;


export type GroupPageQuery = { groups: { nodes: Array<{ id: string, name: string, students: { nodes: Array<{ studentNumber: string, fullName: string, semesters: Array<{ academicYear: string, semester: number, gpa: number | null }>, loans: { nodes: Array<{ title: string | null, dueAt: string, overdue: boolean }> } | null, dormitoryPlacement: { status: PlacementStatus, room: { number: string } } | null }> } }> } | null };

export type StudyCardQueryVariables = Exact<{
  studentNumber: string;
}>;


export type StudyCardQuery = { student: { fullName: string, status: StudentStatus, fundingType: FundingType, gpa: number | null, tuitionBalance: number | null, libraryDebt: number | null, group: { name: string, programme: { code: string, name: string, faculty: { name: string } } }, semesters: Array<{ academicYear: string, semester: number, gpa: number | null, credits: number }>, attendanceSummary: { lessons: number, present: number, absent: number, attendanceRate: number | null } | null, orders: Array<{ number: string, date: string, type: OrderType, status: OrderStatus }>, qrScans: Array<{ scannedAt: string, result: ScanResult }> | null, loans: { nodes: Array<{ title: string | null, dueAt: string, overdue: boolean }> } | null, dormitoryPlacement: { status: PlacementStatus, building: { name: string }, room: { number: string } } | null, serviceRequests: { nodes: Array<{ number: string, status: ServiceRequestStatus, type: { name: string } }> } | null, person: { records: Array<{ source: IdentitySource, localKey: string, method: MatchMethod }> } | null } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const GroupPageDocument = new TypedDocumentString(`
    query GroupPage($groups: Int!, $students: Int!) {
  groups(first: $groups) {
    nodes {
      id
      name
      students(first: $students) {
        nodes {
          studentNumber
          fullName
          semesters {
            academicYear
            semester
            gpa
          }
          loans(first: 5) {
            nodes {
              title
              dueAt
              overdue
            }
          }
          dormitoryPlacement {
            status
            room {
              number
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GroupPageQuery, GroupPageQueryVariables>;
export const StudyCardDocument = new TypedDocumentString(`
    query StudyCard($studentNumber: String!) {
  student(studentNumber: $studentNumber) {
    fullName
    status
    fundingType
    group {
      name
      programme {
        code
        name
        faculty {
          name
        }
      }
    }
    gpa
    semesters {
      academicYear
      semester
      gpa
      credits
    }
    attendanceSummary {
      lessons
      present
      absent
      attendanceRate
    }
    orders {
      number
      date
      type
      status
    }
    tuitionBalance
    qrScans(last: 3) {
      scannedAt
      result
    }
    libraryDebt
    loans(first: 3, status: CURRENT) {
      nodes {
        title
        dueAt
        overdue
      }
    }
    dormitoryPlacement {
      status
      building {
        name
      }
      room {
        number
      }
    }
    serviceRequests(first: 3) {
      nodes {
        number
        status
        type {
          name
        }
      }
    }
    person {
      records {
        source
        localKey
        method
      }
    }
  }
}
    `) as unknown as TypedDocumentString<StudyCardQuery, StudyCardQueryVariables>;