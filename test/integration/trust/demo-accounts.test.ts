/**
 * Issue 10, item 7: the README's demo `student` account is the student it names — the GraphiQL
 * study card's student where the demo has it, else the fallback the README states.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE_STUDENT } from '../../../src/auth/credentials/demo-accounts';
import { FIRST_QUERY } from '../../../src/server/graphiql';
import { startTestHub, type TestHub } from '../../helpers/test-hub';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.close();
});

describe('10.7 the demo student account is the student the README names', () => {
  it('GraphiQL, the README and the account agree on the showcase student number', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    expect(FIRST_QUERY).toContain(`student(studentNumber: "${SHOWCASE_STUDENT}")`);
    expect(readme).toContain(`student(studentNumber: "${SHOWCASE_STUDENT}")`);
    expect(readme).toMatch(new RegExp(`\\| \`student\` \\| STUDENT \\| student ${SHOWCASE_STUDENT}, the GraphiQL study card's student`));
  });

  it('logs in as the showcase student when the demo has it, else as the lowest studying record', async () => {
    const [showcase] = await t.rows('avn', 'select stud_id, zachetka from students where zachetka = $1', [SHOWCASE_STUDENT]);
    const [fallback] = await t.rows('avn', 'select stud_id, zachetka from students where status_id = 1 order by stud_id limit 1');
    const expected = (showcase ?? fallback).zachetka;
    const login = await t.anonymous.data('mutation { login(login: "student", password: "student-demo-2026") { accessToken } }');
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.login.accessToken}` },
      body: JSON.stringify({ query: '{ students(first: 5) { totalCount nodes { studentNumber } } }' }),
    });
    const body = (await response.json()) as { data: { students: { totalCount: number; nodes: { studentNumber: string }[] } } };
    expect(body.data.students).toEqual({ totalCount: 1, nodes: [{ studentNumber: expected }] });
  });
});
