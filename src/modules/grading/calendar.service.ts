/**
 * The academic calendar: reads (periods of a year, window lists) and the administrators' changes,
 * written through the hub's MikroORM entities, each validated before anything is written and
 * audited with old and new values.
 */
import type DataLoader from 'dataloader';
import type { EntityClass, FilterQuery, RequiredEntityData } from '@mikro-orm/core';
import { businessNow } from '../../db/read-context';
import { type HubContext } from '../../graphql/context';
import { ormWriter, type OrmWriter } from '../../db/orm';
import { readPage } from '../../graphql/connection';
import { intKeyOf, toGlobalId } from '../../domain/global-id';
import { OrderDirection } from '../../graphql/ordering';
import { ErrorCode, HubError, validationFailed } from '../../common/errors';
import { facultyById } from '../../sources/avn/avn.organisation';
import { AcademicPeriodEntity, GradeWindowEntity, type TermCode } from '../../hub/calendar/calendar.entities';
import { CONTROL_CODE, PERIOD_KIND_CODE, TERM_CODE } from '../../hub/calendar/calendar.mapper';
import {
  gradeWindowById, listGradeWindows as listHubGradeWindows, periodById, periodsOfYear,
} from '../../hub/calendar/calendar.store';
import { termOfSemester } from '../../domain/academic-term';
import type { AcademicTerm } from '../../domain/curriculum';
import type { GradeWindowFilter, GradeWindowSort } from '../../domain/grading';
import { type AcademicCalendar, type AcademicPeriod, type GradeWindow } from './calendar.types';
import {
  GradeWindowOrderField, type CreateAcademicPeriodInput, type CreateGradeWindowInput, type GradeWindowsArgs,
  type UpdateAcademicPeriodInput, type UpdateGradeWindowInput,
} from './calendar.inputs';
import { requireAdmin } from './grading.access';
import { auditGrading, type AuditChange } from './grading.audit';

// ---- reads -------------------------------------------------------------------------------------

export async function academicCalendar(context: HubContext, academicYear: string): Promise<AcademicCalendar> {
  checkAcademicYear(academicYear, 'academicYear');
  return { academicYear, periods: await periodsOfYear(context.db.hub, academicYear) };
}

const SORT: Record<GradeWindowOrderField, GradeWindowSort> = {
  [GradeWindowOrderField.OPENS_AT]: 'opensAt',
  [GradeWindowOrderField.CLOSES_AT]: 'closesAt',
};

export function listGradeWindows(context: HubContext, args: GradeWindowsArgs) {
  const where = args.where ?? {};
  const facultyKey = where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null;
  if (where.academicYear != null) checkAcademicYear(where.academicYear, 'where.academicYear');
  if (where.semester != null && !(Number.isInteger(where.semester) && where.semester >= 1)) {
    throw validationFailed('`semester` is a semester of study: 1, 2, 3, …', 'where.semester');
  }
  const filter: GradeWindowFilter = {
    facultyKey,
    academicYear: where.academicYear ?? undefined,
    terms: [where.term, where.semester != null ? termOfSemester(where.semester) : null].filter((term): term is AcademicTerm => !!term),
    control: where.control ?? undefined,
    openAt: where.openAt ?? undefined,
    state: where.state ?? undefined,
  };
  const field = args.orderBy?.field ?? GradeWindowOrderField.OPENS_AT;
  const direction = args.orderBy?.direction ?? OrderDirection.ASC;
  return listHubGradeWindows(context, {
    filter, sort: SORT[field], desc: direction === OrderDirection.DESC, page: readPage(args, `gradeWindows:${field}:${direction}`),
  });
}

// ---- validation --------------------------------------------------------------------------------

/** "2026-2027": two consecutive years. */
export function checkAcademicYear(value: string, field: string): void {
  const match = /^(\d{4})-(\d{4})$/.exec(value);
  if (!match || Number(match[2]) !== Number(match[1]) + 1) {
    throw validationFailed('An academic year is written "YYYY-YYYY" with consecutive years, e.g. "2026-2027".', field);
  }
}

function checkInstant(value: Date | undefined, field: string): void {
  if (value !== undefined && (!(value instanceof Date) || Number.isNaN(+value))) throw validationFailed('Not a valid date and time.', field);
}

async function facultyKeyOf(context: HubContext, facultyId: string | null | undefined): Promise<number | null> {
  if (facultyId == null) return null;
  const key = intKeyOf(facultyId, 'Faculty');
  if (!(await facultyById(context).load(key))) throw validationFailed('No such faculty.', 'facultyId');
  return key;
}

function hubEm(context: HubContext): OrmWriter {
  return ormWriter('hub', context.runtime.databases.handles.hub.orm);
}

function notFound(what: string): HubError {
  return new HubError(ErrorCode.NOT_FOUND, `No such ${what}.`);
}

/** The fields of an entity that differ between two snapshots, as audit changes. */
function diff(object: string, before: Record<string, unknown>, after: Record<string, unknown>): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[field] instanceof Date ? (before[field] as Date).toISOString() : before[field];
    const b = after[field] instanceof Date ? (after[field] as Date).toISOString() : after[field];
    if (a !== b) changes.push({ objectId: object, field, old: a ?? null, new: b ?? null });
  }
  return changes;
}

const windowSnapshot = (w: GradeWindowEntity) => ({
  facultyKey: w.facultyKey, academicYear: w.academicYear, term: w.term, control: w.control, opensAt: w.opensAt, closesAt: w.closesAt,
});

const periodSnapshot = (p: AcademicPeriodEntity) => ({
  academicYear: p.academicYear, term: p.term, kind: p.kind, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn,
});

function checkWindow(w: ReturnType<typeof windowSnapshot>): void {
  checkAcademicYear(w.academicYear, 'academicYear');
  checkInstant(w.opensAt, 'opensAt');
  checkInstant(w.closesAt, 'closesAt');
  if (!(w.closesAt > w.opensAt)) throw validationFailed('`closesAt` must be after `opensAt`.', 'closesAt');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkPeriod(p: ReturnType<typeof periodSnapshot>): void {
  checkAcademicYear(p.academicYear, 'academicYear');
  const name = p.name.trim();
  if (name.length < 1 || name.length > 200) throw validationFailed('A period\'s name has 1 to 200 characters.', 'name');
  if (!ISO_DATE.test(p.startsOn)) throw validationFailed('Not a date (YYYY-MM-DD).', 'startsOn');
  if (!ISO_DATE.test(p.endsOn)) throw validationFailed('Not a date (YYYY-MM-DD).', 'endsOn');
  if (p.endsOn < p.startsOn) throw validationFailed('`endsOn` must not be before `startsOn`.', 'endsOn');
  // A period lies in its academic year: from the first year's summer to the second year's summer.
  const first = Number(p.academicYear.slice(0, 4));
  if (p.startsOn < `${first}-06-01` || p.endsOn > `${first + 1}-09-30`) {
    throw validationFailed(`A period of ${p.academicYear} lies between ${first}-06-01 and ${first + 1}-09-30.`, 'startsOn');
  }
}

// ---- one write path for both calendar tables ----------------------------------------------------

/** A hub calendar table as the shared write path sees it: its entity, snapshot and checks. */
interface CalendarTable<E extends { id: number }, S extends Record<string, unknown>> {
  entity: EntityClass<E>;
  /** The GraphQL type of its rows, for global IDs and the audit log. */
  type: 'GradeWindow' | 'AcademicPeriod';
  /** What NOT_FOUND names. */
  what: string;
  snapshot(row: E): S;
  check(values: S): void;
  /** The loader of its rows by key (cleared after a write). */
  byKey(context: HubContext): DataLoader<number, unknown>;
}

const WINDOWS: CalendarTable<GradeWindowEntity, ReturnType<typeof windowSnapshot>> = {
  entity: GradeWindowEntity, type: 'GradeWindow', what: 'grade-entry window', snapshot: windowSnapshot, check: checkWindow, byKey: gradeWindowById,
};

const PERIODS: CalendarTable<AcademicPeriodEntity, ReturnType<typeof periodSnapshot>> = {
  entity: AcademicPeriodEntity, type: 'AcademicPeriod', what: 'academic period', snapshot: periodSnapshot, check: checkPeriod, byKey: periodById,
};

/**
 * Creates a row (`target` null: `change(null)` gives its values, checked before the transaction
 * opens) or changes one (`change(before)` gives the new values, checked before anything is
 * written unless `checked` is false: closing a window checks its own rules); audited old → new
 * once committed. Returns the row's key.
 */
async function saveCalendarRow<E extends { id: number }, S extends Record<string, unknown>>(
  context: HubContext, table: CalendarTable<E, S>, operation: string,
  target: { id: string; key: number } | null, change: (before: S | null) => S, checked = true,
): Promise<number> {
  const created = target === null ? change(null) : null;
  if (created) table.check(created);
  const saved = await hubEm(context).transactional(async (tx) => {
    if (created) {
      const row = tx.create(table.entity, created as unknown as RequiredEntityData<E>);
      await tx.flush();
      const id = toGlobalId(table.type, row.id);
      return { key: row.id, id, changes: diff(id, {}, created) };
    }
    const { id, key } = target!;
    const row = await tx.findOne(table.entity, key as FilterQuery<E>);
    if (!row) throw notFound(table.what);
    const before = table.snapshot(row);
    const after = change(before);
    if (checked) table.check(after);
    tx.assign(row, after as never);
    await tx.flush();
    return { key, id, changes: diff(id, before, after) };
  });
  auditGrading(context, { operation, objects: [{ type: table.type, id: saved.id }], changes: saved.changes });
  return saved.key;
}

/** Deletes a row; audited with its last values. */
async function deleteCalendarRow<E extends { id: number }, S extends Record<string, unknown>>(
  context: HubContext, table: CalendarTable<E, S>, operation: string, id: string,
): Promise<string> {
  const key = intKeyOf(id, table.type);
  const changes = await hubEm(context).transactional(async (tx) => {
    const row = await tx.findOne(table.entity, key as FilterQuery<E>);
    if (!row) throw notFound(table.what);
    const before = table.snapshot(row);
    tx.remove(row);
    await tx.flush();
    return diff(id, before, {});
  });
  auditGrading(context, { operation, objects: [{ type: table.type, id }], changes });
  table.byKey(context).clear(key);
  return id;
}

/** The row as written (its loader cleared first). */
async function reload<T>(context: HubContext, table: { byKey(context: HubContext): DataLoader<number, unknown> }, key: number): Promise<T> {
  const loader = table.byKey(context);
  loader.clear(key);
  return (await loader.load(key)) as T;
}

// ---- grade windows -----------------------------------------------------------------------------

export async function createGradeWindow(context: HubContext, input: CreateGradeWindowInput): Promise<GradeWindow> {
  requireAdmin(context.viewer, 'manage grade-entry windows');
  const facultyKey = await facultyKeyOf(context, input.facultyId);
  const key = await saveCalendarRow(context, WINDOWS, 'createGradeWindow', null, () => ({
    facultyKey, academicYear: input.academicYear, term: TERM_CODE[input.term], control: CONTROL_CODE[input.control],
    opensAt: input.opensAt, closesAt: input.closesAt,
  }));
  return reload(context, WINDOWS, key);
}

export async function updateGradeWindow(context: HubContext, input: UpdateGradeWindowInput): Promise<GradeWindow> {
  requireAdmin(context.viewer, 'manage grade-entry windows');
  const key = intKeyOf(input.id, 'GradeWindow');
  const facultyKey = input.facultyId === undefined ? undefined : await facultyKeyOf(context, input.facultyId);
  await saveCalendarRow(context, WINDOWS, 'updateGradeWindow', { id: input.id, key }, (before) => ({
    facultyKey: facultyKey === undefined ? before!.facultyKey : facultyKey,
    academicYear: input.academicYear ?? before!.academicYear,
    term: input.term ? TERM_CODE[input.term] : before!.term,
    control: input.control ? CONTROL_CODE[input.control] : before!.control,
    opensAt: input.opensAt ?? before!.opensAt,
    closesAt: input.closesAt ?? before!.closesAt,
  }));
  return reload(context, WINDOWS, key);
}

/** Closes an open window now (its `closesAt` becomes the current business instant). */
export async function closeGradeWindow(context: HubContext, id: string, now: Date = businessNow(context)): Promise<GradeWindow> {
  requireAdmin(context.viewer, 'manage grade-entry windows');
  const key = intKeyOf(id, 'GradeWindow');
  await saveCalendarRow(context, WINDOWS, 'closeGradeWindow', { id, key }, (before) => {
    if (before!.opensAt > now) throw validationFailed('The window has not opened yet; change its dates or delete it instead.', 'id');
    if (before!.closesAt <= now) throw validationFailed('The window is already closed.', 'id');
    return { ...before!, closesAt: now };
  }, false);
  return reload(context, WINDOWS, key);
}

export function deleteGradeWindow(context: HubContext, id: string): Promise<string> {
  requireAdmin(context.viewer, 'manage grade-entry windows');
  return deleteCalendarRow(context, WINDOWS, 'deleteGradeWindow', id);
}

// ---- academic periods --------------------------------------------------------------------------

export async function createAcademicPeriod(context: HubContext, input: CreateAcademicPeriodInput): Promise<AcademicPeriod> {
  requireAdmin(context.viewer, 'manage the academic calendar');
  const key = await saveCalendarRow(context, PERIODS, 'createAcademicPeriod', null, () => ({
    academicYear: input.academicYear, term: TERM_CODE[input.term] as TermCode, kind: PERIOD_KIND_CODE[input.kind],
    name: input.name.trim(), startsOn: input.startsOn, endsOn: input.endsOn,
  }));
  return reload(context, PERIODS, key);
}

export async function updateAcademicPeriod(context: HubContext, input: UpdateAcademicPeriodInput): Promise<AcademicPeriod> {
  requireAdmin(context.viewer, 'manage the academic calendar');
  const key = intKeyOf(input.id, 'AcademicPeriod');
  await saveCalendarRow(context, PERIODS, 'updateAcademicPeriod', { id: input.id, key }, (before) => ({
    academicYear: input.academicYear ?? before!.academicYear,
    term: input.term ? TERM_CODE[input.term] : before!.term,
    kind: input.kind ? PERIOD_KIND_CODE[input.kind] : before!.kind,
    name: input.name?.trim() ?? before!.name,
    startsOn: input.startsOn ?? before!.startsOn,
    endsOn: input.endsOn ?? before!.endsOn,
  }));
  return reload(context, PERIODS, key);
}

export function deleteAcademicPeriod(context: HubContext, id: string): Promise<string> {
  requireAdmin(context.viewer, 'manage the academic calendar');
  return deleteCalendarRow(context, PERIODS, 'deleteAcademicPeriod', id);
}
