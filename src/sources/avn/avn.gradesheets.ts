/**
 * AVN → electronic grade sheets: how vedomost / vedomost_str rows (with the grading scale, shkala)
 * become the hub's GradeSheet and GradeSheetRow, the lists of sheets (by the hub's filters, within
 * the viewer's reach) and the loaders that read them in batches.
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader, manyByKeyLoader } from '../../db/loaders';
import type { SortColumn } from '../../db/pages';
import type { Params } from '../../db/sql';
import { toGlobalId } from '../../domain/global-id';
import type { Reach } from '../../domain/reach';
import { termOfSemester } from '../../domain/academic-term';
import {
  AcademicTerm, GradeSheetKind, GradeSheetStatus, type GradeSheetFilter, type GradeSheetRecord, type GradeSheetRowRecord,
  type GradeSheetSort, type GradeSheetSortField,
} from '../../domain/curriculum';
import { teachingScope } from './avn.scopes';
import { teachingLists } from './avn.teaching-lists';

const avn = (context: SourceContext) => context.db.avn;

export interface VedomostRow {
  ved_id: number; grp_id: number; str_id: number; disc_id: number; emp_id: number; uch_god: string; semestr: number;
  tip: string; status: string; data_otkr: string; data_zakr: string | null;
}
export interface VedomostStrRow {
  ved_id: number; stud_id: number; m1: number | null; m2: number | null; itog: number | null; total: number | null; bukva: string | null;
  ball: number | null; ball_name: string | null;
}

/** A sheet with its plan item's discipline, so that `discipline` needs no extra hop. */
const VEDOMOST_FROM = 'vedomost v join uch_plan_str ps on ps.str_id = v.str_id';
const VEDOMOST_COLUMNS = 'v.ved_id, v.grp_id, v.str_id, ps.disc_id, v.emp_id, v.uch_god, v.semestr, v.tip, v.status, v.data_otkr, v.data_zakr';

const TIP: Record<string, GradeSheetKind> = { osnovnaya: GradeSheetKind.REGULAR, peresdacha: GradeSheetKind.RETAKE };
const STATUS: Record<string, GradeSheetStatus> = { otkryta: GradeSheetStatus.OPEN, sdana: GradeSheetStatus.SUBMITTED, pereotkryta: GradeSheetStatus.REOPENED };
const STATUS_CODE: Record<GradeSheetStatus, string> = {
  [GradeSheetStatus.OPEN]: 'otkryta',
  [GradeSheetStatus.SUBMITTED]: 'sdana',
  [GradeSheetStatus.REOPENED]: 'pereotkryta',
};

export function toGradeSheet(r: VedomostRow): GradeSheetRecord {
  return {
    __typename: 'GradeSheet', id: toGlobalId('GradeSheet', r.ved_id), key: r.ved_id,
    groupKey: r.grp_id, planItemKey: r.str_id, disciplineKey: r.disc_id, teacherKey: r.emp_id,
    academicYear: r.uch_god, semester: r.semestr, term: termOfSemester(r.semestr), kind: TIP[r.tip], status: STATUS[r.status], openedOn: r.data_otkr, closedOn: r.data_zakr,
  };
}

export function toGradeSheetRow(r: VedomostStrRow): GradeSheetRowRecord {
  return {
    gradeSheetKey: r.ved_id, studentKey: r.stud_id,
    module1: r.m1, module2: r.m2, final: r.itog, total: r.total, letter: r.bukva,
    gradePoints: r.ball, gradeName: r.ball_name,
  };
}

const TIP_CODE: Record<GradeSheetKind, string> = { [GradeSheetKind.REGULAR]: 'osnovnaya', [GradeSheetKind.RETAKE]: 'peresdacha' };

const SORT_COLUMNS: Record<GradeSheetSortField, SortColumn[]> = {
  OPENED_ON: [{ sql: 'v.data_otkr', key: 'data_otkr' }],
  ACADEMIC_TERM: [{ sql: 'v.uch_god', key: 'uch_god' }, { sql: 'v.semestr', key: 'semestr' }],
};

/** Ties are broken by sheet, so keyset cursors are exact. */
const sheetSort = ({ field, desc }: GradeSheetSort): SortColumn[] =>
  [...SORT_COLUMNS[field], { sql: 'v.ved_id', key: 'ved_id' }].map((c) => ({ ...c, desc }));

/** The filter's conditions, and the viewer's row limit: a faculty's groups, a chair's teachers, a teacher's own, a student's group. */
function sheetConditions(filter: GradeSheetFilter, reach: Reach, p: Params): (string | false | null | undefined)[] {
  return [
    filter.groupKey != null && `v.grp_id = ${p.add(filter.groupKey)}`,
    filter.teacherKey != null && `v.emp_id = ${p.add(filter.teacherKey)}`,
    filter.academicYear != null && `v.uch_god = ${p.add(filter.academicYear)}`,
    // Odd semesters of study are in autumn, even ones in spring.
    filter.term && `v.semestr % 2 = ${filter.term === AcademicTerm.AUTUMN ? 1 : 0}`,
    filter.semester != null && `v.semestr = ${p.add(filter.semester)}`,
    filter.status && `v.status = ${p.add(STATUS_CODE[filter.status])}`,
    filter.statusIn && `v.status = any(${p.add(filter.statusIn.map((s) => STATUS_CODE[s]))}::text[])`,
    filter.kind && `v.tip = ${p.add(TIP_CODE[filter.kind])}`,
    filter.disciplineKey != null && `ps.disc_id = ${p.add(filter.disciplineKey)}`,
    teachingScope(reach, p, { group: 'v.grp_id', teacher: 'v.emp_id' }),
  ];
}

const sheetLists = teachingLists<GradeSheetFilter, GradeSheetSort, GradeSheetRecord>({
  name: 'avn.gradeSheets', from: VEDOMOST_FROM, columns: VEDOMOST_COLUMNS, groupColumn: 'v.grp_id', teacherColumn: 'v.emp_id',
  conditions: sheetConditions, sort: sheetSort, map: (row) => toGradeSheet(row as unknown as VedomostRow),
});

/** A page of grade sheets; only those the viewer's reach covers. */
export const listGradeSheets = sheetLists.list;

/** The sheets of many groups or many teachers, one page each, in one statement (the root list's row limit). */
export const gradeSheetsUnder = sheetLists.under;

export const gradeSheetById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.gradeSheetById', avn, `select ${VEDOMOST_COLUMNS}, v.ved_id as _key from ${VEDOMOST_FROM} where v.ved_id = any($1::int[])`, toGradeSheet);

/** The rows of each sheet, by student name; the letter's grade points come from the scale (shkala). */
export const rowsByGradeSheet = (c: SourceContext) =>
  manyByKeyLoader(c, 'avn.rowsByGradeSheet', avn,
    `select vs.ved_id, vs.stud_id, vs.m1, vs.m2, vs.itog, vs.total, vs.bukva, sk.ball, sk.name_ky as ball_name, vs.ved_id as _key
       from vedomost_str vs join students s on s.stud_id = vs.stud_id
       left join lateral (select sh.ball, sh.name_ky from shkala sh where sh.bukva = vs.bukva order by sh.min_ball desc limit 1) sk on true
      where vs.ved_id = any($1::int[])
      order by vs.ved_id, s.fam, s.imya, s.stud_id`,
    toGradeSheetRow);

// ---- grade entry (src/modules/grading): what the write rules read about a sheet ----------------

/** Each sheet's faculty (group → programme → faculty), which decides its grade-entry windows. */
export const facultyKeyOfGradeSheet = (c: SourceContext) =>
  byKeyLoader(c, 'avn.facultyKeyOfGradeSheet', avn,
    `select sp.fak_id, v.ved_id as _key
       from vedomost v join gruppa g on g.grp_id = v.grp_id join specialnost sp on sp.spec_id = g.spec_id
      where v.ved_id = any($1::int[])`,
    (r: { fak_id: number }) => r.fak_id);
