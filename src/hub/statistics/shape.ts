/**
 * A statistic's table as a viewer gets it, whatever computed it: disclosure control first, then
 * the conditions on measures (HAVING), then the order. A withheld cell never meets a condition on
 * a measure (its value is unknown to the viewer, so it cannot be probed) and sorts after the
 * shown cells whatever the order (its place would tell its size).
 */
import { KEY_FIELD, type StatisticsCell, type StatisticsDimension, type StatisticsTable } from '../../domain/statistics';
import { discloseCells, tooFewPeople, type DisclosedCell } from './disclosure';

export type Comparison = 'GT' | 'GTE' | 'LT' | 'LTE' | 'EQ' | 'NE';

/** `measure op value`; `people` is the distinct people of a cell. */
export interface MeasureCondition<M extends string> {
  measure: M | 'people';
  comparison: Comparison;
  value: number;
}

export interface MeasureOrder<M extends string> {
  measure: M | 'people';
  descending: boolean;
}

export interface ShapeOptions<M extends string> {
  dimensions: readonly StatisticsDimension[];
  /** The smallest group shown; ≤ 1 shows every group (a viewer with personal-data scope). */
  minGroupSize: number;
  having?: readonly MeasureCondition<M>[];
  orderBy?: readonly MeasureOrder<M>[];
}

export interface ShapedTable<M extends string> {
  cells: DisclosedCell<StatisticsCell<M>>[];
  total: DisclosedCell<StatisticsCell<M>>;
  /** How many cells are withheld (primary and secondary), before conditions. */
  withheld: number;
}

const COMPARE: Record<Comparison, (a: number, b: number) => boolean> = {
  GT: (a, b) => a > b,
  GTE: (a, b) => a >= b,
  LT: (a, b) => a < b,
  LTE: (a, b) => a <= b,
  EQ: (a, b) => a === b,
  NE: (a, b) => a !== b,
};

export const measureOf = <M extends string>(cell: StatisticsCell<M>, measure: M | 'people'): number | null =>
  measure === 'people' ? cell.people : cell.measures[measure];

export function shapeTable<M extends string>(table: StatisticsTable<M>, options: ShapeOptions<M>): ShapedTable<M> {
  const { dimensions, minGroupSize, having = [], orderBy = [] } = options;
  const disclosed = discloseCells(table.cells, dimensions, minGroupSize);
  const withheld = disclosed.filter((c) => c.suppression).length;
  const kept = disclosed.filter(
    (c) =>
      having.length === 0 ||
      (!c.suppression &&
        having.every((h) => {
          const value = measureOf(c.cell, h.measure);
          return value !== null && COMPARE[h.comparison](value, h.value);
        })),
  );
  const fields = dimensions.map((d) => KEY_FIELD[d]);
  kept.sort((a, b) => {
    if (orderBy.length) {
      if (!!a.suppression !== !!b.suppression) return a.suppression ? 1 : -1;
      if (!a.suppression) {
        for (const o of orderBy) {
          const order = compareNullsLast(measureOf(a.cell, o.measure), measureOf(b.cell, o.measure), o.descending);
          if (order) return order;
        }
      }
    }
    for (const f of fields) {
      const order = compareNullsLast(a.cell.key[f] ?? null, b.cell.key[f] ?? null, false);
      if (order) return order;
    }
    return 0;
  });
  const total = { cell: table.total, suppression: minGroupSize > 1 && tooFewPeople(table.total.people, minGroupSize) ? ('PRIMARY' as const) : null };
  return { cells: kept, total, withheld };
}

function compareNullsLast(a: string | number | null, b: string | number | null, descending: boolean): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const order = a < b ? -1 : 1;
  return descending ? -order : order;
}
