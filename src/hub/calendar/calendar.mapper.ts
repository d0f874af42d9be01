/**
 * Hub calendar tables → the hub's AcademicPeriod and GradeWindow, and the codes both ways. The
 * tables are the hub's own (English names); this file is still the only place that knows them.
 */
import { toGlobalId } from '../../domain/global-id';
import { AcademicTerm } from '../../domain/curriculum';
import {
  AcademicPeriodKind, GradeControl, GradeWindowState, type AcademicPeriodRecord, type GradeWindowRecord,
} from '../../domain/grading';
import type { ControlCode, PeriodKindCode, TermCode } from './calendar.entities';

export interface AcademicPeriodRow {
  id: number; academic_year: string; term: TermCode; kind: PeriodKindCode; name: string; starts_on: string; ends_on: string;
}
export interface GradeWindowRow {
  id: number; faculty_key: number | null; academic_year: string; term: TermCode; control: ControlCode;
  opens_at: Date; closes_at: Date; updated_at: Date;
}

export const PERIOD_COLUMNS = 'p.id, p.academic_year, p.term, p.kind, p.name, p.starts_on, p.ends_on';
export const WINDOW_COLUMNS = 'w.id, w.faculty_key, w.academic_year, w.term, w.control, w.opens_at, w.closes_at, w.updated_at';

export const TERM_CODE: Record<AcademicTerm, TermCode> = { [AcademicTerm.AUTUMN]: 'autumn', [AcademicTerm.SPRING]: 'spring' };
const TERM: Record<TermCode, AcademicTerm> = { autumn: AcademicTerm.AUTUMN, spring: AcademicTerm.SPRING };

export const CONTROL_CODE: Record<GradeControl, ControlCode> = {
  [GradeControl.MODULE_1]: 'module_1', [GradeControl.MODULE_2]: 'module_2', [GradeControl.FINAL]: 'final',
};
export const CONTROL: Record<ControlCode, GradeControl> = {
  module_1: GradeControl.MODULE_1, module_2: GradeControl.MODULE_2, final: GradeControl.FINAL,
};

export const PERIOD_KIND_CODE: Record<AcademicPeriodKind, PeriodKindCode> = {
  [AcademicPeriodKind.CLASSES]: 'classes', [AcademicPeriodKind.EXAM_SESSION]: 'exam_session', [AcademicPeriodKind.HOLIDAYS]: 'holidays',
};
const PERIOD_KIND: Record<PeriodKindCode, AcademicPeriodKind> = {
  classes: AcademicPeriodKind.CLASSES, exam_session: AcademicPeriodKind.EXAM_SESSION, holidays: AcademicPeriodKind.HOLIDAYS,
};

export function toAcademicPeriod(r: AcademicPeriodRow): AcademicPeriodRecord {
  return {
    __typename: 'AcademicPeriod', id: toGlobalId('AcademicPeriod', r.id), key: r.id,
    academicYear: r.academic_year, term: TERM[r.term], kind: PERIOD_KIND[r.kind], name: r.name, startsOn: r.starts_on, endsOn: r.ends_on,
  };
}

/** Where a window stands at `now` (opens_at inclusive, closes_at exclusive). */
export function windowState(opensAt: Date, closesAt: Date, now: Date): GradeWindowState {
  if (now < opensAt) return GradeWindowState.UPCOMING;
  return now < closesAt ? GradeWindowState.OPEN : GradeWindowState.CLOSED;
}

/** The window with its state at `now`, the business instant (src/common/business-time.ts). */
export function toGradeWindow(r: GradeWindowRow, now: Date): GradeWindowRecord {
  return {
    __typename: 'GradeWindow', id: toGlobalId('GradeWindow', r.id), key: r.id,
    facultyKey: r.faculty_key, allFaculties: r.faculty_key === null,
    academicYear: r.academic_year, term: TERM[r.term], control: CONTROL[r.control],
    opensAt: r.opens_at, closesAt: r.closes_at, state: windowState(r.opens_at, r.closes_at, now), updatedAt: r.updated_at,
  };
}
