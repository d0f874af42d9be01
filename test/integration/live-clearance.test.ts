/**
 * clearanceRequired over real WebSockets: an expulsion order ('otchislenie') written with plain
 * SQL into AVN and then signed names a student who holds a library loan (found across avn, the
 * hub's identity registry and the library); a LIBRARY key's subscriber receives the clearance
 * event naming that student and its loans; a DORMITORY key's subscriber gets no library event.
 * With `after`, the event is replayed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/viewer';
import { toGlobalId } from '../../src/domain/global-id';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { closeAll, subscribe as subscribeOver, waitFor } from '../helpers/subscriber';

let t: TestHub;
/** A student with a current loan: its key, faculty and the issue ids out on its linked borrower records. */
let debtor: { studKey: number; facultyKey: number; issueIds: number[] };
/** More students with a current loan (for an order naming several). */
let otherDebtors: number[];

const SUBSCRIPTION = `subscription ($where: ClearanceEventWhere, $after: String) {
  clearanceRequired(where: $where, after: $after) { cursor unit orderType student { id } loans { id } placement { id } at }
}`;

interface Received { cursor: string; unit: string; orderType: string; student: { id: string } | null; loans: { id: string }[] | null; placement: { id: string } | null }


/** Subscribes to SUBSCRIPTION with these credentials over a real WebSocket. */
const subscribe = (authorization: string, variables: Record<string, unknown>) =>
  subscribeOver<Received>(t.url, authorization, SUBSCRIPTION, variables);

beforeAll(async () => {
  t = await startTestHub();
  // Borrowers with copies out now, and the AVN students the registry links to the same person.
  const out = await t.rows<{ borrowernumber: number }>('library', 'select distinct borrowernumber from issues order by borrowernumber');
  const links = await t.rows<{ stud_key: string; borrower: string }>('hub', `
    select s.local_key as stud_key, b.local_key as borrower
      from identity_link s join identity_link b on b.person_id = s.person_id and b.source = 'library.borrower'
     where s.source = 'avn.student' and b.local_key = any($1::text[])
     order by s.local_key::int, b.local_key::int`, [out.map((o) => String(o.borrowernumber))]);
  expect(links.length, 'a student linked to a borrower with a current loan').toBeGreaterThan(0);
  const studKey = Number(links[0].stud_key);
  otherDebtors = [...new Set(links.map((l) => Number(l.stud_key)))].filter((k) => k !== studKey).slice(0, 2);
  // Every borrower record of that student's person (it may hold several cards).
  const borrowers = await t.rows<{ local_key: string }>('hub', `
    select b.local_key from identity_link s join identity_link b on b.person_id = s.person_id and b.source = 'library.borrower'
     where s.source = 'avn.student' and s.local_key = $1`, [String(studKey)]);
  const issues = await t.rows<{ issue_id: number }>('library', 'select issue_id from issues where borrowernumber = any($1::int[]) order by issue_id', [
    borrowers.map((b) => Number(b.local_key)),
  ]);
  const [{ fak_id }] = await t.rows('avn', `select sp.fak_id from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id
    where s.stud_id = $1`, [studKey]);
  debtor = { studKey, facultyKey: fak_id, issueIds: issues.map((i) => i.issue_id) };
});

afterAll(async () => {
  await closeAll();
  await t?.close();
});

describe('clearanceRequired', () => {
  it('a signed expulsion of a student with a loan reaches the library (with its loans), not the dormitory office; replayed with `after`', async () => {
    const library = await t.as({ role: Role.LIBRARY, apiKey: true });
    const dormitory = await t.as({ role: Role.DORMITORY, apiKey: true });
    const libSub = await subscribe(library.authorization!, { where: { unit: 'LIBRARY' } });
    const dormSub = await subscribe(dormitory.authorization!, {});

    const avn = t.sql('avn');
    const client = await avn.connect();
    let prikazId: number;
    try {
      await client.query('begin');
      [{ prikaz_id: prikazId }] = (await client.query(`insert into prikaz (nomer, data, tip_id, fak_id, status)
        values ('CLEAR-1', current_date, (select tip_id from prikaz_tip where kod = 'otchislenie'), $1, 'proekt') returning prikaz_id`, [debtor.facultyKey])).rows;
      await client.query('insert into prikaz_student (prikaz_id, stud_id) values ($1, $2)', [prikazId, debtor.studKey]);
      await client.query('commit');
    } finally {
      client.release();
    }
    // A draft is no clearance: sign it.
    await t.settled();
    expect(libSub.events).toEqual([]);
    await t.rows('avn', `update prikaz set status = 'podpisan' where prikaz_id = $1`, [prikazId]);

    await waitFor('the library clearance event', () => libSub.events.length > 0);
    await t.settled();
    expect(libSub.errors).toEqual([]);
    expect(dormSub.errors).toEqual([]);
    const [logged] = await t.rows('hub', `select max(cursor)::text as cursor from event_log where source = 'avn' and table_name = 'prikaz' and row_key = $1`, [String(prikazId)]);
    expect(libSub.events).toEqual([{
      cursor: `${logged.cursor}:${debtor.studKey}:LIBRARY`,
      unit: 'LIBRARY',
      orderType: 'EXPULSION',
      student: { id: toGlobalId('Student', debtor.studKey) },
      loans: debtor.issueIds.map((id) => ({ id: toGlobalId('Loan', id) })),
      placement: null,
      at: expect.any(String),
    }]);
    // The dormitory office sees only DORMITORY events (if the student also has a placement), never the library's.
    expect(dormSub.events.filter((e) => e.unit !== 'DORMITORY')).toEqual([]);
    for (const e of dormSub.events) expect(e.loans).toBeNull();

    // Replayed from just before the signing.
    const replay = await subscribe(library.authorization!, { where: { unit: 'LIBRARY' }, after: String(Number(logged.cursor) - 1) });
    await waitFor('the replayed event', () => replay.events.length > 0);
    expect(replay.events[0]).toMatchObject({ cursor: `${logged.cursor}:${debtor.studKey}:LIBRARY`, unit: 'LIBRARY', student: { id: toGlobalId('Student', debtor.studKey) } });
  });

  it('an order naming several debtors yields one event each; a subscriber resuming after the first gets the rest of that signing', async () => {
    expect(otherDebtors).toHaveLength(2);
    const library = await t.as({ role: Role.LIBRARY, apiKey: true });
    const live = await subscribe(library.authorization!, { where: { unit: 'LIBRARY' } });
    const [{ fak_id }] = await t.rows('avn', 'select fak_id from prikaz limit 1');
    const [{ prikaz_id: prikazId }] = await t.rows('avn', `insert into prikaz (nomer, data, tip_id, fak_id, status)
      values ('CLEAR-2', current_date, (select tip_id from prikaz_tip where kod = 'otchislenie'), $1, 'proekt') returning prikaz_id`, [fak_id]);
    for (const stud of otherDebtors) await t.rows('avn', 'insert into prikaz_student (prikaz_id, stud_id) values ($1, $2)', [prikazId, stud]);
    await t.rows('avn', `update prikaz set status = 'podpisan' where prikaz_id = $1`, [prikazId]);

    await waitFor('both clearance events', () => live.events.length >= 2);
    await t.settled();
    const [logged] = await t.rows('hub', `select max(cursor)::text as cursor from event_log where source = 'avn' and table_name = 'prikaz' and row_key = $1`, [String(prikazId)]);
    const sorted = [...otherDebtors].sort((a, b) => a - b);
    expect(live.events.map((e) => e.cursor)).toEqual(sorted.map((k) => `${logged.cursor}:${k}:LIBRARY`));
    expect(live.events.map((e) => e.student?.id)).toEqual(sorted.map((k) => toGlobalId('Student', k)));

    // The dashboard dropped after the first event of the signing: it resumes with that event's cursor.
    const resumed = await subscribe(library.authorization!, { where: { unit: 'LIBRARY' }, after: live.events[0].cursor });
    await waitFor('the rest of the signing', () => resumed.events.length >= 1);
    await t.settled();
    expect(resumed.events.map((e) => e.cursor)).toEqual([live.events[1].cursor]);
    // After the last event of the signing there is nothing left of it.
    const caughtUp = await subscribe(library.authorization!, { where: { unit: 'LIBRARY' }, after: live.events[1].cursor });
    await t.settled();
    expect(caughtUp.events).toEqual([]);
    expect(caughtUp.errors).toEqual([]);
    // A cursor that no event carried is refused with a clear code.
    const bad = await subscribe(library.authorization!, { where: { unit: 'LIBRARY' }, after: `${logged.cursor}:x:LIBRARY` });
    await waitFor('the refusal', () => bad.errors.length > 0);
    expect(JSON.stringify(bad.errors)).toContain('VALIDATION_FAILED');
  });
});
