/**
 * The registry rebuild against real databases with hand-made records: what it links, what it sends
 * to review, that a re-run renumbers nobody, that a source that is down is skipped and keeps its
 * links, that no PIN or name reaches the log, and that the loaders batch.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { setLogSink } from '../../src/common/logger';
import { createIdentityLoaders } from '../../src/hub/identity/identity.loaders';
import { rebuildIdentityRegistry } from '../../src/hub/identity/identity.service';
import { createIdentityTestDatabases, urlFor, type IdentityTestDatabases } from '../helpers/identity-test-db';

const PIN_KEY = 'test-pin-key';
const P1 = '21409200300011';
const P3 = '21001200400033';
const P4 = '21003200400044';
const P5 = '21003200400055';

let dbs: IdentityTestDatabases<'hub' | 'avn' | 'library' | 'dormitory'>;
const logLines: string[] = [];

async function seedFixtures(): Promise<void> {
  const { avn, library, dormitory } = dbs.pools;
  await avn.query(`
    insert into fakultet (kod, name_ky, name_ru, short_name) values ('F1', 'Ф', 'Ф', 'Ф');
    insert into kafedra (fak_id, name_ky, name_ru) values (1, 'К', 'К');
    insert into specialnost (fak_id, kaf_id, shifr, name_ky, name_ru, uroven, srok_let) values (1, 1, '510000', 'С', 'С', 'bakalavr', 4);
    insert into gruppa (spec_id, name, kurs, god_postupleniya) values (1, 'ПИ-1-24', 1, 2024);`);
  const student = `insert into students (zachetka, grp_id, fam, imya, otch, pin, data_rojd, pol, forma_oplaty, status_id, data_postupleniya)
                   values ($1, 1, $2, $3, $4, $5, $6, 'M', 'B', 1, '2024-09-01')`;
  await avn.query(student, ['Z1', 'Жумабаев', 'Айбек', 'Бакытович', P1, '2003-09-14']); // stud 1
  await avn.query(student, ['Z2', 'Өмүрбекова', 'Нургүл', null, null, '2004-01-02']); // stud 2
  await avn.query(student, ['Z3', 'Бакыт уулу', 'Нурлан', null, P3, '2004-05-05']); // stud 3
  await avn.query(student, ['Z4', 'Асанов', 'Нурлан', null, P4, '2004-03-01']); // stud 4
  await avn.query(student, ['Z5', 'Асанов', 'Нурлан', null, P5, '2004-03-01']); // stud 5
  await avn.query(
    `insert into sotrudnik (tabel_nomer, fam, imya, otch, pin, data_rojd, pol, is_pps)
     values ('T1', 'Жумабаев', 'Айбек', 'Бакытович', $1, '2003-09-14', 'M', false)`,
    [P1],
  );
  await avn.query(
    `insert into abiturient (fam, imya, otch, pin, data_rojd, pol, spec_id, data_podachi, status, stud_id) values
       ('Бакыт уулу', 'Нурлан', null, $1, '2004-05-05', 'M', 1, '2024-07-01', 'zachislen', 3),
       ('Өмүрбекова', 'Нургүл', null, null, '2004-01-02', 'J', 1, '2024-07-01', 'zachislen', 2)`,
    [P3],
  );

  await library.query(`insert into branches values ('MAIN', 'Main'); insert into categories values ('ST', 'Student'), ('EX', 'External');`);
  const borrower = `insert into borrowers (cardnumber, surname, firstname, othernames, dateofbirth, categorycode, branchcode, dateenrolled, dateexpiry)
                    values ($1, $2, $3, null, $4, $5, 'MAIN', '2024-09-01', '2028-09-01') returning borrowernumber`;
  const b1 = (await library.query(borrower, ['C1', 'Zhumabaev', 'Aibek', null, 'ST'])).rows[0].borrowernumber;
  await library.query(`insert into borrower_attributes (borrowernumber, code, attribute) values ($1, 'PIN', $2)`, [b1, P1]);
  await library.query(borrower, ['C2', 'Omurbekova', 'Nurgul', '2004-01-02', 'ST']); // 2: by name + birth date
  await library.query(borrower, ['C3', 'Asanov', 'Nurlan', '2004-03-01', 'ST']); // 3: two namesakes → ambiguous
  await library.query(borrower, ['C4', 'Smith', 'John', '1970-01-01', 'EX']); // 4: external reader
  await library.query(borrower, ['C5', 'Zhumabaev', 'Aibek', '2003-09-15', 'EX']); // 5: near miss (a typo of 2003-09-14?) → no_match

  await dormitory.query(
    `insert into residents (pin, last_name, first_name, middle_name, birth_date, student_number, resident_type) values
       (null, 'Jumabaev', 'Aybek', null, null, 'Z1', 'student'),
       ($1, 'Токтосунов', 'Марат', null, '2002-01-01', null, 'guest')`,
    [P1],
  );
}

async function linkMap(): Promise<Map<string, number>> {
  const { rows } = await dbs.pools.hub.query(`select source, local_key, person_id from identity_link`);
  return new Map(rows.map((r) => [`${r.source}:${r.local_key}`, Number(r.person_id)]));
}

beforeAll(async () => {
  dbs = await createIdentityTestDatabases(inject('pgAdminUrl'), ['hub', 'avn', 'library', 'dormitory'] as const);
  await seedFixtures();
  setLogSink((line) => logLines.push(line));
});

afterAll(async () => {
  setLogSink((line) => process.stderr.write(line + '\n'));
  await dbs?.drop();
});

describe('rebuildIdentityRegistry', () => {
  const sources = () => ({ avn: dbs.pools.avn, library: dbs.pools.library, dormitory: dbs.pools.dormitory });

  it('links, reviews and reports', async () => {
    const report = await rebuildIdentityRegistry({ hub: dbs.pools.hub, sources: sources(), pinKey: PIN_KEY });
    expect(report.skippedSources).toEqual([]);
    expect(report.sources).toMatchObject({ avn: { status: 'read', records: 8 }, library: { status: 'read', records: 5 }, dormitory: { status: 'read', records: 2 } });
    const links = await linkMap();
    const person = links.get('avn.student:1')!;
    expect(links.get('avn.employee:1')).toBe(person);
    expect(links.get('library.borrower:1')).toBe(person);
    expect(links.get('dormitory.resident:1')).toBe(person);
    expect(links.get('library.borrower:2')).toBe(links.get('avn.student:2'));
    expect(links.get('avn.applicant:1')).toBe(links.get('avn.student:3'));
    expect(links.get('avn.applicant:2')).toBe(links.get('avn.student:2'));
    expect(links.has('library.borrower:3')).toBe(false); // ambiguous
    expect(links.has('dormitory.resident:2')).toBe(false); // conflict
    expect(links.get('library.borrower:4')).toBeGreaterThan(0); // external reader
    expect(links.get('library.borrower:5')).not.toBe(person); // near miss, own person

    // People: 5 students (one also an employee) + external reader + near miss.
    expect(report.people).toBe(7);
    // pin: the employee, borrower 1 and applicant 1; student number: resident 1 and applicant 2 (no PIN).
    expect(report.links).toMatchObject({ anchor: 7, pin: 3, student_number: 2, name_birth_date: 1, manual: 0 });
    expect(report.reviews).toEqual({ ambiguous: 1, conflict: 1, no_match: 1, near_name: 0, link_broken: 0 });

    const reviews = (await dbs.pools.hub.query(`select source, local_key, reason, candidate_person_ids from identity_review order by id`)).rows;
    expect(reviews).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'library.borrower', local_key: '3', reason: 'ambiguous' }),
        expect.objectContaining({ source: 'dormitory.resident', local_key: '2', reason: 'conflict' }),
        expect.objectContaining({ source: 'library.borrower', local_key: '5', reason: 'no_match' }),
      ]),
    );
    const ambiguous = reviews.find((r) => r.reason === 'ambiguous')!;
    expect(ambiguous.candidate_person_ids.map(Number).sort()).toEqual([links.get('avn.student:4'), links.get('avn.student:5')].sort());

    // The person keeps a keyed digest of the PIN, never the PIN.
    const digest = crypto.createHmac('sha256', PIN_KEY).update(P1).digest('hex');
    const stored = (await dbs.pools.hub.query(`select id, pin_digest, name_key, birth_date::text from person where id = $1`, [person])).rows[0];
    expect(stored).toMatchObject({ pin_digest: digest, name_key: 'aibek jumabaev', birth_date: '2003-09-14' });
    const meta = (await dbs.pools.hub.query(`select value from hub_meta where key = 'identity.last_rebuild'`)).rows[0];
    expect(JSON.parse(meta.value).people).toBe(7);
  });

  it('is idempotent: a re-run creates nothing and renumbers nobody', async () => {
    const before = await linkMap();
    const report = await rebuildIdentityRegistry({ hub: dbs.pools.hub, sources: sources(), pinKey: PIN_KEY });
    expect(report.created.people).toBe(0);
    expect(Object.values(report.created.links).reduce((a, b) => a + b, 0)).toBe(0);
    expect(report.keptLinks).toBe(before.size);
    expect(await linkMap()).toEqual(before);
    expect(report.reviews).toEqual({ ambiguous: 1, conflict: 1, no_match: 1, near_name: 0, link_broken: 0 });
  });

  it('matches a new record against the existing registry', async () => {
    const before = await linkMap();
    await dbs.pools.library.query(
      `insert into borrowers (cardnumber, surname, firstname, dateofbirth, categorycode, branchcode, dateenrolled, dateexpiry)
       values ('C6', 'Nurlan', 'Bakyt uulu', '2004-05-05', 'ST', 'MAIN', '2025-09-01', '2029-09-01')`,
    );
    const report = await rebuildIdentityRegistry({ hub: dbs.pools.hub, sources: sources(), pinKey: PIN_KEY });
    const after = await linkMap();
    expect(report.created.people).toBe(0);
    expect(after.get('library.borrower:6')).toBe(before.get('avn.student:3'));
    for (const [key, id] of before) expect(after.get(key)).toBe(id);
  });

  it('skips a source that is down and keeps its links', async () => {
    const before = await linkMap();
    const down = new pg.Pool({ connectionString: urlFor(inject('pgAdminUrl'), 'idtest_no_such_database'), connectionTimeoutMillis: 2000 });
    try {
      const report = await rebuildIdentityRegistry({ hub: dbs.pools.hub, sources: { avn: dbs.pools.avn, library: down, dormitory: null }, pinKey: PIN_KEY });
      expect(report.skippedSources).toEqual(['dormitory', 'library']);
      expect(report.sources.avn.status).toBe('read');
      expect(await linkMap()).toEqual(before);
      expect(logLines.some((line) => line.includes('"level":"warn"') && line.includes('"source":"library"'))).toBe(true);
    } finally {
      await down.end();
    }
  });

  it('removes the link of a record that left its source', async () => {
    await dbs.pools.library.query(`delete from borrowers where borrowernumber = 4`);
    const report = await rebuildIdentityRegistry({ hub: dbs.pools.hub, sources: sources(), pinKey: PIN_KEY });
    expect(report.removedLinks).toBe(1);
    expect((await linkMap()).has('library.borrower:4')).toBe(false);
  });

  it('never logs a PIN or a name', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const log = logLines.join('\n');
    for (const secret of [P1, P3, P4, P5, 'Жумабаев', 'Zhumabaev', 'aibek', 'jumabaev', 'Asanov', 'Smith']) expect(log).not.toContain(secret);
  });
});

describe('identity loaders', () => {
  it('batch each kind of lookup into one statement', async () => {
    const statements: string[] = [];
    const loaders = createIdentityLoaders(async (sql, params) => {
      statements.push(sql);
      return (await dbs.pools.hub.query(sql, params)).rows;
    });
    const links = await linkMap();
    const [a, b, c, missing] = await Promise.all([
      loaders.personIdByRecord.load('avn.student:1'),
      loaders.personIdByRecord.load('library.borrower:1'),
      loaders.personIdByRecord.load('avn.employee:1'),
      loaders.personIdByRecord.load('library.borrower:3'),
    ]);
    expect(statements).toHaveLength(1);
    expect([a, b, c]).toEqual([links.get('avn.student:1'), links.get('avn.student:1'), links.get('avn.student:1')]);
    expect(missing).toBeNull();
    // 'avn.student:1' must not pick up 'library.borrower:1''s row through the cross product.
    expect(await loaders.personIdByRecord.load('dormitory.resident:5')).toBeNull();

    statements.length = 0;
    const [records, none] = await Promise.all([loaders.recordsByPerson.load(a!), loaders.recordsByPerson.load(-1)]);
    expect(statements).toHaveLength(1);
    expect(records.map((r) => `${r.source}:${r.localKey}`).sort()).toEqual(['avn.employee:1', 'avn.student:1', 'dormitory.resident:1', 'library.borrower:1']);
    expect(records.find((r) => r.source === 'avn.student')).toMatchObject({ method: 'anchor', confidence: 1 });
    expect(none).toEqual([]);
    await expect(loaders.personIdByRecord.load('no-colon')).rejects.toThrow(/Not a record key/);
  });
});
