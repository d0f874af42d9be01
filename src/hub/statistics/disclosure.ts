/**
 * Disclosure control of grouped statistics (issue 12, item 3): small groups are withheld, and so
 * are enough of their neighbours that a withheld group cannot be worked out by subtraction.
 *
 * - Primary: a cell counting 1 to K−1 distinct people has its measures withheld. A cell of 0
 *   people (vacant staffing positions…) is about no one and stays.
 * - Secondary: a grouped table's margins are public (the total, and every coarser grouping is one
 *   request away), so along each dimension a line of cells — the cells that differ only in that
 *   dimension — must never hold exactly one withheld cell: its value would be the line's margin
 *   minus the others. While such a line exists, its smallest other cell with people is withheld
 *   too (the least information lost), until no line has a lone withheld cell.
 * - The total is withheld when it counts 1 to K−1 people.
 *
 * Conditions on measures (HAVING) are applied after this, and never to a withheld cell, so a
 * condition cannot probe a withheld value. What this does not cover, written down in the README:
 * differencing between two requests with different filters on the same small group.
 */
import { KEY_FIELD, type StatisticsCell, type StatisticsDimension, type StatisticsKey } from '../../domain/statistics';

export type Suppression = 'PRIMARY' | 'SECONDARY';

export interface DisclosedCell<C extends StatisticsCell = StatisticsCell> {
  cell: C;
  /** Why the measures are withheld; null when they are shown. */
  suppression: Suppression | null;
}

/** Primary suppression: 1 to K−1 distinct people. */
export const tooFewPeople = (people: number, k: number): boolean => people > 0 && people < k;

/**
 * Marks the cells whose measures a viewer without personal-data scope may not see. `k` ≤ 1 marks
 * nothing (a viewer with personal-data scope, or the rule turned off).
 */
export function discloseCells<C extends StatisticsCell>(cells: readonly C[], dimensions: readonly StatisticsDimension[], k: number): DisclosedCell<C>[] {
  const out: DisclosedCell<C>[] = cells.map((cell) => ({ cell, suppression: k > 1 && tooFewPeople(cell.people, k) ? 'PRIMARY' : null }));
  if (k <= 1 || !out.some((c) => c.suppression)) return out;

  const fields = dimensions.map((d) => KEY_FIELD[d]);
  // The lines along each dimension: cells grouped by the values of all the other dimensions.
  const lines: DisclosedCell<C>[][] = [];
  for (const varying of fields) {
    const byRest = new Map<string, DisclosedCell<C>[]>();
    for (const entry of out) {
      const rest = lineKey(entry.cell.key, fields, varying);
      const line = byRest.get(rest);
      if (line) line.push(entry);
      else byRest.set(rest, [entry]);
    }
    lines.push(...byRest.values());
  }

  // Each pass withholds at least one more cell or ends, so this stops within `cells.length` passes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter((c) => c.suppression).length !== 1) continue;
      const partner = smallestShown(line);
      if (!partner) continue; // the others count no one: the margin is the withheld cell itself, withheld in it too
      partner.suppression = 'SECONDARY';
      changed = true;
    }
  }
  return out;
}

/** The key of a cell's line along `varying`: the values of every other dimension. */
function lineKey(key: StatisticsKey, fields: readonly (keyof StatisticsKey)[], varying: keyof StatisticsKey): string {
  return JSON.stringify(fields.filter((f) => f !== varying).map((f) => key[f] ?? null));
}

/** The shown cell of a line with the fewest people (at least one), the first of equals. */
function smallestShown<C extends StatisticsCell>(line: DisclosedCell<C>[]): DisclosedCell<C> | null {
  let best: DisclosedCell<C> | null = null;
  for (const entry of line) {
    if (entry.suppression || entry.cell.people === 0) continue;
    if (!best || entry.cell.people < best.cell.people) best = entry;
  }
  return best;
}
