/**
 * What the cross-source statistics share (library, dormitory, registrar by AVN's student
 * dimensions): the students' `where`, and the wiring of the pushed-down dimension map
 * (src/hub/statistics/cross-source.ts) — AVN's student cells, the identity registry's record keys,
 * the other source's aggregates.
 */
import { Field, ID, InputType } from 'type-graphql';
import { intKeyOf } from '../../domain/global-id';
import { LIBRARY_READER_RECORD, type RecordSource } from '../../domain/identity';
import {
  StatisticsDimension,
  type CellStatisticsRequest,
  type CrossSourceStatisticsFilter,
  type StatisticsTable,
} from '../../domain/statistics';
import type { Reach } from '../../domain/reach';
import { FundingType, Gender, StudentStatus } from '../../domain/students';
import type { HubContext } from '../../graphql/context';
import { enumListArgument } from '../../graphql/list-arguments';
import { recordLinksOfStudents, studentPeople } from '../../hub/identity/identity.cell-map';
import { crossSourceStatistics } from '../../hub/statistics/cross-source';
import { studentCellMap } from '../../sources/avn/avn.statistics';

const { FACULTY, PROGRAMME, GROUP, INTAKE_YEAR, FUNDING_TYPE, GENDER, STUDENT_STATUS } = StatisticsDimension;
/** The AVN student dimensions a cross-source statistic may group by (of the student's own group). */
export const CROSS_SOURCE_DIMENSIONS = [FACULTY, PROGRAMME, GROUP, INTAKE_YEAR, FUNDING_TYPE, GENDER, STUDENT_STATUS] as const;
const STUDENT_DIMENSION_SET = new Set<StatisticsDimension>(CROSS_SOURCE_DIMENSIONS);

export const CROSS_SOURCE_DIMENSION_DESCRIPTIONS: Partial<Record<StatisticsDimension, string>> = {
  FACULTY: 'The faculty or institute of the student\'s group (AVN), through the identity registry; null for records of no student.',
  PROGRAMME: 'The programme of the student\'s group (AVN); null for records of no student.',
  GROUP: 'The student\'s study group (AVN); null for records of no student.',
  INTAKE_YEAR: 'The year the student\'s group was admitted (AVN); null for records of no student.',
  FUNDING_TYPE: 'The student\'s funding (AVN); null for records of no student.',
  GENDER: 'The student\'s gender as AVN records it; null for records of no student.',
  STUDENT_STATUS: 'The student\'s status today (AVN); null for records of no student.',
};

/** How records reach a student, said once in every cross-source statistic's description. */
export const THROUGH_REGISTRY =
  'Records are grouped by their AVN student through the identity registry (a person\'s latest student record); records of no student form the group whose student dimensions are null, shown only when every student is covered (whole-university reach, no student condition).';

@InputType({ description: 'Which students a cross-source statistic covers, by their AVN record (all conditions hold). Any condition leaves out records of no student.' })
export class CrossSourceStatisticsWhere {
  @Field(() => ID, { nullable: true, description: 'Only students of groups of this faculty or institute.' })
  facultyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only students of groups of this programme.' })
  programmeId?: string;

  @Field(() => ID, { nullable: true, description: 'Only students of this study group.' })
  groupId?: string;

  @Field(() => FundingType, { nullable: true, description: 'Only students with this funding.' })
  fundingType?: FundingType;

  @Field(() => Gender, { nullable: true, description: 'Only students of this gender.' })
  gender?: Gender;

  @Field(() => [StudentStatus], { nullable: true, description: 'Only students with one of these statuses today (each once; an empty list matches no student).' })
  studentStatusIn?: StudentStatus[];
}

export function crossSourceFilter(where: CrossSourceStatisticsWhere | undefined): CrossSourceStatisticsFilter {
  const w = where ?? {};
  return {
    facultyKey: w.facultyId ? intKeyOf(w.facultyId, 'Faculty') : null,
    programmeKey: w.programmeId ? intKeyOf(w.programmeId, 'Programme') : null,
    groupKey: w.groupId ? intKeyOf(w.groupId, 'Group') : null,
    fundingType: w.fundingType ?? null,
    gender: w.gender ?? null,
    studentStatusIn: enumListArgument(w.studentStatusIn, StudentStatus, 'where.studentStatusIn'),
  };
}

/** Whose records the registry maps: a record source's (cards, residents), or students by number (the registrar's applicants). */
export type RecordKeys = { source: RecordSource } | { studentNumbers: true };
export const LIBRARY_CARDS: RecordKeys = { source: LIBRARY_READER_RECORD };

/** A cross-source statistic: the three steps of the pushed-down dimension map, for the viewer's reach. */
export function studentGroupedStatistics<M extends string>(
  context: HubContext,
  request: { dimensions: readonly StatisticsDimension[]; filter: CrossSourceStatisticsFilter; reach: Reach; records: RecordKeys },
  aggregate: (request: CellStatisticsRequest) => Promise<StatisticsTable<M>>,
): Promise<StatisticsTable<M>> {
  const { filter, reach, records } = request;
  const numbers = 'studentNumbers' in records;
  return crossSourceStatistics(request.dimensions, {
    studentDimensions: STUDENT_DIMENSION_SET,
    studentCells: (dimensions) => studentCellMap(context, { dimensions, filter, reach, numbers }),
    recordLinks: () => ('source' in records ? recordLinksOfStudents(context, records.source) : studentPeople(context)),
    keyedByStudentNumber: numbers,
    aggregate,
  });
}
