/**
 * Grade entry on electronic grade sheets (regulation 5.7): the rules, in one place that tests call
 * directly. Each mutation runs in one AVN transaction through MikroORM (`em.transactional`) with
 * the sheet row locked and validates everything before it writes; once committed, it is audited
 * (old → new of every score and status) and announced on the event bus.
 *
 * Rules:
 * - only the sheet's own teacher (or an administrator) may change it; anyone else's sheet answers
 *   NOT_FOUND, exactly like a sheet that does not exist;
 * - a submitted sheet is locked (SHEET_LOCKED) until an administrator reopens it;
 * - each score is 0 … the plan item's maximum for that component (uch_plan_str.max_m1 / max_m2 /
 *   max_itog), at most two decimals, for a student who has a row on the sheet (VALIDATION_FAILED);
 * - a teacher may change a component only while a grade-entry window of that control is open for
 *   the sheet's faculty, academic year and term (GRADE_WINDOW_CLOSED). Only components whose value
 *   really changes are checked, so resending a whole row is harmless. Administrators are not bound
 *   by windows: they correct reopened sheets, and they manage the windows anyway;
 * - a teacher may submit (lock) a sheet only while some grade-entry window of its faculty, academic
 *   year and term is open, whatever its control (GRADE_WINDOW_CLOSED otherwise, with when the next
 *   one opens or the last one closed): locking is the end of an entry period, never something done
 *   to a sheet while its term is closed to teachers. Administrators are not bound here either;
 * - total = module 1 + module 2 + final once all three are entered (null before), and the letter is
 *   the grading scale's (shkala) band with the highest lower bound not above the total.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { businessNow } from '../../db/read-context';
import { type HubContext } from '../../graphql/context';
import { ormWriter, type OrmWriter } from '../../db/orm';
import { intKeyOf, toGlobalId } from '../../domain/global-id';
import { ErrorCode, HubError, validationFailed } from '../../common/errors';
import { fromUnits, hasAtMostPlaces, toUnits } from '../../common/decimal';
import { VedomostEntity, VedomostStrEntity } from '../../sources/avn/avn.entities';
import {
  GRADING_SCALE_SQL, SHEET_RULES_SQL, gradeSheetById, rowsByGradeSheet, type GradingScaleRow, type SheetRulesRow,
} from '../../sources/avn/avn.gradesheets';
import { CONTROL } from '../../hub/calendar/calendar.mapper';
import { windowsOfControls } from '../../hub/calendar/calendar.store';
import type { ControlCode } from '../../hub/calendar/calendar.entities';
import type { GradeWindowRow } from '../../hub/calendar/calendar.mapper';
import type { GradeSheet } from '../curriculum/grade-sheet.types';
import { requireAdmin, requireGrader } from './grading.access';
import { auditGrading, type AuditChange } from './grading.audit';
import { publishGradesChanged } from './grading.events';
import type { GradeScoreInput, SetGradeScoresInput } from './grade-entry.inputs';

/** The graded components: input name, AVN column (entity property), window control, maximum column. */
const COMPONENTS = [
  { name: 'module1', column: 'm1', control: 'module_1', max: 'max_m1' },
  { name: 'module2', column: 'm2', control: 'module_2', max: 'max_m2' },
  { name: 'final', column: 'itog', control: 'final', max: 'max_itog' },
] as const satisfies readonly { name: keyof GradeScoreInput; column: keyof VedomostStrEntity; control: ControlCode; max: string }[];

type Component = (typeof COMPONENTS)[number];

const MAX_ENTRIES = 500;

export interface GradeEntryOptions {
  /** The instant windows are checked against: the business instant unless given (tests pass their own). */
  now?: Date;
}

interface SheetContext {
  facultyKey: number;
  max: Record<Component['max'], number>;
}

// ---- setGradeScores ----------------------------------------------------------------------------

export async function setGradeScores(context: HubContext, input: SetGradeScoresInput, options: GradeEntryOptions = {}): Promise<GradeSheet> {
  const now = options.now ?? businessNow(context);
  const grader = requireGrader(context.viewer);
  const sheetKey = intKeyOf(input.gradeSheetId, 'GradeSheet');
  const entries = readEntries(input.scores);

  const sheetId = toGlobalId('GradeSheet', sheetKey);
  const { changedStudents, changes } = await avnEm(context).transactional(async (tx) => {
    const sheet = await lockSheet(tx, sheetKey, grader);
    if (sheet.status === 'sdana') throw sheetLocked(sheetKey);
    const info = await sheetContext(tx, sheet);
    const rows = await tx.find(VedomostStrEntity, { vedomost: sheetKey, studId: { $in: entries.map((e) => e.studentKey) } });
    const rowByStudent = new Map(rows.map((r) => [r.studId, r]));

    const problems: { field: string; message: string }[] = [];
    entries.forEach((entry, i) => {
      if (!rowByStudent.has(entry.studentKey)) problems.push({ field: `scores[${i}].studentId`, message: 'This student has no row on the grade sheet.' });
      for (const c of COMPONENTS) {
        const value = entry.values[c.name];
        if (value != null && value > info.max[c.max]) {
          problems.push({ field: `scores[${i}].${c.name}`, message: `At most ${info.max[c.max]} points for ${c.name} on this sheet.` });
        }
      }
    });
    if (problems.length) {
      throw new HubError(ErrorCode.VALIDATION_FAILED, `${problems[0].message} (${problems.length} problem(s); nothing was written.)`, {
        field: problems[0].field, problems,
      });
    }

    // What really changes, and which windows that needs.
    const planned: { row: VedomostStrEntity; values: Partial<Record<Component['column'], number | null>> }[] = [];
    const controls = new Set<ControlCode>();
    for (const entry of entries) {
      const row = rowByStudent.get(entry.studentKey)!;
      const values: Partial<Record<Component['column'], number | null>> = {};
      for (const c of COMPONENTS) {
        const value = entry.values[c.name];
        if (value === undefined || value === row[c.column]) continue;
        values[c.column] = value;
        controls.add(c.control);
      }
      if (Object.keys(values).length) planned.push({ row, values });
    }
    if (!grader.admin && controls.size) await requireOpenWindows(context, sheet, info.facultyKey, [...controls], now);

    const scale = await gradingScale(tx);
    const changes: AuditChange[] = [];
    for (const { row, values } of planned) {
      const before = { m1: row.m1, m2: row.m2, itog: row.itog, total: row.total, bukva: row.bukva };
      Object.assign(row, values);
      const complete = row.m1 !== null && row.m2 !== null && row.itog !== null;
      row.total = complete ? scoreTotal(row.m1!, row.m2!, row.itog!) : null;
      row.bukva = row.total === null ? null : letterOf(scale, row.total);
      const after = { m1: row.m1, m2: row.m2, itog: row.itog, total: row.total, bukva: row.bukva };
      for (const [column, name] of [['m1', 'module1'], ['m2', 'module2'], ['itog', 'final'], ['total', 'total'], ['bukva', 'letter']] as const) {
        if (before[column] !== after[column]) {
          changes.push({ objectId: sheetId, field: `rows[${toGlobalId('Student', row.studId)}].${name}`, old: before[column], new: after[column] });
        }
      }
    }
    await tx.flush();
    return { changedStudents: planned.map((p) => p.row.studId), changes };
  });

  auditGrading(context, {
    operation: 'setGradeScores',
    objects: [{ type: 'GradeSheet', id: sheetId }, ...changedStudents.map((key) => ({ type: 'Student', id: toGlobalId('Student', key) }))],
    changes,
  });
  if (changedStudents.length) publishGradesChanged(sheetKey, 'SCORES', changedStudents);
  return reloadSheet(context, sheetKey);
}

interface Entry {
  studentKey: number;
  values: Partial<Record<Component['name'], number | null>>;
}

/** Shape checks that need no database: ids, duplicates, numbers. */
function readEntries(scores: GradeScoreInput[]): Entry[] {
  if (!Array.isArray(scores) || scores.length === 0) throw validationFailed('Give at least one student\'s scores.', 'scores');
  if (scores.length > MAX_ENTRIES) throw validationFailed(`At most ${MAX_ENTRIES} students per call.`, 'scores');
  const seen = new Set<number>();
  return scores.map((score, i) => {
    const studentKey = intKeyOf(score.studentId, 'Student');
    if (seen.has(studentKey)) throw validationFailed('Each student may appear only once per call.', `scores[${i}].studentId`);
    seen.add(studentKey);
    const values: Entry['values'] = {};
    for (const c of COMPONENTS) {
      const value = score[c.name];
      if (value === undefined) continue;
      if (value !== null && (!hasAtMostPlaces(value, SCORE_PLACES) || value < 0)) {
        throw validationFailed('A score is a number from 0 up to the component\'s maximum, with at most two decimals.', `scores[${i}].${c.name}`);
      }
      values[c.name] = value;
    }
    return { studentKey, values };
  });
}

// ---- submit and reopen -------------------------------------------------------------------------

/** Submits (locks) a sheet: status `sdana`, closing date the business date. Its teacher or an administrator. */
export async function submitGradeSheet(context: HubContext, id: string, options: GradeEntryOptions = {}): Promise<GradeSheet> {
  const now = options.now ?? businessNow(context);
  const grader = requireGrader(context.viewer);
  const sheetKey = intKeyOf(id, 'GradeSheet');
  const changes = await avnEm(context).transactional(async (tx) => {
    const sheet = await lockSheet(tx, sheetKey, grader);
    if (sheet.status === 'sdana') throw sheetLocked(sheetKey);
    if (!grader.admin) await requireAnyOpenWindow(context, sheet, (await sheetContext(tx, sheet)).facultyKey, now);
    const before = { status: sheet.status, closedOn: sheet.dataZakr };
    sheet.status = 'sdana';
    sheet.dataZakr = context.runtime.businessClock.momentOf(now).date;
    await tx.flush();
    return statusChanges(id, before, sheet);
  });
  auditGrading(context, { operation: 'submitGradeSheet', objects: [{ type: 'GradeSheet', id }], changes });
  publishGradesChanged(sheetKey, 'SUBMITTED');
  return reloadSheet(context, sheetKey);
}

/** Reopens a submitted sheet (status `pereotkryta`): administrators only, with a reason that is audited. */
export async function reopenGradeSheet(context: HubContext, id: string, reason: string): Promise<GradeSheet> {
  requireAdmin(context.viewer, 'reopen a submitted grade sheet');
  const sheetKey = intKeyOf(id, 'GradeSheet');
  const why = (reason ?? '').trim();
  if (why.length < 3 || why.length > 1000) throw validationFailed('Give the reason for reopening (3 to 1000 characters).', 'reason');
  const changes = await avnEm(context).transactional(async (tx) => {
    const sheet = await lockSheet(tx, sheetKey, { admin: true, employeeKey: null });
    if (sheet.status !== 'sdana') throw validationFailed('Only a submitted grade sheet can be reopened; this one is open for entry.', 'id');
    const before = { status: sheet.status, closedOn: sheet.dataZakr };
    sheet.status = 'pereotkryta';
    sheet.dataZakr = null;
    await tx.flush();
    return statusChanges(id, before, sheet);
  });
  // The reason travels as a change of its own, so the audit log keeps why the sheet was reopened.
  auditGrading(context, { operation: 'reopenGradeSheet', objects: [{ type: 'GradeSheet', id }], changes: [...changes, { objectId: id, field: 'reopenReason', old: null, new: why }] });
  publishGradesChanged(sheetKey, 'REOPENED');
  return reloadSheet(context, sheetKey);
}

function statusChanges(id: string, before: { status: string; closedOn: string | null }, sheet: VedomostEntity): AuditChange[] {
  const changes: AuditChange[] = [{ objectId: id, field: 'status', old: before.status, new: sheet.status }];
  if (before.closedOn !== sheet.dataZakr) changes.push({ objectId: id, field: 'closedOn', old: before.closedOn, new: sheet.dataZakr });
  return changes;
}

// ---- shared steps ------------------------------------------------------------------------------

function avnEm(context: HubContext): OrmWriter {
  return ormWriter('avn', context.runtime.databases.handles.avn.orm);
}

/** The sheet, locked for this transaction; another teacher's sheet is "not found", like a missing one. */
async function lockSheet(tx: EntityManager, sheetKey: number, grader: { admin: boolean; employeeKey: number | null }): Promise<VedomostEntity> {
  const sheet = await tx.findOne(VedomostEntity, sheetKey, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!sheet || (!grader.admin && sheet.empId !== grader.employeeKey)) {
    throw new HubError(ErrorCode.NOT_FOUND, 'No such grade sheet among the sheets you keep.', { gradeSheetId: toGlobalId('GradeSheet', sheetKey) });
  }
  return sheet;
}

function sheetLocked(sheetKey: number): HubError {
  return new HubError(ErrorCode.SHEET_LOCKED, 'The grade sheet is submitted and locked; only an administrator can reopen it.', {
    gradeSheetId: toGlobalId('GradeSheet', sheetKey),
  });
}

/** The sheet's faculty (group → programme → faculty) and its plan item's maxima. */
async function sheetContext(tx: EntityManager, sheet: VedomostEntity): Promise<SheetContext> {
  const [row] = await tx.execute<SheetRulesRow[]>(SHEET_RULES_SQL, [sheet.vedId]);
  return { facultyKey: Number(row.fak_id), max: { max_m1: Number(row.max_m1), max_m2: Number(row.max_m2), max_itog: Number(row.max_itog) } };
}

const ALL_CONTROLS: ControlCode[] = COMPONENTS.map((c) => c.control);

/** The windows of some controls that govern a sheet (its faculty's and all faculties', its year and term). */
function sheetWindows(context: HubContext, sheet: VedomostEntity, facultyKey: number, controls: ControlCode[]) {
  const term = sheet.semestr % 2 === 1 ? 'autumn' : 'spring';
  return windowsOfControls(context.db.hub, { facultyKey, academicYear: sheet.uchGod, term }, controls);
}

/**
 * GRADE_WINDOW_CLOSED unless one of `windows` is open at `now`: with the next one to open and the
 * last one closed (`control` is the next one's, else the last one's; null when none is scheduled).
 */
function requireOpen(sheet: VedomostEntity, windows: GradeWindowRow[], now: Date, refusal: string): void {
  if (windows.some((w) => w.opens_at <= now && now < w.closes_at)) return;
  const next = windows.filter((w) => w.opens_at > now).sort((a, b) => +a.opens_at - +b.opens_at)[0];
  const last = windows.filter((w) => w.closes_at <= now).sort((a, b) => +b.closes_at - +a.closes_at)[0];
  const when = next ? `it opens at ${next.opens_at.toISOString()}` : last ? `it closed at ${last.closes_at.toISOString()}` : 'no window is scheduled';
  const shown = next ?? last;
  throw new HubError(ErrorCode.GRADE_WINDOW_CLOSED, `${refusal}: ${when}.`, {
    control: shown ? CONTROL[shown.control] : null,
    gradeSheetId: toGlobalId('GradeSheet', sheet.vedId),
    opensAt: next ? next.opens_at.toISOString() : null,
    closedAt: last ? last.closes_at.toISOString() : null,
  });
}

/** Refuses with GRADE_WINDOW_CLOSED unless a window of every changed control is open at `now`. */
async function requireOpenWindows(context: HubContext, sheet: VedomostEntity, facultyKey: number, controls: ControlCode[], now: Date): Promise<void> {
  const windows = await sheetWindows(context, sheet, facultyKey, controls);
  for (const control of controls) {
    requireOpen(sheet, windows.filter((w) => w.control === control), now, `The grade-entry window for ${CONTROL[control]} of this sheet is not open`);
  }
}

/** Refuses with GRADE_WINDOW_CLOSED unless some window of the sheet's term (any control) is open at `now`. */
async function requireAnyOpenWindow(context: HubContext, sheet: VedomostEntity, facultyKey: number, now: Date): Promise<void> {
  requireOpen(sheet, await sheetWindows(context, sheet, facultyKey, ALL_CONTROLS), now, 'No grade-entry window of this sheet\'s term is open, so a teacher cannot submit it');
}

/** The grading scale, highest band first. */
async function gradingScale(tx: EntityManager): Promise<{ min: number; letter: string }[]> {
  const rows = await tx.execute<GradingScaleRow[]>(GRADING_SCALE_SQL);
  return rows.map((r) => ({ min: Number(r.min_ball), letter: r.bukva }));
}

/** The band with the highest lower bound not above the total (bands may leave gaps between integers). */
export function letterOf(scale: { min: number; letter: string }[], total: number): string | null {
  return scale.find((band) => total >= band.min)?.letter ?? null;
}

/** Scores carry two decimals (AVN's numeric(5,2)). */
const SCORE_PLACES = 2;

/** The total of a row's three scores, summed exactly (in hundredths). */
const scoreTotal = (...scores: number[]) => fromUnits(scores.reduce((sum, score) => sum + toUnits(score, SCORE_PLACES), 0), SCORE_PLACES);

async function reloadSheet(context: HubContext, sheetKey: number): Promise<GradeSheet> {
  gradeSheetById(context).clear(sheetKey);
  rowsByGradeSheet(context).clear(sheetKey);
  return (await gradeSheetById(context).load(sheetKey))!;
}
