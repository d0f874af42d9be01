/**
 * AVN → grades: electronic grade-sheet rows (vedomost + vedomost_str, with the curriculum item's
 * credits and control form) as the hub's GradeRecord, and the university's grading scale (shkala)
 * as data. GPA is computed above this layer (modules/students/academic-record.ts).
 */
import type { SourceContext } from '../../db/read-context';
import { manyByKeyLoader } from '../../db/loaders';
import { GradeSheetKind, GradeSheetStatus } from '../../domain/curriculum';
import type { SheetResult, TermItemRecord } from '../../domain/students';
import { CONTROL_FORM } from './avn.curriculum';

const avn = (context: SourceContext) => context.db.avn;

const SHEET_KIND: Record<string, GradeSheetKind> = { osnovnaya: GradeSheetKind.REGULAR, peresdacha: GradeSheetKind.RETAKE };
const SHEET_STATUS: Record<string, GradeSheetStatus> = {
  otkryta: GradeSheetStatus.OPEN,
  sdana: GradeSheetStatus.SUBMITTED,
  pereotkryta: GradeSheetStatus.REOPENED,
};

/**
 * A curriculum item as a student meets it in one term: a record's `str_id`, `uch_god` and `semestr`
 * with the item's uch_plan_str and disciplina columns (grade-sheet rows, registrations).
 */
export interface TermItemRow {
  str_id: number;
  disc_id: number;
  uch_god: string;
  semestr: number;
  kredity: number;
  forma_kontrolya: string;
  kod: string;
  name_ky: string;
  name_ru: string;
}

/** The fields a grade row and a registration share, from a `TermItemRow`. */
export function toTermItem(r: TermItemRow): TermItemRecord {
  return {
    planItemKey: r.str_id,
    disciplineKey: r.disc_id,
    academicYear: r.uch_god,
    semester: r.semestr,
    disciplineCode: r.kod,
    disciplineName: r.name_ky,
    disciplineNameRu: r.name_ru,
    credits: r.kredity,
    controlForm: CONTROL_FORM[r.forma_kontrolya],
  };
}

interface GradeRow extends TermItemRow {
  _key: number;
  vs_id: number;
  ved_id: number;
  tip: string;
  status: string;
  data_otkr: string;
  m1: number | null;
  m2: number | null;
  itog: number | null;
  total: number | null;
  bukva: string | null;
  band_letter: string | null;
  band_points: number | null;
}

/** Field by field (no spread of `toTermItem`): a group page maps some 800 of these per request. */
function toSheetResult(r: GradeRow): SheetResult {
  const letter = r.bukva?.trim();
  return {
    key: r.vs_id,
    sheetKey: r.ved_id,
    planItemKey: r.str_id,
    disciplineKey: r.disc_id,
    academicYear: r.uch_god,
    semester: r.semestr,
    disciplineCode: r.kod,
    disciplineName: r.name_ky,
    disciplineNameRu: r.name_ru,
    credits: r.kredity,
    controlForm: CONTROL_FORM[r.forma_kontrolya],
    module1: r.m1,
    module2: r.m2,
    final: r.itog,
    total: r.total,
    letter: letter ? letter : null,
    gradePoints: null,
    sheetKind: SHEET_KIND[r.tip],
    sheetStatus: SHEET_STATUS[r.status],
    countsTowardGpa: false,
    openedOn: r.data_otkr,
    band: r.band_points === null ? null : { letter: r.band_letter!.trim(), points: r.band_points },
  };
}

/**
 * All grade-sheet rows of a batch of students with the scale band of each total: one statement
 * (`vs.stud_id = any($1)`). The band is the one with the highest lower bound not above the total,
 * so a total between two bands' printed limits (85.5 with bands ..85 and 86..) falls into the
 * lower band; the scale stays data in AVN's shkala table.
 *
 * Each row's sheet, curriculum item and discipline are looked up by primary key in a lateral
 * subquery that `offset 0` keeps from being flattened: with plain joins PostgreSQL hashes the
 * whole vedomost table (26,000 sheets at demo scale 1) for every batch of a few hundred rows,
 * which cost about 10 ms of database time per group page here against about 1 ms this way
 * (a group's rows share a few dozen sheets, which the planner memoizes).
 */
export const gradeResultsByStudent = (c: SourceContext) =>
  manyByKeyLoader(
    c,
    'avn.gradeResultsByStudent',
    avn,
    `select vs.stud_id as _key, vs.vs_id, v.ved_id, v.str_id, v.disc_id, v.uch_god, v.semestr, v.tip, v.status, v.data_otkr,
            v.kredity, v.forma_kontrolya, v.kod, v.name_ky, v.name_ru, vs.m1, vs.m2, vs.itog, vs.total, vs.bukva,
            b.bukva as band_letter, b.ball as band_points
       from vedomost_str vs
       cross join lateral (
         select v.ved_id, v.str_id, v.uch_god, v.semestr, v.tip, v.status, v.data_otkr,
                ups.disc_id, ups.kredity, ups.forma_kontrolya, d.kod, d.name_ky, d.name_ru
           from vedomost v
           join uch_plan_str ups on ups.str_id = v.str_id
           join disciplina d on d.disc_id = ups.disc_id
          where v.ved_id = vs.ved_id
         offset 0
       ) v
       left join lateral (
         select k.bukva, k.ball from shkala k
          where vs.total is not null and k.min_ball <= vs.total order by k.min_ball desc limit 1
       ) b on true
      where vs.stud_id = any($1::int[])
      order by vs.stud_id, v.uch_god, v.semestr, v.name_ky, v.data_otkr, v.ved_id`,
    toSheetResult,
  );
