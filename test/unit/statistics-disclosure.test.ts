/**
 * Disclosure control of statistics (src/hub/statistics/disclosure.ts, shape.ts): small groups are
 * withheld (primary), no line of a dimension keeps a lone withheld group (secondary), conditions
 * and orders never reveal a withheld value. Tables are built by hand so every case is known.
 */
import { describe, expect, it } from 'vitest';
import { StatisticsDimension, type StatisticsCell, type StatisticsKey } from '../../src/domain/statistics';
import { discloseCells } from '../../src/hub/statistics/disclosure';
import { shapeTable } from '../../src/hub/statistics/shape';

const { FACULTY, GENDER } = StatisticsDimension;

const cell = (key: StatisticsKey, people: number, rate = people / 100): StatisticsCell<'rate'> => ({ key, people, measures: { rate } });

/** Every line along each dimension holds zero or at least two withheld cells. */
function noLoneWithheld(disclosed: ReturnType<typeof discloseCells>, fields: (keyof StatisticsKey)[]) {
  for (const varying of fields) {
    const lines = new Map<string, number>();
    for (const { cell: c, suppression } of disclosed) {
      const rest = JSON.stringify(fields.filter((f) => f !== varying).map((f) => c.key[f]));
      lines.set(rest, (lines.get(rest) ?? 0) + (suppression ? 1 : 0));
    }
    for (const count of lines.values()) expect(count).not.toBe(1);
  }
}

describe('disclosure control', () => {
  it('withholds a group of fewer than K people, and the smallest sibling so the total cannot give it away', () => {
    const cells = [cell({ facultyKey: 1 }, 40), cell({ facultyKey: 2 }, 3), cell({ facultyKey: 3 }, 12), cell({ facultyKey: 4 }, 25)];
    const out = discloseCells(cells, [FACULTY], 5);
    expect(out.map((c) => c.suppression)).toEqual([null, 'PRIMARY', 'SECONDARY', null]);
  });

  it('leaves a table alone when every group is large enough, and withholds nothing with K = 1', () => {
    const cells = [cell({ facultyKey: 1 }, 5), cell({ facultyKey: 2 }, 6)];
    expect(discloseCells(cells, [FACULTY], 5).every((c) => c.suppression === null)).toBe(true);
    expect(discloseCells([cell({ facultyKey: 1 }, 1), cell({ facultyKey: 2 }, 9)], [FACULTY], 1).every((c) => c.suppression === null)).toBe(true);
  });

  it('does not withhold a group of no one (vacant positions), nor pick it as the secondary partner', () => {
    const cells = [cell({ facultyKey: 1 }, 0), cell({ facultyKey: 2 }, 2), cell({ facultyKey: 3 }, 30)];
    expect(discloseCells(cells, [FACULTY], 5).map((c) => c.suppression)).toEqual([null, 'PRIMARY', 'SECONDARY']);
  });

  it('in two dimensions, leaves no row or column with a lone withheld group (cascading until stable)', () => {
    const cells: StatisticsCell<'rate'>[] = [];
    const sizes = [
      [30, 2, 40],
      [25, 18, 3],
      [9, 50, 11],
    ];
    sizes.forEach((row, f) => row.forEach((people, g) => cells.push(cell({ facultyKey: f, groupKey: g }, people))));
    const out = discloseCells(cells, [FACULTY, StatisticsDimension.GROUP], 5);
    expect(out.filter((c) => c.suppression === 'PRIMARY').map((c) => c.cell.people).sort()).toEqual([2, 3]);
    expect(out.filter((c) => c.suppression === 'SECONDARY').length).toBeGreaterThanOrEqual(2);
    noLoneWithheld(out, ['facultyKey', 'groupKey']);
  });

  it('keeps a lone group of a line when no sibling counts anyone (its margin is itself and withheld there too)', () => {
    const out = discloseCells([cell({ facultyKey: 1, gender: null }, 3)], [FACULTY, GENDER], 5);
    expect(out[0].suppression).toBe('PRIMARY');
  });
});

describe('conditions and order on a disclosed table', () => {
  const table = {
    cells: [cell({ facultyKey: 1 }, 40, 0.9), cell({ facultyKey: 2 }, 3, 0.1), cell({ facultyKey: 3 }, 12, 0.5), cell({ facultyKey: 4 }, 25, 0.7)],
    total: cell({}, 80, 0.7),
  };

  it('never lets a condition meet a withheld group, whatever its value', () => {
    const shaped = shapeTable(table, { dimensions: [FACULTY], minGroupSize: 5, having: [{ measure: 'rate', comparison: 'LT', value: 0.2 }] });
    expect(shaped.cells).toEqual([]);
    expect(shaped.withheld).toBe(2);
    const exact = shapeTable(table, { dimensions: [FACULTY], minGroupSize: 1, having: [{ measure: 'rate', comparison: 'LT', value: 0.2 }] });
    expect(exact.cells.map((c) => c.cell.key.facultyKey)).toEqual([2]);
  });

  it('orders shown groups by the measure and puts withheld groups last in key order', () => {
    const shaped = shapeTable(table, { dimensions: [FACULTY], minGroupSize: 5, orderBy: [{ measure: 'rate', descending: false }] });
    expect(shaped.cells.map((c) => [c.cell.key.facultyKey, c.suppression])).toEqual([
      [4, null],
      [1, null],
      [2, 'PRIMARY'],
      [3, 'SECONDARY'],
    ]);
  });

  it('withholds the total when it counts too few people', () => {
    const small = { cells: [cell({ facultyKey: 1 }, 2), cell({ facultyKey: 2 }, 1)], total: cell({}, 3) };
    expect(shapeTable(small, { dimensions: [FACULTY], minGroupSize: 5 }).total.suppression).toBe('PRIMARY');
    expect(shapeTable(small, { dimensions: [FACULTY], minGroupSize: 1 }).total.suppression).toBeNull();
  });
});
