/** The filters of the student-based statistics, from GraphQL IDs to the hub's keys. */
import { intKeyOf } from '../../domain/global-id';
import type { StudentStatisticsFilter } from '../../domain/statistics';
import type { FundingType, Gender } from '../../domain/students';

/** The `where` fields the student-based statistics share (each statistic's input has those it supports). */
export interface StudentStatisticsWhereShape {
  facultyId?: string;
  programmeId?: string;
  groupId?: string;
  academicYear?: string;
  semester?: number;
  disciplineId?: string;
  teacherId?: string;
  fundingType?: FundingType;
  gender?: Gender;
  from?: string;
  to?: string;
}

const key = (id: string | undefined, type: string) => (id ? intKeyOf(id, type) : null);

export function studentStatisticsFilter(where: StudentStatisticsWhereShape): StudentStatisticsFilter {
  return {
    facultyKey: key(where.facultyId, 'Faculty'),
    programmeKey: key(where.programmeId, 'Programme'),
    groupKey: key(where.groupId, 'Group'),
    academicYear: where.academicYear ?? null,
    semester: where.semester ?? null,
    disciplineKey: key(where.disciplineId, 'Discipline'),
    teacherKey: key(where.teacherId, 'Employee'),
    fundingType: where.fundingType ?? null,
    gender: where.gender ?? null,
    from: where.from ?? null,
    to: where.to ?? null,
  };
}
