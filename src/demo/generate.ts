/**
 * The deterministic demo university: generates all five sources in memory from one seed (same
 * seed and scale → byte-identical data), then writes the requested ones concurrently, each in one
 * transaction (a failed seed leaves its source empty, so it is simply seeded again next start).
 *
 * Every source is always generated, also those not written, because they are cut from one world
 * (the library lends to AVN's students…) and skipping one would change the others' random draws.
 */
import type { SourceName } from '../config';
import { buildAvn } from './avn';
import { avnTables } from './avn/tables';
import { buildDormitory, dormitoryTables, type DormitoryCases } from './dormitory.seed';
import { GroundTruthBuilder, type IdentityGroundTruth } from './ground-truth';
import { buildLibrary, type LibraryResult } from './library';
import { libraryTables } from './library/tables';
import { PersonFactory } from './people';
import { buildQrvisit, qrvisitTables, type QrvisitCases } from './qrvisit.seed';
import { Rng } from './random';
import { buildRegistrar, registrarTables, type RegistrarCases } from './registrar.seed';
import { sizesFor, type DemoSizes } from './sizes';
import { writeSource, type Connection, type SourcePlan } from './source-writer';
import type { WritableTable } from './table';

export { type IdentityGroundTruth } from './ground-truth';
export type { SourcePlan } from './source-writer';

export interface DemoProgress {
  /** 'avn', 'library', … or 'demo' for the in-memory generation. */
  source: string;
  /** Table being written ('generate' while generating). */
  step: string;
  /** Rows of this table written so far. */
  rows: number;
  /** Rows of this source written so far / to write in all (for a progress bar). */
  done: number;
  total: number;
}

export interface DemoOptions {
  seed: number;
  scale: number;
  /** which sources to write; others are generated (to keep determinism) but not written */
  targets: readonly SourceName[];
  onProgress?: (p: DemoProgress) => void;
}

/** Ids of the interesting cases, for tests and demos. */
export interface DemoCases {
  /** Two students with the same full name and birth date; `borrowernumber` is the one of them who is a reader without PIN. */
  namesakes: Array<{ studIds: [number, number]; borrowernumber: number | null; borrowerStudId: number | null }>;
  /**
   * Students' twins (issue 10.5), each an external reader without PIN born the same day with a
   * near name: 'gender' (Асанов Нурлан / Асанова Нурлана), 'near_name' (Асель / Айсель),
   * 'brothers' (one surname and father, Нурлан / Эрлан). Never the student.
   */
  twinReaders: Array<{ borrowernumber: number; studId: number; kind: 'gender' | 'near_name' | 'brothers' }>;
  /** Readers typed in Latin letters (no PIN attribute). */
  latinBorrowers: number[];
  noPinBorrowers: number[];
  /** Readers whose birth date is missing or mistyped. */
  wrongBirthDateBorrowers: number[];
  /** Two reader records of one person (re-registered after a lost card). */
  duplicateBorrowers: Array<[number, number]>;
  /** Readers who are expelled students and still hold a book. */
  expelledWithLoans: number[];
  overdueIssues: number;
  /** Contract students behind with this year's tuition (stud_id). */
  contractDebtors: number[];
  /** Students without PIN (foreign citizens). */
  studentsWithoutPin: number[];
  /** The same person as a student and as an employee. */
  studentEmployees: Array<{ studId: number; empId: number }>;
  dormitory: DormitoryCases;
  registrar: RegistrarCases;
  qrvisit: QrvisitCases;
}

export interface DemoResult {
  groundTruth: IdentityGroundTruth;
  /** Rows per table, keyed `source.table`, of every generated table (written or not). */
  counts: Record<string, number>;
  cases: DemoCases;
  sizes: DemoSizes;
  /** Milliseconds spent generating and writing. */
  timings: { generateMs: number; writeMs: number };
}

export interface GeneratedDemo {
  sources: Record<SourceName, SourcePlan>;
  groundTruth: IdentityGroundTruth;
  cases: DemoCases;
  sizes: DemoSizes;
}

/** The tables the generator writes in a source, in writing (foreign-key) order. */
export function sourceTableNames(source: SourceName): string[] {
  const factories = { avn: avnTables, qrvisit: qrvisitTables, library: libraryTables, dormitory: dormitoryTables, registrar: registrarTables };
  return Object.values(factories[source]()).map((t) => t.name);
}

/** Builds the whole demo university in memory. Pure: no I/O, no clock, no Math.random. */
export function generateDemo(seed: number, scale: number): GeneratedDemo {
  const sizes = sizesFor(scale);
  const root = Rng.seeded(seed, scale);
  const truth = new GroundTruthBuilder();
  const people = new PersonFactory(root.fork('people'), 'P');
  const avn = buildAvn(root.fork('avn'), sizes, people, truth);
  const library: LibraryResult = buildLibrary(root.fork('library'), avn, sizes, people.fork(root.fork('people', 'library'), 'L'), truth);
  const dormitory = buildDormitory(root.fork('dormitory'), avn, sizes, people.fork(root.fork('people', 'dormitory'), 'D'), truth);
  const registrar = buildRegistrar(root.fork('registrar'), avn, sizes);
  const qrvisit = buildQrvisit(root.fork('qrvisit'), avn);

  const studIdByPerson = new Map(avn.students.map((s) => [s.person.key, s.id]));
  const studentEmployees = avn.staff.employees.filter((e) => studIdByPerson.has(e.person.key)).map((e) => ({ studId: studIdByPerson.get(e.person.key)!, empId: e.id }));
  const cases: DemoCases = {
    namesakes: avn.namesakes.map((n) => {
      const hit = library.cases.namesakeBorrowers.find((b) => n.studIds.includes(b.studId));
      return { studIds: n.studIds, borrowernumber: hit?.borrowernumber ?? null, borrowerStudId: hit?.studId ?? null };
    }),
    twinReaders: library.cases.twinReaders,
    latinBorrowers: library.cases.latinBorrowers,
    noPinBorrowers: [...library.cases.noPinBorrowers, ...library.cases.twinReaders.map((r) => r.borrowernumber)],
    wrongBirthDateBorrowers: library.cases.wrongBirthDate,
    duplicateBorrowers: library.cases.duplicateBorrowers,
    expelledWithLoans: library.cases.expelledWithLoans,
    overdueIssues: library.cases.overdueIssues,
    contractDebtors: avn.students.filter((s) => s.debtor).map((s) => s.id),
    studentsWithoutPin: avn.students.filter((s) => s.person.pin === null).map((s) => s.id),
    studentEmployees,
    dormitory: dormitory.cases,
    registrar: registrar.cases,
    qrvisit: qrvisit.cases,
  };
  const plan = (tables: Record<string, WritableTable>, afterSql: string[] = []): SourcePlan => ({ tables: Object.values(tables), afterSql });
  return {
    sources: {
      avn: plan(avn.tables),
      qrvisit: plan(qrvisit.tables),
      library: plan(library.tables, library.afterSql),
      dormitory: plan(dormitory.tables),
      registrar: plan(registrar.tables),
    },
    groundTruth: truth.build(),
    cases,
    sizes,
  };
}

/** Generates the demo university and writes the target sources (plain pg Pools; empty native schemas). */
export async function seedDemo(connections: Partial<Record<SourceName, Connection>>, options: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  options.onProgress?.({ source: 'demo', step: 'generate', rows: 0, done: 0, total: 1 });
  const demo = generateDemo(options.seed, options.scale);
  const generateMs = performance.now() - started;
  options.onProgress?.({ source: 'demo', step: 'generate', rows: 0, done: 1, total: 1 });

  const counts: Record<string, number> = {};
  for (const [source, plan] of Object.entries(demo.sources)) for (const table of plan.tables) counts[`${source}.${table.name}`] = table.size;

  const writeStarted = performance.now();
  await Promise.all(
    options.targets.map(async (source) => {
      const db = connections[source];
      if (!db) throw new Error(`seedDemo: no connection given for target source "${source}"`);
      await writeSource(db, demo.sources[source], (p) => options.onProgress?.({ source, step: p.table, rows: p.rows, done: p.done, total: p.total }));
    }),
  );
  return {
    groundTruth: demo.groundTruth,
    counts,
    cases: demo.cases,
    sizes: demo.sizes,
    timings: { generateMs: Math.round(generateMs), writeMs: Math.round(performance.now() - writeStarted) },
  };
}
