/**
 * No N+1: a nested query costs the same number of SQL statements per database however many
 * parents it spans, and at most one per source per level of the query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupPageDocument } from '../generated/graphql';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.close();
});

async function statementsFor(groups: number, students: number) {
  const result = await t.execute(GroupPageDocument, { groups, students });
  expect(result.errors).toBeUndefined();
  const nodes = result.data!.groups!.nodes;
  const studentCount = nodes.reduce((n, g) => n + g.students.nodes.length, 0);
  return { stats: t.stats(), groupCount: nodes.length, studentCount };
}

describe('statements per nested query (groups → students → grades, loans, placement)', () => {
  it('are the same for 5 groups and for 50', async () => {
    const small = await statementsFor(5, 30);
    const large = await statementsFor(50, 30);
    // The larger page really spans more parents, or the comparison would prove nothing.
    expect(large.groupCount).toBeGreaterThan(small.groupCount);
    expect(large.studentCount).toBeGreaterThan(small.studentCount);
    expect(large.stats).toEqual(small.stats);
  });

  it('are at most one per source per level', async () => {
    const { stats, studentCount } = await statementsFor(50, 30);
    expect(studentCount).toBeGreaterThan(100);
    // Levels: 1 groups (avn) → 2 students (avn) → 3 grades (avn) and, through the identity
    // registry (hub: one lookup for the level), loans (library) and placement (dormitory) →
    // 4 the placement's room (dormitory).
    expect(stats.avn).toBeLessThanOrEqual(3);
    expect(stats.hub).toBeLessThanOrEqual(1);
    expect(stats.library).toBeLessThanOrEqual(1);
    expect(stats.dormitory).toBeLessThanOrEqual(2);
    expect(stats.qrvisit).toBe(0);
    expect(stats.registrar).toBe(0);
  });
});
