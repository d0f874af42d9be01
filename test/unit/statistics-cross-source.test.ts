/** The pure part of cross-source statistics: AVN's cells joined with the registry's links (src/hub/statistics/cross-source.ts). */
import { describe, expect, it } from 'vitest';
import { StatisticsDimension, type StatisticsTable } from '../../src/domain/statistics';
import { crossSourceStatistics, recordCells } from '../../src/hub/statistics/cross-source';

const students = {
  cells: [{ facultyKey: 1 }, { facultyKey: 2 }],
  studentKeys: [10, 11, 12],
  cellIndexes: [0, 1, 1],
  studentNumbers: ['A10', 'A11', 'A12'],
  everyStudent: false,
};

describe('recordCells', () => {
  it('gives each linked record of a mapped student that student\'s cell, all cards of a person, and leaves out records of students outside the map', () => {
    const links = { localKeys: ['c1', 'c2', 'c3', 'c4'], people: ['p1', 'p1', 'p2', 'p9'], studentKeys: [10, 10, 12, 99] };
    expect(recordCells(students, links)).toEqual({
      cells: students.cells, everyStudent: false, localKeys: ['c1', 'c2', 'c3'], cellIndexes: [0, 0, 1], people: ['p1', 'p1', 'p2'],
    });
  });

  it('keys students by number where the other source does, a student without a registry person counting as itself', () => {
    const links = { localKeys: ['10', '12'], people: ['p1', 'p2'], studentKeys: [10, 12] };
    expect(recordCells(students, links, true)).toMatchObject({ localKeys: ['A10', 'A11', 'A12'], cellIndexes: [0, 1, 1], people: ['p1', 'student:11', 'p2'] });
  });
});

describe('crossSourceStatistics', () => {
  it('splits the dimensions between AVN and the other source, and gives only the total without dimensions', async () => {
    const seen: unknown[] = [];
    const table: StatisticsTable<'n'> = { cells: [{ key: { facultyKey: 1, buildingKey: 3 }, people: 5, measures: { n: 1 } }], total: { key: {}, people: 5, measures: { n: 1 } } };
    const steps = {
      studentDimensions: new Set([StatisticsDimension.FACULTY]),
      studentCells: async (dimensions: readonly StatisticsDimension[]) => (seen.push(['avn', dimensions]), students),
      recordLinks: async () => ({ localKeys: [], people: [], studentKeys: [] }),
      aggregate: async (request: { dimensions: readonly StatisticsDimension[] }) => (seen.push(['source', request.dimensions]), table),
    };
    expect(await crossSourceStatistics([StatisticsDimension.BUILDING, StatisticsDimension.FACULTY], steps)).toBe(table);
    expect(seen).toEqual([['avn', ['FACULTY']], ['source', ['BUILDING']]]);
    expect((await crossSourceStatistics([], steps)).cells).toEqual([]);
  });
});
