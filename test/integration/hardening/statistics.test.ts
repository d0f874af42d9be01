/**
 * Issue 12: a statistic aggregates whole tables of a source, so every way of asking for one goes
 * through the shared limits before any SQL — its weight in the statement limit, its bounded
 * arguments, the viewer's domain and reach — and its cursors cannot be carried to another grouping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../src/auth/viewer';
import { DATABASE_NAMES } from '../../../src/config';
import { AGGREGATE_STATEMENT_WEIGHT } from '../../../src/graphql/data-fields';
import { startTestHub, type TestHub } from '../../helpers/test-hub';

const NO_STATEMENTS = Object.fromEntries(DATABASE_NAMES.map((name) => [name, 0]));
const STAT = 'gradeStatistics(groupBy: [FACULTY]) { totalCount nodes { people } }';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.close();
});

describe('statistics go through the shared limits before any SQL', () => {
  it('counts a statistic as many statements: an anonymous caller cannot ask for one, an account for at most a few at once', async () => {
    const anonymous = await t.anonymous.execute(`{ ${STAT} }`);
    expect(anonymous.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limitName: 'statements' });
    expect(t.stats()).toEqual(NO_STATEMENTS);

    const most = Math.floor(t.config.limits.authenticated.maxStatements / AGGREGATE_STATEMENT_WEIGHT);
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `s${i}: ${STAT}`).join(' ')} }`;
    const tooMany = await t.execute(aliases(most + 1));
    expect(tooMany.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limitName: 'statements' });
    expect(t.stats()).toEqual(NO_STATEMENTS);
    const fits = await t.execute(aliases(2));
    expect(fits.errors).toBeUndefined();
  });

  it('refuses more than four dimensions or more than ten conditions, with VALIDATION_FAILED and no statement', async () => {
    const five = await t.execute('{ gradeStatistics(groupBy: [FACULTY, PROGRAMME, GROUP, GENDER, SEMESTER]) { totalCount } }');
    expect(five.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'groupBy', maxItems: 4 });
    expect(t.stats()).toEqual(NO_STATEMENTS);
    const conditions = Array.from({ length: 11 }, () => '{ measure: PEOPLE, comparison: GT, value: 1 }').join(', ');
    const eleven = await t.execute(`{ gradeStatistics(groupBy: [FACULTY], having: [${conditions}]) { totalCount } }`);
    expect(eleven.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'having', maxItems: 10 });
    expect(t.stats()).toEqual(NO_STATEMENTS);
  });

  it('gives none to a student, nor to a viewer without the domain, before any SQL', async () => {
    const [studentRow] = await t.rows<{ stud_id: number }>('avn', 'select min(stud_id) as stud_id from students');
    const student = await t.as({ role: Role.STUDENT, studentKey: studentRow.stud_id });
    const mine = await student.execute(`{ ${STAT} }`);
    expect(mine.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(t.stats()).toEqual(NO_STATEMENTS);
    const library = await t.as({ role: Role.LIBRARY });
    const grades = await library.execute(`{ ${STAT} }`);
    expect(grades.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(t.stats()).toEqual(NO_STATEMENTS);
  });

  it('binds a cursor to its grouping, filter and order: carried to another it is INVALID_CURSOR', async () => {
    const first = await t.data('{ gradeStatistics(groupBy: [GROUP], first: 2) { pageInfo { endCursor hasNextPage } } }');
    const cursor = first.gradeStatistics.pageInfo.endCursor;
    expect(first.gradeStatistics.pageInfo.hasNextPage).toBe(true);
    const next = await t.execute('query ($after: String) { gradeStatistics(groupBy: [GROUP], first: 2, after: $after) { nodes { people } } }', { after: cursor });
    expect(next.errors).toBeUndefined();
    const other = await t.execute('query ($after: String) { gradeStatistics(groupBy: [GROUP], where: { semester: 1 }, first: 2, after: $after) { nodes { people } } }', { after: cursor });
    expect(other.errors![0].extensions!.code).toBe('INVALID_CURSOR');
  });
});
