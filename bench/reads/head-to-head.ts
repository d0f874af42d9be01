/**
 * The fair head-to-head (avnGroupGrades) must give the same rows in the hub, PostGraphile and the
 * floor. Each answer is flattened to one line per grade-sheet row — group, student, year,
 * semester, discipline code, module 1, module 2, final, total — normalised the same way (numbers
 * as numbers: PostGraphile sends numeric as strings; blank patronymic as null) and sorted.
 */
import type { SystemName } from './operations';

type Num = string | number | null;
const num = (value: Num) => (value === null || value === undefined ? null : Number(value));
const text = (value: string | null | undefined) => (value && value.trim() ? value.trim() : null);

function line(parts: unknown[]): string {
  return JSON.stringify(parts);
}

/** One sorted line per grade row of a system's answer (its `data`). */
export function groupGradeRows(system: SystemName, data: any): string[] {
  const lines: string[] = [];
  if (system === 'hub') {
    const group = data.node;
    for (const s of group.students.nodes)
      for (const semester of s.semesters)
        for (const g of semester.grades)
          lines.push(line([group.name, s.studentNumber, s.surname, s.givenName, text(s.patronymic), semester.academicYear, semester.semester, g.disciplineCode, num(g.module1), num(g.module2), num(g.final), num(g.total)]));
  } else if (system === 'postgraphile') {
    const group = data.gruppaByGrpId;
    for (const s of group.studentsByGrpId.nodes)
      for (const g of s.vedomostStrsByStudId.nodes) {
        const sheet = g.vedomostByVedId;
        lines.push(line([group.name, s.zachetka, s.fam, s.imya, text(s.otch), sheet.uchGod, sheet.semestr, sheet.uchPlanStrByStrId.disciplinaByDiscId.kod, num(g.m1), num(g.m2), num(g.itog), num(g.total)]));
      }
  } else {
    for (const s of data.students)
      for (const g of s.grades)
        lines.push(line([data.name, s.studentNumber, s.surname, s.givenName, text(s.patronymic), g.academicYear, g.semester, g.disciplineCode, num(g.module1), num(g.module2), num(g.final), num(g.total)]));
  }
  return lines.sort();
}

export interface HeadToHeadCheck {
  /** Rows per system. */
  rows: Partial<Record<SystemName, number>>;
  /** True when every system gave exactly the hub's rows (or the only system's, when alone). */
  matched: boolean;
  /** The first differing line per system, to debug a mismatch. */
  differences: string[];
}

export function compareGroupGrades(answers: Partial<Record<SystemName, unknown>>): HeadToHeadCheck {
  const flattened = Object.entries(answers).map(([system, data]) => [system as SystemName, groupGradeRows(system as SystemName, data)] as const);
  const rows: Partial<Record<SystemName, number>> = {};
  for (const [system, lines] of flattened) rows[system] = lines.length;
  const differences: string[] = [];
  const [reference, ...others] = flattened;
  for (const [system, lines] of others) {
    const at = lines.findIndex((l, i) => l !== reference[1][i]);
    if (lines.length !== reference[1].length || at >= 0) {
      const i = at >= 0 ? at : Math.min(lines.length, reference[1].length);
      differences.push(`${system} vs ${reference[0]} at row ${i}: ${lines[i] ?? '(none)'} ≠ ${reference[1][i] ?? '(none)'}`);
    }
  }
  return { rows, matched: differences.length === 0 && (reference?.[1].length ?? 0) > 0, differences };
}
