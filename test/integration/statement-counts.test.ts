/**
 * STATEMENT_COUNTS=true (benchmarks): each HTTP response reports the SQL statements its request
 * sent per database in `extensions.sqlStatements` — the real counts — and nothing by default.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const GROUP_PAGE = /* GraphQL */ `
  query GroupPage {
    groups(first: 3) {
      nodes {
        name
        students(first: 5) { nodes { fullName semesters { gpa } loans(first: 2) { nodes { title } } dormitoryPlacement { status } } }
      }
    }
  }`;

describe('extensions.sqlStatements', () => {
  let counting: TestHub;
  let plain: TestHub;
  beforeAll(async () => {
    counting = await startTestHub({ env: { STATEMENT_COUNTS: 'true' } });
    plain = await startTestHub();
  });
  afterAll(async () => {
    await counting?.close();
    await plain?.close();
  });

  it('reports the statements the request really sent, per database', async () => {
    const response = await counting.execute(GROUP_PAGE);
    expect(response.errors).toBeUndefined();
    const reported = (response as { extensions?: { sqlStatements?: Record<string, number> } }).extensions?.sqlStatements;
    // The hub's own QueryStats of that request (what the N+1 tests read) says the same.
    const counted = Object.fromEntries(Object.entries(counting.stats()).filter(([, n]) => n > 0));
    expect(reported).toEqual(counted);
    expect(reported!.avn).toBeGreaterThanOrEqual(3);
    expect(reported!.library).toBe(1);
  });

  it('counts each request on its own', async () => {
    const first = await counting.execute('{ faculties { name } }');
    const second = await counting.execute('{ faculties { name } }');
    expect((first as any).extensions.sqlStatements).toEqual({ avn: 1 });
    expect((second as any).extensions.sqlStatements).toEqual({ avn: 1 });
  });

  it('is absent by default', async () => {
    const response = await plain.execute(GROUP_PAGE);
    expect(response.errors).toBeUndefined();
    expect((response as { extensions?: unknown }).extensions).toBeUndefined();
  });
});
