/**
 * The academic calendar: reads (periods of a year, window lists) and the administrators' changes,
 * written through the hub's MikroORM entities, each validated before anything is written and
 * audited with old and new values.
 */
import { businessNow } from '../../db/read-context';
import { type HubContext } from '../../graphql/context';
import { ormWriter, type OrmWriter } from '../../db/orm';
import { loadList } from '../../db/list-loaders';
import { readPage } from '../../graphql/connection';
import { type SortColumn } from '../../db/pages';
import { intKeyOf, toGlobalId } from '../../domain/global-id';
import { OrderDirection } from '../../graphql/ordering';
import { ErrorCode, HubError, validationFailed } from '../../common/errors';
import { facultyById } from '../../sources/avn/avn.organisation';
import { AcademicPeriodEntity, GradeWindowEntity, type TermCode } from '../../hub/calendar/calendar.entities';
import {
  CONTROL_CODE, PERIOD_KIND_CODE, TERM_CODE, WINDOW_COLUMNS, toGradeWindow, type GradeWindowRow,
} from '../../hub/calendar/calendar.mapper';
import { gradeWindowById, periodById, periodsOfYear } from '../../hub/calendar/calendar.store';
import { termOfSemester } from '../../domain/academic-term';
import { GradeWindowState } from '../../domain/grading';
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

const SORT: Record<GradeWindowOrderField, { sql: string; key: string }> = {
  [GradeWindowOrderField.OPENS_AT]: { sql: 'w.opens_at', key: 'opens_at' },
  [GradeWindowOrderField.CLOSES_AT]: { sql: 'w.closes_at', key: 'closes_at' },
};

export function listGradeWindows(context: HubContext, args: GradeWindowsArgs) {
  const where = args.where ?? {};
  const facultyKey = where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null;
  if (where.academicYear != null) checkAcademicYear(where.academicYear, 'where.academicYear');
  if (where.semester != null && !(Number.isInteger(where.semester) && where.semester >= 1)) {
    throw validationFailed('`semester` is a semester of study: 1, 2, 3, …', 'where.semester');
  }
  const field = args.orderBy?.field ?? GradeWindowOrderField.OPENS_AT;
  const direction = args.orderBy?.direction ?? OrderDirection.ASC;
  const desc = direction === OrderDirection.DESC;
  const sort: SortColumn[] = [{ ...SORT[field], desc }, { sql: 'w.id', key: 'id', desc }];
  // The state is relative to one business instant for the whole list (and the rows' own `state`).
  const now = businessNow(context);
  const terms = [where.term && TERM_CODE[where.term], where.semester != null && TERM_CODE[termOfSemester(where.semester)]];
  return loadList<GradeWindowRow & Record<string, unknown>, GradeWindow>(
    context.db.hub,
    {
      from: 'grade_window w',
      columns: WINDOW_COLUMNS,
      filters: (p) => [
        facultyKey !== null && `(w.faculty_key is null or w.faculty_key = ${p.add(facultyKey)})`,
        where.academicYear != null && `w.academic_year = ${p.add(where.academicYear)}`,
        ...terms.map((term) => typeof term === 'string' && `w.term = ${p.add(term)}`),
        where.control && `w.control = ${p.add(CONTROL_CODE[where.control])}`,
        where.openAt && `w.opens_at <= ${p.add(where.openAt)} and ${p.add(where.openAt)} < w.closes_at`,
        where.state === GradeWindowState.UPCOMING && `w.opens_at > ${p.add(now)}`,
        where.state === GradeWindowState.OPEN && `w.opens_at <= ${p.add(now)} and ${p.add(now)} < w.closes_at`,
        where.state === GradeWindowState.CLOSED && `w.closes_at <= ${p.add(now)}`,
      ],
      sort,
    },
    readPage(args, `gradeWindows:${field}:${direction}`),
    (row) => toGradeWindow(row, now),
  );
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

// ---- grade windows -----------------------------------------------------------------------------

export async function createGradeWindow(context: HubContext, input: CreateGradeWindowInput): Promise<GradeWindow> {
  requireAdmin(context.viewer, 'manage grade-entry windows');
  const values = {
    facultyKey: await facultyKeyOf(context, input.facultyId),
    academicYear: input.academicYear, term: TERM_CODE[input.term], control: CONTROL_CODE[input.control],
    opensAt: input.opensAt, closesAt: input.closesAt,
  };
  checkWindow(values);
  const em = hubEm(context);
  const key = await em.transactional(async (tx) => {
    const window = tx.create(GradeWindowEntity, values);
    await tx.flush();
    return window.id;
  });
  const id = toGlobalId('GradeWindow', key);
  auditGrading(context, { operation: 'createGradeWindow', objects: [{ type: 'GradeWindow', id }], changes: diff(id, {}, values) });
  return reloadWindow(context, key);
}

export async function updateGradeWindow(context: HubContext, input: UpdateGradeWindowInput): Promise<GradeWindow> {
  requireAdmin(context.viewer, 'manage grade-entry windows');
  const key = intKeyOf(input.id, 'GradeWindow');
  const facultyKey = input.facultyId === undefined ? undefined : await facultyKeyOf(context, input.facultyId);
  const em = hubEm(context);
  const changes = await em.transactional(async (tx) => {
    const window = await tx.findOne(GradeWindowEntity, key);
    if (!window) throw notFound('grade-entry window');
    const before = windowSnapshot(window);
    const after = {
      facultyKey: facultyKey === undefined ? before.facultyKey : facultyKey,
      academicYear: input.academicYear ?? before.academicYear,
      term: input.term ? TERM_CODE[input.term] : before.term,
      control: input.control ? CONTROL_CODE[input.control] : before.control,
      opensAt: input.opensAt ?? before.opensAt,
      closesAt: input.closesAt ?? before.closesAt,
    };
    checkWindow(after);
    tx.assign(window, after);
    await tx.flush();
    return diff(input.id, before, after);
  });
  auditGrading(context, { operation: 'updateGradeWindow', objects: [{ type: 'GradeWindow', id: input.id }], changes });
  return reloadWindow(context, key);
}

/** Closes an open window now (its `closesAt` becomes the current business instant). */
export async function closeGradeWindow(context: HubContext, id: string, now: Date = businessNow(context)): Promise<GradeWindow> {
  requireAdmin(context.viewer, 'manage grade-entry windows');
  const key = intKeyOf(id, 'GradeWindow');
  const em = hubEm(context);
  const changes = await em.transactional(async (tx) => {
    const window = await tx.findOne(GradeWindowEntity, key);
    if (!window) throw notFound('grade-entry window');
    if (window.opensAt > now) throw validationFailed('The window has not opened yet; change its dates or delete it instead.', 'id');
    if (window.closesAt <= now) throw validationFailed('The window is already closed.', 'id');
    const before = windowSnapshot(window);
    window.closesAt = now;
    await tx.flush();
    return diff(id, before, windowSnapshot(window));
  });
  auditGrading(context, { operation: 'closeGradeWindow', objects: [{ type: 'GradeWindow', id }], changes });
  return reloadWindow(context, key);
}

export async function deleteGradeWindow(context: HubContext, id: string): Promise<string> {
  requireAdmin(context.viewer, 'manage grade-entry windows');
  const key = intKeyOf(id, 'GradeWindow');
  const em = hubEm(context);
  const changes = await em.transactional(async (tx) => {
    const window = await tx.findOne(GradeWindowEntity, key);
    if (!window) throw notFound('grade-entry window');
    const before = windowSnapshot(window);
    tx.remove(window);
    await tx.flush();
    return diff(id, before, {});
  });
  auditGrading(context, { operation: 'deleteGradeWindow', objects: [{ type: 'GradeWindow', id }], changes });
  gradeWindowById(context).clear(key);
  return id;
}

async function reloadWindow(context: HubContext, key: number): Promise<GradeWindow> {
  const loader = gradeWindowById(context);
  loader.clear(key);
  return (await loader.load(key))!;
}

// ---- academic periods --------------------------------------------------------------------------

export async function createAcademicPeriod(context: HubContext, input: CreateAcademicPeriodInput): Promise<AcademicPeriod> {
  requireAdmin(context.viewer, 'manage the academic calendar');
  const values = {
    academicYear: input.academicYear, term: TERM_CODE[input.term] as TermCode, kind: PERIOD_KIND_CODE[input.kind],
    name: input.name.trim(), startsOn: input.startsOn, endsOn: input.endsOn,
  };
  checkPeriod(values);
  const em = hubEm(context);
  const key = await em.transactional(async (tx) => {
    const period = tx.create(AcademicPeriodEntity, values);
    await tx.flush();
    return period.id;
  });
  const id = toGlobalId('AcademicPeriod', key);
  auditGrading(context, { operation: 'createAcademicPeriod', objects: [{ type: 'AcademicPeriod', id }], changes: diff(id, {}, values) });
  return reloadPeriod(context, key);
}

export async function updateAcademicPeriod(context: HubContext, input: UpdateAcademicPeriodInput): Promise<AcademicPeriod> {
  requireAdmin(context.viewer, 'manage the academic calendar');
  const key = intKeyOf(input.id, 'AcademicPeriod');
  const em = hubEm(context);
  const changes = await em.transactional(async (tx) => {
    const period = await tx.findOne(AcademicPeriodEntity, key);
    if (!period) throw notFound('academic period');
    const before = periodSnapshot(period);
    const after = {
      academicYear: input.academicYear ?? before.academicYear,
      term: input.term ? TERM_CODE[input.term] : before.term,
      kind: input.kind ? PERIOD_KIND_CODE[input.kind] : before.kind,
      name: input.name?.trim() ?? before.name,
      startsOn: input.startsOn ?? before.startsOn,
      endsOn: input.endsOn ?? before.endsOn,
    };
    checkPeriod(after);
    tx.assign(period, after);
    await tx.flush();
    return diff(input.id, before, after);
  });
  auditGrading(context, { operation: 'updateAcademicPeriod', objects: [{ type: 'AcademicPeriod', id: input.id }], changes });
  return reloadPeriod(context, key);
}

export async function deleteAcademicPeriod(context: HubContext, id: string): Promise<string> {
  requireAdmin(context.viewer, 'manage the academic calendar');
  const key = intKeyOf(id, 'AcademicPeriod');
  const em = hubEm(context);
  const changes = await em.transactional(async (tx) => {
    const period = await tx.findOne(AcademicPeriodEntity, key);
    if (!period) throw notFound('academic period');
    const before = periodSnapshot(period);
    tx.remove(period);
    await tx.flush();
    return diff(id, before, {});
  });
  auditGrading(context, { operation: 'deleteAcademicPeriod', objects: [{ type: 'AcademicPeriod', id }], changes });
  periodById(context).clear(key);
  return id;
}

async function reloadPeriod(context: HubContext, key: number): Promise<AcademicPeriod> {
  const loader = periodById(context);
  loader.clear(key);
  return (await loader.load(key))!;
}
