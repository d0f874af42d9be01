/**
 * AVN → electronic grade sheets: how vedomost / vedomost_str rows (with the grading scale, shkala)
 * become the hub's GradeSheet and GradeSheetRow, and the loaders that read them in batches.
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader, manyByKeyLoader } from '../../db/loaders';
import { toGlobalId } from '../../domain/global-id';
import { termOfSemester } from '../../modules/curriculum/academic-term.enum';
import { GradeSheetKind, GradeSheetStatus } from '../../domain/curriculum';
import { type GradeSheet, type GradeSheetRow } from '../../modules/curriculum/grade-sheet.types';

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
export const VEDOMOST_FROM = 'vedomost v join uch_plan_str ps on ps.str_id = v.str_id';
export const VEDOMOST_COLUMNS = 'v.ved_id, v.grp_id, v.str_id, ps.disc_id, v.emp_id, v.uch_god, v.semestr, v.tip, v.status, v.data_otkr, v.data_zakr';

const TIP: Record<string, GradeSheetKind> = { osnovnaya: GradeSheetKind.REGULAR, peresdacha: GradeSheetKind.RETAKE };
const STATUS: Record<string, GradeSheetStatus> = { otkryta: GradeSheetStatus.OPEN, sdana: GradeSheetStatus.SUBMITTED, pereotkryta: GradeSheetStatus.REOPENED };
export const STATUS_CODE: Record<GradeSheetStatus, string> = {
  [GradeSheetStatus.OPEN]: 'otkryta',
  [GradeSheetStatus.SUBMITTED]: 'sdana',
  [GradeSheetStatus.REOPENED]: 'pereotkryta',
};

export function toGradeSheet(r: VedomostRow): GradeSheet {
  return {
    __typename: 'GradeSheet', id: toGlobalId('GradeSheet', r.ved_id), key: r.ved_id,
    groupKey: r.grp_id, planItemKey: r.str_id, disciplineKey: r.disc_id, teacherKey: r.emp_id,
    academicYear: r.uch_god, semester: r.semestr, term: termOfSemester(r.semestr), kind: TIP[r.tip], status: STATUS[r.status], openedOn: r.data_otkr, closedOn: r.data_zakr,
  };
}

export function toGradeSheetRow(r: VedomostStrRow): GradeSheetRow {
  return {
    gradeSheetKey: r.ved_id, studentKey: r.stud_id,
    module1: r.m1, module2: r.m2, final: r.itog, total: r.total, letter: r.bukva,
    gradePoints: r.ball, gradeName: r.ball_name,
  };
}

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

/** A sheet's faculty and its plan item's component maxima (`?` placeholders: run with MikroORM's `em.execute`). */
export const SHEET_RULES_SQL = `select ps.max_m1, ps.max_m2, ps.max_itog, sp.fak_id
   from vedomost v join uch_plan_str ps on ps.str_id = v.str_id
   join gruppa g on g.grp_id = v.grp_id join specialnost sp on sp.spec_id = g.spec_id
  where v.ved_id = ?`;
export interface SheetRulesRow { max_m1: number; max_m2: number; max_itog: number; fak_id: number }

/** The grading scale (data, not code), highest band first. */
export const GRADING_SCALE_SQL = 'select min_ball, bukva from shkala order by min_ball desc';
export interface GradingScaleRow { min_ball: number; bukva: string }
