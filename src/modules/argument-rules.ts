/**
 * Rules for arguments (ARCHITECTURE: "rules apply to arguments too"): a filter, search or
 * ordering on a field is allowed only to a viewer who may read that field, and a permitted
 * personal filter is audited like reading the field.
 *
 * - Filter and search inputs carry the same marks as output fields, next to their declaration:
 *   `@PersonalData(kind)` / `@Identifying()` on the input class's property (graphql/personal-data.ts).
 * - Ordering enum values are classified here, one entry per `…OrderField` / `…SortField` enum; the
 *   type of each entry makes the compiler demand every value of the enum.
 * - Input fields whose name suggests a person (…name…, …Number, search…) but which hold nothing
 *   identifying are listed in NOT_IDENTIFYING with the reason, so test/unit/schema.test.ts can insist
 *   that every other such field is marked.
 *
 * The guard (src/graphql/guard/argument-guard.ts), handed ARGUMENT_MARKS when the schema is built,
 * applies these to every Query and Subscription field, root or nested, whose arguments can reach a mark.
 */
import type { ArgumentMark, ArgumentMarks } from '../graphql/guard/argument-guard';
import { ApplicantSortField } from './admissions/applicant.inputs';
import { LessonOrderField } from './attendance/lesson.inputs';
import { CurriculumOrderField, DisciplineOrderField } from './curriculum/curriculum.inputs';
import { GradeSheetOrderField } from './curriculum/grade-sheet.inputs';
import { TuitionDebtorSortField } from './finance/finance.inputs';
import { GradeWindowOrderField } from './grading/calendar.inputs';
import { LibraryReaderOrderField, LoanOrderField } from './library/library.inputs';
import { OrderSortField } from './orders/order.inputs';
import { GroupOrderField } from './organisation/organisation.inputs';
import { ServiceRequestOrderField } from './registrar/registrar.inputs';
import { EmployeeOrderField, StaffingPositionOrderField } from './staff/staff.inputs';
import { StudentOrderField } from './students/student.inputs';
import { AcademicDebtorOrderField } from './students/academic-debtor.types';

const IDENTIFYING: ArgumentMark = Object.freeze({ identifying: true });

/** Every value of `enumType` classified: the mark of the field it sorts by, or null for none. */
const classify = <E extends Record<string, string>>(_enumType: E, marks: Record<keyof E, ArgumentMark | null>) => Object.freeze(marks);

/** Ordering enums by GraphQL name → value name → mark (null: sorts by nothing personal). */
export const ORDERING_MARKS: Readonly<Record<string, Readonly<Record<string, ArgumentMark | null>>>> = {
  StudentOrderField: classify(StudentOrderField, { NAME: IDENTIFYING, STUDENT_NUMBER: IDENTIFYING, ADMISSION_DATE: null }),
  EmployeeOrderField: classify(EmployeeOrderField, { NAME: IDENTIFYING, PERSONNEL_NUMBER: IDENTIFYING }),
  LibraryReaderOrderField: classify(LibraryReaderOrderField, { NAME: IDENTIFYING, CARD_NUMBER: IDENTIFYING, ENROLLED_ON: null }),
  ApplicantSortField: classify(ApplicantSortField, { NAME: IDENTIFYING, SCORE: null, SUBMITTED: null }),
  // A debtor's name is its student's.
  TuitionDebtorSortField: classify(TuitionDebtorSortField, { NAME: IDENTIFYING, DEBT: null }),
  AcademicDebtorOrderField: classify(AcademicDebtorOrderField, { NAME: IDENTIFYING, STUDENT_NUMBER: IDENTIFYING, FAILED_DISCIPLINES: null }),
  // Names and numbers of things, not of people.
  GroupOrderField: classify(GroupOrderField, { NAME: null, INTAKE_YEAR: null, YEAR_OF_STUDY: null }),
  CurriculumOrderField: classify(CurriculumOrderField, { NAME: null, INTAKE_YEAR: null, APPROVED_ON: null }),
  DisciplineOrderField: classify(DisciplineOrderField, { NAME: null, CODE: null }),
  OrderSortField: classify(OrderSortField, { DATE: null, NUMBER: null }),
  ServiceRequestOrderField: classify(ServiceRequestOrderField, { NUMBER: null, SUBMITTED_AT: null }),
  StaffingPositionOrderField: classify(StaffingPositionOrderField, { TITLE: null, RATES: null, SALARY: null, VACANT_RATES: null }),
  GradeSheetOrderField: classify(GradeSheetOrderField, { ACADEMIC_TERM: null, OPENED_ON: null }),
  GradeWindowOrderField: classify(GradeWindowOrderField, { OPENS_AT: null, CLOSES_AT: null }),
  LessonOrderField: classify(LessonOrderField, { DATE: null }),
  LoanOrderField: classify(LoanOrderField, { ISSUED_AT: null, DUE_AT: null }),
};

/**
 * A list whose default order is identifying (students and readers by name) is, for pseudonymous
 * viewers, ordered by a value that is not: the order of the rows would otherwise rank the
 * pseudonyms alphabetically by the names they hide. Keyed by the `orderBy` input type; applied by
 * the guard when `orderBy` is omitted.
 */
export const PSEUDONYMOUS_DEFAULT_ORDER: Readonly<Record<string, { readonly field: string }>> = {
  StudentOrder: { field: StudentOrderField.ADMISSION_DATE },
  LibraryReaderOrder: { field: LibraryReaderOrderField.ENROLLED_ON },
};

/**
 * Input fields and arguments ("Type.field" / "Query.field(argument)") whose names look personal
 * but that name no person: why each is safe to leave unmarked.
 */
export const NOT_IDENTIFYING: Readonly<Record<string, string>> = {
  'GroupWhere.nameContains': 'a study group\'s name (public organisation data)',
  'DisciplineWhere.nameContains': 'a discipline\'s name (public curriculum)',
  'ProgrammeWhere.search': 'a programme\'s code or name (public organisation data)',
  'LibraryItemWhere.titleContains': 'a title of the public catalogue',
  'LibraryItemWhere.authorContains': 'an author of the public catalogue, not a reader',
  'OrderWhere.number': 'an order\'s registry number, readable wherever the order is',
  'FacultyOrderWhere.number': 'an order\'s registry number, readable wherever the order is',
  'DocumentFlowWhere.unitContains': 'a university unit\'s name',
  'DocumentFlowWhere.search': 'a document\'s reference or title, readable wherever the record is (whole-university roles only)',
  'Query.dormitoryRoom(number)': 'a room number on a door (the housing stock is public)',
};

/** The marks handed to the schema guard (src/modules/schema.ts). */
export const ARGUMENT_MARKS: ArgumentMarks = { orderings: ORDERING_MARKS, pseudonymousDefaultOrder: PSEUDONYMOUS_DEFAULT_ORDER };
