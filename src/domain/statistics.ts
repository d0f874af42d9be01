/**
 * Grouped statistics in the hub's words (issue 12): the dimensions a statistic can be grouped by,
 * the cells a source (or the hub, across sources) returns, and the request each source takes.
 * Sources compute cells in SQL; the hub applies disclosure control (src/hub/statistics/disclosure.ts),
 * conditions on measures, ordering and paging, whatever the source.
 */
import type { Reach } from './reach';
import type { FundingType, Gender, StudentStatus } from './students';

/** Every dimension a statistic may be grouped by; each statistic accepts a subset (its own GraphQL enum). */
export enum StatisticsDimension {
  FACULTY = 'FACULTY',
  PROGRAMME = 'PROGRAMME',
  GROUP = 'GROUP',
  YEAR_OF_STUDY = 'YEAR_OF_STUDY',
  INTAKE_YEAR = 'INTAKE_YEAR',
  ACADEMIC_YEAR = 'ACADEMIC_YEAR',
  SEMESTER = 'SEMESTER',
  DISCIPLINE = 'DISCIPLINE',
  TEACHER = 'TEACHER',
  FUNDING_TYPE = 'FUNDING_TYPE',
  GENDER = 'GENDER',
  DATE = 'DATE',
  WEEK = 'WEEK',
  CHAIR = 'CHAIR',
  STUDENT_STATUS = 'STUDENT_STATUS',
  BUILDING = 'BUILDING',
  GRADE_BAND = 'GRADE_BAND',
  REQUEST_TYPE = 'REQUEST_TYPE',
  REQUEST_STATUS = 'REQUEST_STATUS',
}

/** The most dimensions one request may group by: a finer table is all small cells, withheld anyway. */
export const MAX_STATISTICS_DIMENSIONS = 4;

/**
 * The most cells a source may return for one request, checked in SQL (`limit` one more): a
 * grouping finer than this is refused with STATISTICS_TOO_DETAILED rather than built in memory.
 */
export const MAX_STATISTICS_CELLS = 20_000;

/** A final-grade band: the grade points of the grading scale row a total falls in. */
export enum GradeBand {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  SATISFACTORY = 'SATISFACTORY',
  FAILING = 'FAILING',
}

/**
 * The value of each dimension of a cell, in the hub's keys. Only the requested dimensions are
 * set; a set key may be null where the source has no value (a contract without a tariff year…).
 */
export interface StatisticsKey {
  facultyKey?: number | null;
  programmeKey?: number | null;
  groupKey?: number | null;
  yearOfStudy?: number | null;
  intakeYear?: number | null;
  academicYear?: string | null;
  semester?: number | null;
  disciplineKey?: number | null;
  teacherKey?: number | null;
  fundingType?: FundingType | null;
  gender?: Gender | null;
  /** 'YYYY-MM-DD' */
  date?: string | null;
  /** The Monday of an ISO week, 'YYYY-MM-DD'. */
  week?: string | null;
  chairKey?: number | null;
  studentStatus?: StudentStatus | null;
  buildingKey?: number | null;
  gradeBand?: GradeBand | null;
  requestType?: string | null;
  requestStatus?: string | null;
}

/** The field of `StatisticsKey` each dimension sets. */
export const KEY_FIELD: { readonly [D in StatisticsDimension]: keyof StatisticsKey } = {
  FACULTY: 'facultyKey',
  PROGRAMME: 'programmeKey',
  GROUP: 'groupKey',
  YEAR_OF_STUDY: 'yearOfStudy',
  INTAKE_YEAR: 'intakeYear',
  ACADEMIC_YEAR: 'academicYear',
  SEMESTER: 'semester',
  DISCIPLINE: 'disciplineKey',
  TEACHER: 'teacherKey',
  FUNDING_TYPE: 'fundingType',
  GENDER: 'gender',
  DATE: 'date',
  WEEK: 'week',
  CHAIR: 'chairKey',
  STUDENT_STATUS: 'studentStatus',
  BUILDING: 'buildingKey',
  GRADE_BAND: 'gradeBand',
  REQUEST_TYPE: 'requestType',
  REQUEST_STATUS: 'requestStatus',
};

/** One label's count within a cell (the distribution of letters, of presence marks…). */
export interface DistributionEntry {
  label: string;
  count: number;
}

/**
 * One group of a statistic: its key, the distinct people it counts (students, applicants,
 * employees: what the statistic says), and its measures by name.
 */
export interface StatisticsCell<M extends string = string> {
  key: StatisticsKey;
  people: number;
  measures: Record<M, number | null>;
  /** A breakdown within the cell (letters of the grading scale…); withheld with the measures. */
  distribution?: DistributionEntry[];
}

/** A source's answer: the cells of the requested grouping and the total over all of them (same filter). */
export interface StatisticsTable<M extends string = string> {
  cells: StatisticsCell<M>[];
  total: StatisticsCell<M>;
}

/** What every statistic's source function takes: the grouping, the statistic's filter, the viewer's reach. */
export interface StatisticsRequest<F> {
  dimensions: readonly StatisticsDimension[];
  filter: F;
  reach: Reach;
}

/** The filter the student-based statistics share (grades, attendance, the report): all conditions hold. */
export interface StudentStatisticsFilter {
  facultyKey?: number | null;
  programmeKey?: number | null;
  groupKey?: number | null;
  academicYear?: string | null;
  semester?: number | null;
  disciplineKey?: number | null;
  teacherKey?: number | null;
  fundingType?: FundingType | null;
  gender?: Gender | null;
  /** 'YYYY-MM-DD', inclusive (dated statistics: attendance). */
  from?: string | null;
  to?: string | null;
}

/**
 * The filter of staff statistics (AVN 6 and 7): all conditions hold. `academicYear` picks the
 * teaching load's year; null means every year (the module gives the current one unless the
 * statistic is grouped by academic year).
 */
export interface StaffStatisticsFilter {
  facultyKey?: number | null;
  chairKey?: number | null;
  academicYear?: string | null;
}

/** Which students student statistics cover (the shared filter's student fields; all conditions hold). */
export type StudentCountFilter = Pick<StudentStatisticsFilter, 'facultyKey' | 'programmeKey' | 'groupKey' | 'fundingType' | 'gender'>;

/** Which contracts tuition statistics cover, and the day the balance is taken on. */
export interface TuitionStatisticsFilter {
  facultyKey?: number | null;
  programmeKey?: number | null;
  academicYear?: string | null;
  fundingType?: FundingType | null;
  /** 'YYYY-MM-DD': contracts dated on or before it, and their payments dated on or before it. */
  asOf: string;
}

/** The organisation level an achievement report has one row per unit of. */
export type AchievementLevel = StatisticsDimension.FACULTY | StatisticsDimension.PROGRAMME | StatisticsDimension.GROUP;

/** A term's achievement report (5.11): the term, the day tuition debts are taken on, and which units. */
export interface AchievementReportFilter {
  facultyKey?: number | null;
  programmeKey?: number | null;
  academicYear: string;
  /** Odd semesters of study (autumn) or even ones (spring). */
  autumn: boolean;
  /** 'YYYY-MM-DD', inclusive: the term's teaching period for attendance. */
  from: string;
  to: string;
  /** 'YYYY-MM-DD': the day tuition debts are taken on. */
  asOf: string;
}
/** What admission statistics cover; all conditions hold. */
export interface AdmissionStatisticsFilter {
  facultyKey?: number | null;
  programmeKey?: number | null;
  intakeYear?: number | null;
  /** 'YYYY-MM-DD', inclusive. */
  submittedFrom?: string | null;
  submittedTo?: string | null;
}

/**
 * Cross-source statistics (library, dormitory, registrar by AVN's student dimensions): which
 * students they cover, by their AVN record. All conditions hold.
 */
export interface CrossSourceStatisticsFilter {
  facultyKey?: number | null;
  programmeKey?: number | null;
  groupKey?: number | null;
  fundingType?: FundingType | null;
  gender?: Gender | null;
  /** Null: any status. */
  studentStatusIn?: readonly StudentStatus[] | null;
}

/**
 * Step (a) of a cross-source statistic, AVN's answer: each student the viewer may see and the
 * filter selects, with the index of its cell of the requested student dimensions, and those cells'
 * keys. Keys only: no personal data.
 */
export interface StudentCellMap {
  /** The cells' keys (student dimensions only), by cell index. */
  cells: StatisticsKey[];
  studentKeys: number[];
  /** Parallel to studentKeys. */
  cellIndexes: number[];
  /** Parallel to studentKeys, when asked for: the student numbers (zachetka) other sources type in. */
  studentNumbers?: string[];
  /**
   * True when the map holds every student (whole-university reach, no condition on students):
   * another source's records of no student then form the group whose student dimensions are null.
   */
  everyStudent: boolean;
}

/**
 * Step (b), the identity registry's answer: another source's record keys, each with its registry
 * person and the AVN student record it belongs to, parallel arrays.
 */
export interface StudentRecordLinks {
  localKeys: string[];
  people: string[];
  studentKeys: number[];
}

/**
 * (a) and (b) joined in the hub: another source's record keys, each with its student's cell and
 * its registry person (or another stable key of one person), parallel arrays.
 */
export interface RecordCellMap {
  cells: StatisticsKey[];
  localKeys: string[];
  cellIndexes: number[];
  people: string[];
  everyStudent: boolean;
}

/** Step (c)'s request: the other source aggregates its records per cell (and per its own dimensions). */
export interface CellStatisticsRequest {
  /** The other source's own dimensions (a dormitory's building…), grouped within each cell. */
  dimensions: readonly StatisticsDimension[];
  /** The student dimensions the cells were formed by (their keys come from `map.cells`). */
  studentDimensions: readonly StatisticsDimension[];
  map: RecordCellMap;
}

/** The cell of records that belong to no student in the map (only when the map holds every student). */
export const NO_STUDENT_CELL = -1;
