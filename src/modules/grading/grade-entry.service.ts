/**
 * Grade entry on electronic grade sheets (regulation 5.7): the rules, in one place that tests call
 * directly. Each mutation runs in one AVN transaction (sources/avn/avn.gradesheet-writes.ts) with
 * the sheet locked and validates everything before it writes; once committed, it is audited
 * (old → new of every score and status) and announced on the event bus.
 *
 * Rules:
 * - only the sheet's own teacher (or an administrator) may change it; anyone else's sheet answers
 *   NOT_FOUND, exactly like a sheet that does not exist;
 * - a submitted sheet is locked (SHEET_LOCKED) until an administrator reopens it;
 * - each score is 0 … the plan item's maximum for that component (module 1, module 2, final), at
 *   most two decimals, for a student who has a row on the sheet (VALIDATION_FAILED);
 * - a teacher may change a component only while a grade-entry window of that control is open for
 *   the sheet's faculty, academic year and term (GRADE_WINDOW_CLOSED). Only components whose value
 *   really changes are checked, so resending a whole row is harmless. Administrators are not bound
 *   by windows: they correct reopened sheets, and they manage the windows anyway;
 * - a teacher may submit (lock) a sheet only while some grade-entry window of its faculty, academic
 *   year and term is open, whatever its control (GRADE_WINDOW_CLOSED otherwise, with when the next
 *   one opens or the last one closed): locking is the end of an entry period, never something done
 *   to a sheet while its term is closed to teachers. Administrators are not bound here either;
 * - total = module 1 + module 2 + final once all three are entered (null before), and the letter is
 *   the grading scale's band with the highest lower bound not above the total.
 */
import { businessNow } from '../../db/read-context';
import { type HubContext } from '../../graphql/context';
import { intKeyOf, toGlobalId } from '../../domain/global-id';
import { ErrorCode, HubError, validationFailed } from '../../common/errors';
import { fromUnits, hasAtMostPlaces, toUnits } from '../../common/decimal';
import { gradeSheetById, rowsByGradeSheet } from '../../sources/avn/avn.gradesheets';
import {
  inGradeEntryTransaction, type GradeEntryTransaction, type ScoreComponent, type ScoreRow, type SheetForEntry, type SheetStatusChange,
} from '../../sources/avn/avn.gradesheet-writes';
import { windowsOfControls } from '../../hub/calendar/calendar.store';
import { GradeControl, type GradeWindowRecord } from '../../domain/grading';
import type { GradeSheet } from '../curriculum/grade-sheet.types';
import { requireAdmin, requireGrader } from './grading.access';
import { auditGrading, type AuditChange } from './grading.audit';
import { publishGradesChanged } from './grading.events';
import type { GradeScoreInput, SetGradeScoresInput } from './grade-entry.inputs';

/** The graded components: their name (input and row) and the window control that governs them. */
const COMPONENTS = [
  { name: 'module1', control: GradeControl.MODULE_1 },
  { name: 'module2', control: GradeControl.MODULE_2 },
  { name: 'final', control: GradeControl.FINAL },
] as const satisfies readonly { name: keyof GradeScoreInput & ScoreComponent; control: GradeControl }[];

type Component = (typeof COMPONENTS)[number];

const MAX_ENTRIES = 500;

export interface GradeEntryOptions {
  /** The instant windows are checked against: the business instant unless given (tests pass their own). */
  now?: Date;
}

// ---- setGradeScores ----------------------------------------------------------------------------

export async function setGradeScores(context: HubContext, input: SetGradeScoresInput, options: GradeEntryOptions = {}): Promise<GradeSheet> {
  const now = options.now ?? businessNow(context);
  const grader = requireGrader(context.viewer);
  const sheetKey = intKeyOf(input.gradeSheetId, 'GradeSheet');
  const entries = readEntries(input.scores);

  const sheetId = toGlobalId('GradeSheet', sheetKey);
  const { changedStudents, changes } = await inGradeEntryTransaction(context.runtime.databases, async (tx) => {
    const sheet = await lockSheet(tx, sheetKey, grader);
    if (sheet.submitted) throw sheetLocked(sheetKey);
    const info = await tx.sheetRules(sheetKey);
    const rows = await tx.rows(sheetKey, entries.map((e) => e.studentKey));
    const rowByStudent = new Map(rows.map((r) => [r.studentKey, r]));

    const problems: { field: string; message: string }[] = [];
    entries.forEach((entry, i) => {
      if (!rowByStudent.has(entry.studentKey)) problems.push({ field: `scores[${i}].studentId`, message: 'This student has no row on the grade sheet.' });
      for (const c of COMPONENTS) {
        const value = entry.values[c.name];
        if (value != null && value > info.max[c.name]) {
          problems.push({ field: `scores[${i}].${c.name}`, message: `At most ${info.max[c.name]} points for ${c.name} on this sheet.` });
        }
      }
    });
    if (problems.length) {
      throw new HubError(ErrorCode.VALIDATION_FAILED, `${problems[0].message} (${problems.length} problem(s); nothing was written.)`, {
        field: problems[0].field, problems,
      });
    }

    // What really changes, and which windows that needs.
    const planned: { row: ScoreRow; values: Partial<Record<Component['name'], number | null>> }[] = [];
    const controls = new Set<GradeControl>();
    for (const entry of entries) {
      const row = rowByStudent.get(entry.studentKey)!;
      const values: Partial<Record<Component['name'], number | null>> = {};
      for (const c of COMPONENTS) {
        const value = entry.values[c.name];
        if (value === undefined || value === row[c.name]) continue;
        values[c.name] = value;
        controls.add(c.control);
      }
      if (Object.keys(values).length) planned.push({ row, values });
    }
    if (!grader.admin && controls.size) await requireOpenWindows(context, sheet, info.facultyKey, [...controls], now);

    const scale = await tx.gradingScale();
    const changes: AuditChange[] = [];
    for (const { row, values } of planned) {
      const before = { ...row };
      Object.assign(row, values);
      const complete = row.module1 !== null && row.module2 !== null && row.final !== null;
      row.total = complete ? scoreTotal(row.module1!, row.module2!, row.final!) : null;
      row.letter = row.total === null ? null : letterOf(scale, row.total);
      for (const name of ['module1', 'module2', 'final', 'total', 'letter'] as const) {
        if (before[name] !== row[name]) {
          changes.push({ objectId: sheetId, field: `rows[${toGlobalId('Student', row.studentKey)}].${name}`, old: before[name], new: row[name] });
        }
      }
    }
    await tx.saveRows(sheetKey, planned.map((p) => p.row));
    return { changedStudents: planned.map((p) => p.row.studentKey), changes };
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

/** Submits (locks) a sheet, closing date the business date. Its teacher or an administrator. */
export async function submitGradeSheet(context: HubContext, id: string, options: GradeEntryOptions = {}): Promise<GradeSheet> {
  const now = options.now ?? businessNow(context);
  const grader = requireGrader(context.viewer);
  const sheetKey = intKeyOf(id, 'GradeSheet');
  const changes = await inGradeEntryTransaction(context.runtime.databases, async (tx) => {
    const sheet = await lockSheet(tx, sheetKey, grader);
    if (sheet.submitted) throw sheetLocked(sheetKey);
    if (!grader.admin) await requireAnyOpenWindow(context, sheet, (await tx.sheetRules(sheetKey)).facultyKey, now);
    return statusChanges(id, await tx.submit(sheetKey, context.runtime.businessClock.momentOf(now).date));
  });
  auditGrading(context, { operation: 'submitGradeSheet', objects: [{ type: 'GradeSheet', id }], changes });
  publishGradesChanged(sheetKey, 'SUBMITTED');
  return reloadSheet(context, sheetKey);
}

/** Reopens a submitted sheet: administrators only, with a reason that is audited. */
export async function reopenGradeSheet(context: HubContext, id: string, reason: string): Promise<GradeSheet> {
  requireAdmin(context.viewer, 'reopen a submitted grade sheet');
  const sheetKey = intKeyOf(id, 'GradeSheet');
  const why = (reason ?? '').trim();
  if (why.length < 3 || why.length > 1000) throw validationFailed('Give the reason for reopening (3 to 1000 characters).', 'reason');
  const changes = await inGradeEntryTransaction(context.runtime.databases, async (tx) => {
    const sheet = await lockSheet(tx, sheetKey, { admin: true, employeeKey: null });
    if (!sheet.submitted) throw validationFailed('Only a submitted grade sheet can be reopened; this one is open for entry.', 'id');
    return statusChanges(id, await tx.reopen(sheetKey));
  });
  // The reason travels as a change of its own, so the audit log keeps why the sheet was reopened.
  auditGrading(context, { operation: 'reopenGradeSheet', objects: [{ type: 'GradeSheet', id }], changes: [...changes, { objectId: id, field: 'reopenReason', old: null, new: why }] });
  publishGradesChanged(sheetKey, 'REOPENED');
  return reloadSheet(context, sheetKey);
}

/** The audit log keeps a sheet's status as AVN records it. */
function statusChanges(id: string, changes: SheetStatusChange[]): AuditChange[] {
  return changes.map((c) => ({ objectId: id, ...c }));
}

// ---- shared steps ------------------------------------------------------------------------------

/** The sheet, locked for this transaction; another teacher's sheet is "not found", like a missing one. */
async function lockSheet(tx: GradeEntryTransaction, sheetKey: number, grader: { admin: boolean; employeeKey: number | null }): Promise<SheetForEntry> {
  const sheet = await tx.lockSheet(sheetKey);
  if (!sheet || (!grader.admin && sheet.teacherKey !== grader.employeeKey)) {
    throw new HubError(ErrorCode.NOT_FOUND, 'No such grade sheet among the sheets you keep.', { gradeSheetId: toGlobalId('GradeSheet', sheetKey) });
  }
  return sheet;
}

function sheetLocked(sheetKey: number): HubError {
  return new HubError(ErrorCode.SHEET_LOCKED, 'The grade sheet is submitted and locked; only an administrator can reopen it.', {
    gradeSheetId: toGlobalId('GradeSheet', sheetKey),
  });
}

const ALL_CONTROLS: GradeControl[] = COMPONENTS.map((c) => c.control);

/** The windows of some controls that govern a sheet (its faculty's and all faculties', its year and term). */
function sheetWindows(context: HubContext, sheet: SheetForEntry, facultyKey: number, controls: GradeControl[], now: Date) {
  return windowsOfControls(context.db.hub, { facultyKey, academicYear: sheet.academicYear, term: sheet.term }, controls, now);
}

/**
 * GRADE_WINDOW_CLOSED unless one of `windows` is open at `now`: with the next one to open and the
 * last one closed (`control` is the next one's, else the last one's; null when none is scheduled).
 */
function requireOpen(sheet: SheetForEntry, windows: GradeWindowRecord[], now: Date, refusal: string): void {
  if (windows.some((w) => w.opensAt <= now && now < w.closesAt)) return;
  const next = windows.filter((w) => w.opensAt > now).sort((a, b) => +a.opensAt - +b.opensAt)[0];
  const last = windows.filter((w) => w.closesAt <= now).sort((a, b) => +b.closesAt - +a.closesAt)[0];
  const when = next ? `it opens at ${next.opensAt.toISOString()}` : last ? `it closed at ${last.closesAt.toISOString()}` : 'no window is scheduled';
  const shown = next ?? last;
  throw new HubError(ErrorCode.GRADE_WINDOW_CLOSED, `${refusal}: ${when}.`, {
    control: shown ? shown.control : null,
    gradeSheetId: toGlobalId('GradeSheet', sheet.key),
    opensAt: next ? next.opensAt.toISOString() : null,
    closedAt: last ? last.closesAt.toISOString() : null,
  });
}

/** Refuses with GRADE_WINDOW_CLOSED unless a window of every changed control is open at `now`. */
async function requireOpenWindows(context: HubContext, sheet: SheetForEntry, facultyKey: number, controls: GradeControl[], now: Date): Promise<void> {
  const windows = await sheetWindows(context, sheet, facultyKey, controls, now);
  for (const control of controls) {
    requireOpen(sheet, windows.filter((w) => w.control === control), now, `The grade-entry window for ${control} of this sheet is not open`);
  }
}

/** Refuses with GRADE_WINDOW_CLOSED unless some window of the sheet's term (any control) is open at `now`. */
async function requireAnyOpenWindow(context: HubContext, sheet: SheetForEntry, facultyKey: number, now: Date): Promise<void> {
  requireOpen(sheet, await sheetWindows(context, sheet, facultyKey, ALL_CONTROLS, now), now, 'No grade-entry window of this sheet\'s term is open, so a teacher cannot submit it');
}

/** The band with the highest lower bound not above the total (bands may leave gaps between integers). */
export function letterOf(scale: { min: number; letter: string }[], total: number): string | null {
  return scale.find((band) => total >= band.min)?.letter ?? null;
}

/** Scores carry two decimals (as AVN stores them). */
const SCORE_PLACES = 2;

/** The total of a row's three scores, summed exactly (in hundredths). */
const scoreTotal = (...scores: number[]) => fromUnits(scores.reduce((sum, score) => sum + toUnits(score, SCORE_PLACES), 0), SCORE_PLACES);

async function reloadSheet(context: HubContext, sheetKey: number): Promise<GradeSheet> {
  gradeSheetById(context).clear(sheetKey);
  rowsByGradeSheet(context).clear(sheetKey);
  return (await gradeSheetById(context).load(sheetKey))!;
}
