/**
 * AVN's electronic grade sheets, the write side of grade entry (src/modules/grading): one AVN
 * transaction through MikroORM per mutation, in which the service locks a sheet, reads what its
 * rules need (the sheet's faculty and component maxima, the rows, the grading scale) and writes
 * scores or a new status. Native names of vedomost, vedomost_str, uch_plan_str and shkala, and
 * AVN's status codes, live here only; the service sees sheets and rows in the hub's terms.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import type { Databases } from '../../db/databases';
import { ormWriter } from '../../db/orm';
import { termOfSemester } from '../../domain/academic-term';
import type { AcademicTerm, GradeSheetRowRecord } from '../../domain/curriculum';
import { VedomostEntity, VedomostStrEntity } from './avn.entities';

/** A grade sheet as grade entry reads it, locked until the transaction ends. */
export interface SheetForEntry {
  key: number;
  teacherKey: number;
  academicYear: string;
  term: AcademicTerm;
  /** Submitted (locked for teachers) until an administrator reopens it. */
  submitted: boolean;
}

/** The graded components of a row, in the hub's names. */
export type ScoreComponent = 'module1' | 'module2' | 'final';

/** What the rules of a sheet need: its faculty (whose windows govern it) and each component's maximum. */
export interface SheetRules {
  facultyKey: number;
  max: Record<ScoreComponent, number>;
}

/** One student's scores on a sheet (a GradeSheetRow without the scale's figures); the service changes them and saves them back. */
export type ScoreRow = Omit<GradeSheetRowRecord, 'gradeSheetKey' | 'gradePoints' | 'gradeName'>;

/** One changed value of a sheet's status, as AVN records it (for the audit log's old → new). */
export interface SheetStatusChange {
  field: 'status' | 'closedOn';
  old: string | null;
  new: string | null;
}

/** The steps of grade entry inside one AVN transaction. */
export interface GradeEntryTransaction {
  /** The sheet, locked (null when there is none). */
  lockSheet(sheetKey: number): Promise<SheetForEntry | null>;
  sheetRules(sheetKey: number): Promise<SheetRules>;
  /** The rows of these students on the sheet (students without one are left out). */
  rows(sheetKey: number, studentKeys: number[]): Promise<ScoreRow[]>;
  /** The grading scale, highest band first. */
  gradingScale(): Promise<{ min: number; letter: string }[]>;
  /** Writes the rows' scores (only what really changed is written). */
  saveRows(sheetKey: number, rows: ScoreRow[]): Promise<void>;
  /** Submits (locks) the sheet with its closing date. */
  submit(sheetKey: number, closedOn: string): Promise<SheetStatusChange[]>;
  /** Reopens a submitted sheet for correction. */
  reopen(sheetKey: number): Promise<SheetStatusChange[]>;
}

const SUBMITTED = 'sdana';
const REOPENED = 'pereotkryta';

const SHEET_RULES_SQL = `select ps.max_m1, ps.max_m2, ps.max_itog, sp.fak_id
   from vedomost v join uch_plan_str ps on ps.str_id = v.str_id
   join gruppa g on g.grp_id = v.grp_id join specialnost sp on sp.spec_id = g.spec_id
  where v.ved_id = ?`;

/** Runs `work` in one AVN transaction (committed when it returns; SOURCE_UNAVAILABLE when AVN is down). */
export function inGradeEntryTransaction<T>(databases: Databases, work: (tx: GradeEntryTransaction) => Promise<T>): Promise<T> {
  return ormWriter('avn', databases.handles.avn.orm).transactional((em) => work(gradeEntrySteps(em)));
}

function gradeEntrySteps(em: EntityManager): GradeEntryTransaction {
  // Entities read in this transaction, so that writes change them (MikroORM writes only what differs).
  const sheets = new Map<number, VedomostEntity>();
  const rowEntities = new Map<string, VedomostStrEntity>();
  const rowKey = (sheetKey: number, studentKey: number) => `${sheetKey}:${studentKey}`;

  const setStatus = async (sheetKey: number, status: string, closedOn: string | null): Promise<SheetStatusChange[]> => {
    const sheet = sheets.get(sheetKey)!;
    const changes: SheetStatusChange[] = [{ field: 'status', old: sheet.status, new: status }];
    if (sheet.dataZakr !== closedOn) changes.push({ field: 'closedOn', old: sheet.dataZakr, new: closedOn });
    sheet.status = status;
    sheet.dataZakr = closedOn;
    await em.flush();
    return changes;
  };

  return {
    async lockSheet(sheetKey) {
      const sheet = await em.findOne(VedomostEntity, sheetKey, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!sheet) return null;
      sheets.set(sheetKey, sheet);
      return { key: sheet.vedId, teacherKey: sheet.empId, academicYear: sheet.uchGod, term: termOfSemester(sheet.semestr), submitted: sheet.status === SUBMITTED };
    },

    async sheetRules(sheetKey) {
      const [row] = await em.execute<{ max_m1: number; max_m2: number; max_itog: number; fak_id: number }[]>(SHEET_RULES_SQL, [sheetKey]);
      return { facultyKey: Number(row.fak_id), max: { module1: Number(row.max_m1), module2: Number(row.max_m2), final: Number(row.max_itog) } };
    },

    async rows(sheetKey, studentKeys) {
      const rows = await em.find(VedomostStrEntity, { vedomost: sheetKey, studId: { $in: studentKeys } });
      return rows.map((r) => {
        rowEntities.set(rowKey(sheetKey, r.studId), r);
        return { studentKey: r.studId, module1: r.m1, module2: r.m2, final: r.itog, total: r.total, letter: r.bukva };
      });
    },

    async gradingScale() {
      const rows = await em.execute<{ min_ball: number; bukva: string }[]>('select min_ball, bukva from shkala order by min_ball desc');
      return rows.map((r) => ({ min: Number(r.min_ball), letter: r.bukva }));
    },

    async saveRows(sheetKey, rows) {
      for (const row of rows) {
        Object.assign(rowEntities.get(rowKey(sheetKey, row.studentKey))!, { m1: row.module1, m2: row.module2, itog: row.final, total: row.total, bukva: row.letter });
      }
      await em.flush();
    },

    submit: (sheetKey, closedOn) => setStatus(sheetKey, SUBMITTED, closedOn),
    reopen: (sheetKey) => setStatus(sheetKey, REOPENED, null),
  };
}
