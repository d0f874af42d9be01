/**
 * The demo university generator: seeded twice at a small scale into two sets of fresh databases
 * (native schemas from the migrations), it must give identical data, fill every table, keep PINs
 * valid and contain every kind of case the hub and its tests rely on (namesakes, Latin-typed
 * readers, expelled students with loans, contract debtors, free beds…), with a ground truth that
 * covers every person-bearing record.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SOURCE_NAMES, type SourceName } from '../../src/config';
import { generateDemo, seedDemo, type DemoResult } from '../../src/demo/generate';
import { GROUND_TRUTH_SOURCES } from '../../src/demo/ground-truth';
import { nativeSchemaSql } from '../../src/demo/native-schema';
import { isValidPin } from '../../src/demo/people';
import { copyPrefixOf } from '../global-setup';

const SCALE = 0.01;
const SEED = 7;
type Pools = Record<SourceName, pg.Pool>;

const prefix = `${copyPrefixOf(inject('templatePrefix'))}_demo_${randomBytes(3).toString('hex')}`;
const sets = ['a', 'b'] as const;
const pools = {} as Record<(typeof sets)[number], Pools>;
const results = {} as Record<(typeof sets)[number], DemoResult>;

function urlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const rows = async <T = any>(pool: pg.Pool, sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[];
const one = async <T = any>(pool: pg.Pool, sql: string, params: unknown[] = []) => (await rows<T>(pool, sql, params))[0];

beforeAll(async () => {
  await admin(async (client) => {
    for (const set of sets) for (const source of SOURCE_NAMES) await client.query(`create database "${prefix}_${set}_${source}"`);
  });
  for (const set of sets) {
    pools[set] = {} as Pools;
    for (const source of SOURCE_NAMES) {
      const pool = new pg.Pool({ connectionString: urlFor(inject('pgAdminUrl'), `${prefix}_${set}_${source}`), max: 4 });
      for (const sql of await nativeSchemaSql(source)) await pool.query(sql);
      pools[set][source] = pool;
    }
  }
  results.a = await seedDemo(pools.a, { seed: SEED, scale: SCALE, targets: SOURCE_NAMES });
  results.b = await seedDemo(pools.b, { seed: SEED, scale: SCALE, targets: SOURCE_NAMES });
});

afterAll(async () => {
  for (const set of sets) for (const pool of Object.values(pools[set] ?? {})) await pool.end();
  await admin(async (client) => {
    for (const set of sets) for (const source of SOURCE_NAMES) await client.query(`drop database if exists "${prefix}_${set}_${source}" with (force)`);
  });
});

describe('seeding at a small scale', () => {
  it('fills every table, with the counts the result reports', async () => {
    for (const [key, count] of Object.entries(results.a.counts)) {
      const [source, table] = key.split('.') as [SourceName, string];
      const { n } = await one(pools.a[source], `select count(*)::int as n from "${table}"`);
      expect(n, key).toBe(count);
      expect(n, `${key} is empty`).toBeGreaterThan(0);
    }
    // and nothing is missed: every table of every native schema is covered
    for (const source of SOURCE_NAMES) {
      const tables = await rows<{ t: string }>(pools.a[source], `select tablename as t from pg_tables where schemaname = current_schema()`);
      for (const { t } of tables) {
        const { n } = await one(pools.a[source], `select count(*)::int as n from "${t}"`);
        expect(n, `${source}.${t} is empty`).toBeGreaterThan(0);
      }
    }
  });

  it('is deterministic: the same seed and scale give identical data and ground truth', async () => {
    const checks: Array<[SourceName, string]> = [
      ['avn', 'students'], ['avn', 'sotrudnik'], ['avn', 'jurnal_otmetka'], ['avn', 'vedomost_str'], ['avn', 'oplata'], ['avn', 'prikaz'],
      ['library', 'borrowers'], ['library', 'old_issues'], ['library', 'accountlines'], ['dormitory', 'placements'], ['dormitory', 'residents'],
      ['registrar', 'service_requests'], ['registrar', 'request_status_history'], ['qrvisit', 'scan'], ['qrvisit', 'lesson_session'],
    ];
    for (const [source, table] of checks) {
      const sql = `select md5(string_agg(t::text, '|' order by t::text)) as h from "${table}" t`;
      const [a, b] = await Promise.all([one(pools.a[source], sql), one(pools.b[source], sql)]);
      expect(a.h, `${source}.${table}`).toBe(b.h);
    }
    expect([...results.a.groundTruth.records]).toEqual([...results.b.groundTruth.records]);
    expect(results.a.cases).toEqual(results.b.cases);
  });

  it('a different seed gives a different university', () => {
    const names = (seed: number) => {
      const students = generateDemo(seed, SCALE).sources.avn.tables.find((t) => t.name === 'students')!;
      return students.data[students.columns.indexOf('fam')].slice(0, 50);
    };
    expect(names(SEED)).toEqual(names(SEED));
    expect(names(SEED + 1)).not.toEqual(names(SEED));
  });

  it('moves every serial sequence past the inserted ids', async () => {
    const client = await pools.a.avn.connect();
    try {
      await client.query('begin');
      const { rows: inserted } = await client.query(
        `insert into students (zachetka, grp_id, fam, imya, data_rojd, pol, forma_oplaty, status_id, data_postupleniya)
         values ('TEST-1', 1, 'Тест', 'Тест', '2005-01-01', 'M', 'B', 1, '2026-09-01') returning stud_id`,
      );
      expect(inserted[0].stud_id).toBeGreaterThan(results.a.counts['avn.students']);
      await client.query('rollback');
    } finally {
      client.release();
    }
    const { max, next } = await one(pools.a.library, `select greatest((select max(issue_id) from issues), (select max(issue_id) from old_issues)) as max, (select last_value from issues_issue_id_seq) as next`);
    expect(Number(next)).toBeGreaterThan(Number(max));
  });
});

describe('personal data', () => {
  it('PINs are 14 digits with the sex digit and birth date of their owner', async () => {
    const pins = [
      ...(await rows(pools.a.avn, `select pin from students where pin is not null union all select pin from sotrudnik where pin is not null union all select pin from abiturient where pin is not null`)),
      ...(await rows(pools.a.library, `select attribute as pin from borrower_attributes where code = 'PIN'`)),
      ...(await rows(pools.a.dormitory, `select pin from residents where pin is not null`)),
      ...(await rows(pools.a.registrar, `select applicant_pin as pin from service_requests where applicant_pin is not null`)),
    ].map((r) => r.pin as string);
    expect(pins.length).toBeGreaterThan(100);
    for (const pin of pins) expect(isValidPin(pin), pin.replace(/\d/g, '#')).toBe(true);
    const { bad } = await one(
      pools.a.avn,
      `select count(*)::int as bad from students where pin is not null
        and (left(pin, 1) <> case pol when 'J' then '1' else '2' end or to_date(substr(pin, 2, 8), 'DDMMYYYY') <> data_rojd)`,
    );
    expect(bad).toBe(0);
    const { dup } = await one(pools.a.avn, `select count(*)::int as dup from (select pin from students where pin is not null group by pin having count(*) > 1) d`);
    expect(dup).toBe(0);
  });

  it('about 3% of students are foreign citizens without PIN', async () => {
    const { share, foreignWithPin } = await one(
      pools.a.avn,
      `select avg((pin is null)::int)::float as share, count(*) filter (where grajdanstvo <> 'KG' and pin is not null)::int as "foreignWithPin" from students`,
    );
    expect(share).toBeGreaterThan(0.005);
    expect(share).toBeLessThan(0.08);
    expect(foreignWithPin).toBe(0);
  });
});

describe('the cases the hub relies on', () => {
  it('has namesakes: two students with one full name and birth date, one of them a reader without PIN', async () => {
    const { namesakes } = results.a.cases;
    expect(namesakes.length).toBeGreaterThanOrEqual(2);
    for (const n of namesakes) {
      const pair = await rows(pools.a.avn, `select stud_id, fam, imya, otch, data_rojd::text, pin, grp_id from students where stud_id = any($1) order by stud_id`, [n.studIds]);
      expect(pair).toHaveLength(2);
      expect([pair[0].fam, pair[0].imya, pair[0].otch, pair[0].data_rojd]).toEqual([pair[1].fam, pair[1].imya, pair[1].otch, pair[1].data_rojd]);
      expect(pair[0].pin).not.toBe(pair[1].pin);
      expect(n.borrowernumber).not.toBeNull();
      const reader = await one(pools.a.library, `select surname, firstname, dateofbirth::text, (select count(*)::int from borrower_attributes a where a.borrowernumber = b.borrowernumber and code = 'PIN') as pins from borrowers b where borrowernumber = $1`, [n.borrowernumber]);
      expect(reader.pins).toBe(0);
      expect([reader.surname, reader.firstname, reader.dateofbirth]).toEqual([pair[0].fam, pair[0].imya, pair[0].data_rojd]);
      // the ground truth knows which of the two it is
      const truth = results.a.groundTruth.records;
      expect(truth.get(`library.borrower:${n.borrowernumber}`)).toBe(truth.get(`avn.student:${n.borrowerStudId}`));
      expect(truth.get(`avn.student:${n.studIds[0]}`)).not.toBe(truth.get(`avn.student:${n.studIds[1]}`));
    }
  });

  it('has twins (issue 10.5): a student\'s twin born the same day, a reader without PIN whose name is near the student\'s, and another person', async () => {
    const { twinReaders } = results.a.cases;
    expect(new Set(twinReaders.map((t) => t.kind))).toEqual(new Set(['gender', 'near_name', 'brothers']));
    const truth = results.a.groundTruth.records;
    for (const twin of twinReaders) {
      const student = await one(pools.a.avn, `select fam, imya, otch, data_rojd::text from students where stud_id = $1`, [twin.studId]);
      const reader = await one(
        pools.a.library,
        `select surname, firstname, othernames, dateofbirth::text, (select count(*)::int from borrower_attributes a where a.borrowernumber = b.borrowernumber) as attributes
           from borrowers b where borrowernumber = $1`,
        [twin.borrowernumber],
      );
      expect(reader.attributes, twin.kind).toBe(0);
      expect(reader.dateofbirth, twin.kind).toBe(student.data_rojd);
      expect(reader.firstname, twin.kind).not.toBe(student.imya);
      if (twin.kind === 'gender') {
        // Асанов Нурлан Бакытович / Асанова Нурлана Бакытовна
        expect(reader.surname, twin.kind).toBe(`${student.fam}а`);
        expect(reader.firstname.startsWith(student.imya.replace(/й$/, '')), twin.kind).toBe(true);
        const father = (otch: string) => otch.replace(/(ич|на| уулу| кызы)$/, '');
        expect(father(reader.othernames), twin.kind).toBe(father(student.otch));
      } else {
        expect([reader.surname, reader.othernames], twin.kind).toEqual([student.fam, student.otch]);
      }
      expect(truth.get(`library.borrower:${twin.borrowernumber}`)).not.toBe(truth.get(`avn.student:${twin.studId}`));
    }
  });

  it('has readers typed in Latin letters, without PIN, who are AVN people', async () => {
    const latin = await rows(
      pools.a.library,
      `select borrowernumber, surname, firstname from borrowers b where surname ~ '^[A-Za-zÖÜöü]'
          and not exists (select 1 from borrower_attributes a where a.borrowernumber = b.borrowernumber and code = 'PIN')`,
    );
    expect(latin.length).toBeGreaterThan(0);
    expect(latin.map((r) => r.borrowernumber).sort((x, y) => x - y)).toEqual([...results.a.cases.latinBorrowers].sort((x, y) => x - y));
    const truth = results.a.groundTruth.records;
    const avnPeople = new Set([...truth].filter(([k]) => k.startsWith('avn.')).map(([, v]) => v));
    expect(latin.some((r) => avnPeople.has(truth.get(`library.borrower:${r.borrowernumber}`)!))).toBe(true);
  });

  it('has about 70% of readers with a PIN attribute and external readers not in AVN', async () => {
    const { share } = await one(pools.a.library, `select avg((exists (select 1 from borrower_attributes a where a.borrowernumber = b.borrowernumber and code = 'PIN'))::int)::float as share from borrowers b`);
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.85);
    const { ext } = await one(pools.a.library, `select count(*)::int as ext from borrowers where categorycode = 'EXT'`);
    expect(ext).toBeGreaterThan(0);
  });

  it('has expelled students who still hold a library book', async () => {
    const { expelledWithLoans } = results.a.cases;
    expect(expelledWithLoans.length).toBeGreaterThan(0);
    const truth = results.a.groundTruth.records;
    const personToStudent = new Map([...truth].filter(([k]) => k.startsWith('avn.student:')).map(([k, v]) => [v, Number(k.split(':')[1])]));
    for (const borrowernumber of expelledWithLoans) {
      const { n } = await one(pools.a.library, `select count(*)::int as n from issues where borrowernumber = $1`, [borrowernumber]);
      expect(n).toBeGreaterThan(0);
      const studId = personToStudent.get(truth.get(`library.borrower:${borrowernumber}`)!);
      const { status_id } = await one(pools.a.avn, `select status_id from students where stud_id = $1`, [studId]);
      expect(status_id).toBe(3);
    }
  });

  it('has contract debtors, expulsions, academic leaves, graduates, drafts and cancelled orders', async () => {
    const { debtors } = await one(
      pools.a.avn,
      `select count(*)::int as debtors from kontrakt k
        where uch_god = '2026-2027' and k.summa - k.skidka - coalesce((select sum(summa) from oplata o where o.kontr_id = k.kontr_id), 0) > k.summa / 2`,
    );
    expect(debtors).toBeGreaterThan(0);
    const statuses = await rows(pools.a.avn, `select status_id, count(*)::int as n from students group by 1 order by 1`);
    expect(statuses.map((s) => s.status_id)).toEqual([1, 2, 3, 4]);
    const orders = await rows(pools.a.avn, `select distinct status from prikaz order by 1`);
    expect(orders.map((o) => o.status)).toEqual(['otmenen', 'podpisan', 'proekt']);
    const { tips } = await one(pools.a.avn, `select count(distinct tip_id)::int as tips from prikaz`);
    expect(tips).toBe(6);
  });

  it('has grade sheets with totals = m1 + m2 + itog and the scale letter, and open sheets of the current semester', async () => {
    const sheets = await one(
      pools.a.avn,
      `select count(*) filter (where vs.total <> vs.m1 + vs.m2 + vs.itog)::int as bad_total,
              count(*) filter (where vs.total is not null and vs.bukva <> (select bukva from shkala where vs.total between min_ball and max_ball))::int as bad_letter,
              count(*) filter (where v.status = 'otkryta' and (vs.m2 is not null or vs.itog is not null))::int as open_filled,
              count(*) filter (where v.status = 'otkryta' and vs.m1 is not null)::int as open_m1
         from vedomost_str vs join vedomost v using (ved_id)`,
    );
    expect(sheets).toEqual({ bad_total: 0, bad_letter: 0, open_filled: 0, open_m1: expect.any(Number) });
    expect(sheets.open_m1).toBeGreaterThan(0);
    const { years } = await one(pools.a.avn, `select array_agg(distinct uch_god order by uch_god) as years from vedomost`);
    expect(years).toEqual(['2024-2025', '2025-2026', '2026-2027']);
  });

  it('has journal marks, about 85% present, and QR-visit scans behind the marks recorded by QR', async () => {
    const { present } = await one(pools.a.avn, `select avg((prisutstvie in ('P', 'O'))::int)::float as present from jurnal_otmetka`);
    expect(present).toBeGreaterThan(0.8);
    expect(present).toBeLessThan(0.95);
    const qrMarks = await rows(
      pools.a.avn,
      `select z.zan_id, s.zachetka from jurnal_otmetka o join jurnal_zanyatie z using (zan_id) join students s using (stud_id) where o.istochnik = 'qr' order by 1, 2`,
    );
    const accepted = await rows(
      pools.a.qrvisit,
      `select l.avn_lesson_id as zan_id, s.student_book as zachetka from scan s join lesson_session l on l.id = s.session_id where s.result = 'accepted' order by 1, 2`,
    );
    expect(qrMarks.length).toBeGreaterThan(0);
    expect(accepted).toEqual(qrMarks);
    const { refused } = await one(pools.a.qrvisit, `select count(distinct result)::int as refused from scan where result <> 'accepted'`);
    expect(refused).toBeGreaterThanOrEqual(2);
  });

  it('has free and blocked beds, one active placement per bed, and residents who owe', async () => {
    const beds = await one(
      pools.a.dormitory,
      `select count(*) filter (where is_blocked)::int as blocked,
              count(*) filter (where not is_blocked and not exists (select 1 from placements p where p.bed_id = b.bed_id and p.status = 'active'))::int as free
         from beds b`,
    );
    expect(beds.blocked).toBeGreaterThan(0);
    expect(beds.free).toBeGreaterThan(0);
    const { overlaps } = await one(
      pools.a.dormitory,
      `select count(*)::int as overlaps from placements a join placements b on a.bed_id = b.bed_id and a.placement_id < b.placement_id
         and daterange(a.start_date, coalesce(a.end_date, 'infinity')) && daterange(b.start_date, coalesce(b.end_date, 'infinity'))`,
    );
    expect(overlaps).toBe(0);
    expect(results.a.cases.dormitory.owingResidents.length).toBeGreaterThan(0);
  });

  it('has Single Window requests with history and issued documents, and diplomas of last year\'s graduates', async () => {
    const docs = await rows(pools.a.registrar, `select doc_type, count(*)::int as n from issued_documents group by 1 order by 1`);
    expect(docs.map((d) => d.doc_type)).toEqual(expect.arrayContaining(['certificate', 'diploma', 'diploma_supplement', 'transcript']));
    const { graduates } = await one(pools.a.avn, `select count(*)::int as graduates from students where status_id = 4`);
    const { diplomas } = await one(pools.a.registrar, `select count(distinct holder_student_no)::int as diplomas from issued_documents where doc_type = 'diploma' and request_id is null`);
    expect(diplomas).toBe(graduates);
    const { unordered } = await one(
      pools.a.registrar,
      `select count(*)::int as unordered from request_status_history a join request_status_history b on a.request_id = b.request_id and a.id < b.id and b.changed_at < a.changed_at`,
    );
    expect(unordered).toBe(0);
  });
});

describe('ground truth', () => {
  const keysOf = (source: string) => [...results.a.groundTruth.records.keys()].filter((k) => k.startsWith(`${source}:`)).map((k) => Number(k.split(':')[1])).sort((a, b) => a - b);

  it('covers exactly every person-bearing record of the five kinds', async () => {
    const ids: Record<keyof typeof GROUND_TRUTH_SOURCES, [SourceName, string]> = {
      'avn.student': ['avn', 'select stud_id as id from students'],
      'avn.employee': ['avn', 'select emp_id as id from sotrudnik'],
      'avn.applicant': ['avn', 'select abit_id as id from abiturient'],
      'library.borrower': ['library', 'select borrowernumber as id from borrowers'],
      'dormitory.resident': ['dormitory', 'select resident_id as id from residents'],
    };
    let total = 0;
    for (const [kind, [source, sql]] of Object.entries(ids)) {
      const db = (await rows(pools.a[source], `${sql} order by 1`)).map((r) => Number(r.id));
      expect(keysOf(kind), kind).toEqual(db);
      total += db.length;
    }
    expect(results.a.groundTruth.records.size).toBe(total);
  });

  it('links records of one person across sources (students ~ readers, residents, applicants, employees)', () => {
    const byPerson = new Map<string, Set<string>>();
    for (const [record, person] of results.a.groundTruth.records) {
      const kinds = byPerson.get(person) ?? new Set<string>();
      kinds.add(record.split(':')[0]);
      byPerson.set(person, kinds);
    }
    const together = (a: string, b: string) => [...byPerson.values()].some((k) => k.has(a) && k.has(b));
    expect(together('avn.student', 'library.borrower')).toBe(true);
    expect(together('avn.student', 'dormitory.resident')).toBe(true);
    expect(together('avn.student', 'avn.applicant')).toBe(true);
    expect(together('avn.student', 'avn.employee')).toBe(true);
    expect(together('avn.employee', 'library.borrower')).toBe(true);
  });
});
