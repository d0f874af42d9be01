/**
 * Issue 10, item 4: one business date. The demo university is the state of 2026-11-27, but the
 * hub used the real clock, so every demo resident owed a month's fee more, overdue flags drifted
 * and "today's" lessons were empty. Now one setting (BUSINESS_DATE, BUSINESS_TIME_ZONE) decides
 * "today" for every answer, the embedded demo pins its own date, and token expiry and audit times
 * stay on the real clock.
 *
 * Every figure is checked against SQL written here, at the demo's date taken from the generator
 * (src/demo/calendar.ts), not from the hub. The business clock's time of day is pinned to noon in
 * Bishkek (`wallClock`), so the instants compared are exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { ConfigError, DEMO_REFERENCE_DATE, loadConfig } from '../../../src/config';
import { wallClock } from '../../../src/common/business-time';
import { toGlobalId } from '../../../src/domain/global-id';
import { Role } from '../../../src/auth/viewer';
import { startTestHub, type TestHub } from '../../helpers/test-hub';

let t: TestHub;
const realNow = wallClock.now;
/** The business instant of these tests: noon of the demo's date in Bishkek (UTC+6 all year). */
const DEMO_NOON = new Date(`${DEMO_REFERENCE_DATE}T12:00:00+06:00`);
/** The same, as the library's naive local timestamp. */
const DEMO_NOON_LOCAL = `${DEMO_REFERENCE_DATE} 12:00:00`;

beforeAll(async () => {
  t = await startTestHub();
  // Any real day at noon in Bishkek: the business clock keeps the demo's date and reads this time of day.
  wallClock.now = () => new Date('2026-12-04T06:00:00Z');
});

afterAll(async () => {
  wallClock.now = realNow;
  await t?.close();
});

const SECRETS = { AUTH_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'a-long-password', IDENTITY_PIN_KEY: 'an-operator-pin-key' };

describe('10.4 One business date', () => {
  it('configuration: the embedded demo pins the generator\'s date, external sources use the real clock, values are validated', () => {
    expect(loadConfig({}).businessTime).toEqual({ timeZone: 'Asia/Bishkek', date: { date: DEMO_REFERENCE_DATE, startMinute: null } });
    expect(loadConfig({ ...SECRETS, DATABASE_URL_AVN: 'postgres://avn.example:5432/avn' }).businessTime.date).toBeNull();
    expect(loadConfig({ BUSINESS_DATE: 'clock' }).businessTime.date).toBeNull();
    expect(loadConfig({ BUSINESS_DATE: '2027-03-01T10:05', BUSINESS_TIME_ZONE: 'Asia/Almaty' }).businessTime)
      .toEqual({ timeZone: 'Asia/Almaty', date: { date: '2027-03-01', startMinute: 605 } });
    for (const env of [{ BUSINESS_DATE: '2027-02-30' }, { BUSINESS_DATE: 'tomorrow' }, { BUSINESS_DATE: '2027-03-01T25:00' }, { BUSINESS_TIME_ZONE: 'Mars/Olympus' }]) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
    }
  });

  it('the hub says which date is today: the demo\'s date, in the institution\'s time zone', async () => {
    const { businessTime } = await t.anonymous.data('{ businessTime { date now timeZone pinned } }');
    expect(businessTime).toEqual({ date: DEMO_REFERENCE_DATE, now: DEMO_NOON.toISOString(), timeZone: 'Asia/Bishkek', pinned: true });
  });

  it('dormitory: the debtors and balances are those SQL computes at the demo\'s date', async () => {
    // The billing rule recomputed in SQL: each month from the move-in month to the move-out month or
    // the given date's month, whichever is earlier, except July and August for students.
    const balances = await t.rows<{ placement_id: number; balance: string }>(
      'dormitory',
      `select p.placement_id, ((select coalesce(sum(x.amount), 0) from payments x where x.placement_id = p.placement_id)
              - p.monthly_fee * (select count(*) from generate_series(date_trunc('month', p.start_date),
                  date_trunc('month', least(coalesce(p.end_date, $1::date), $1::date)), interval '1 month') m
                 where not (r.resident_type = 'student' and extract(month from m) in (7, 8))))::text as balance
         from placements p join residents r on r.resident_id = p.resident_id`,
      [DEMO_REFERENCE_DATE],
    );
    const debtors = balances.filter((b) => Number(b.balance) < 0);
    expect(debtors.length).toBeGreaterThan(0);
    expect(debtors.length).toBeLessThan(balances.length);
    const { dormitoryDebtors } = await t.data('{ dormitoryDebtors(first: 100) { totalCount nodes { debt placement { id balance } } } }');
    expect(dormitoryDebtors.totalCount).toBe(debtors.length);
    const byId = new Map(balances.map((b) => [toGlobalId('Placement', b.placement_id), Math.round(Number(b.balance) * 100)]));
    for (const node of dormitoryDebtors.nodes) {
      expect(Math.round(node.placement.balance * 100)).toBe(byId.get(node.placement.id));
      expect(Math.round(node.debt * 100)).toBe(-byId.get(node.placement.id)!);
    }
  });

  it('library: overdue loans, days overdue and readers with overdue loans are those of the demo\'s date', async () => {
    const [expected] = await t.rows<{ loans: number; readers: number }>(
      'library',
      `select count(*)::int as loans, count(distinct borrowernumber)::int as readers from issues where date_due < $1::timestamp`,
      [DEMO_NOON_LOCAL],
    );
    expect(expected.loans).toBeGreaterThan(0);
    const data = await t.data(`{
      overdue: loans(where: { overdue: true }, first: 100) { totalCount nodes { id overdue daysOverdue } }
      readers: libraryReaders(where: { hasOverdue: true }) { totalCount }
    }`);
    expect(data.overdue.totalCount).toBe(expected.loans);
    expect(data.readers.totalCount).toBe(expected.readers);
    const days = await t.rows<{ issue_id: number; days: number }>(
      'library', 'select issue_id, ($1::date - date_due::date) as days from issues where date_due < $2::timestamp', [DEMO_REFERENCE_DATE, DEMO_NOON_LOCAL],
    );
    const daysById = new Map(days.map((d) => [toGlobalId('Loan', d.issue_id), d.days]));
    for (const loan of data.overdue.nodes) {
      expect(loan.overdue).toBe(true);
      expect(loan.daysOverdue).toBe(daysById.get(loan.id));
    }
  });

  it('registrar: the overdue requests are those past their deadline at the demo\'s instant', async () => {
    const [{ n }] = await t.rows<{ n: number }>(
      'registrar',
      `select count(*)::int as n from service_requests r join request_types rt on rt.code = r.type_code
        where r.status in ('submitted', 'in_progress') and r.submitted_at + make_interval(days => rt.sla_days) < $1::timestamptz`,
      [DEMO_NOON],
    );
    const { serviceRequests } = await t.data('{ serviceRequests(where: { overdue: true }) { totalCount } }');
    expect(serviceRequests.totalCount).toBe(n);
  });

  it('today\'s lessons: the business date\'s timetable is not empty', async () => {
    const { businessTime } = await t.data('{ businessTime { date } }');
    const [{ n }] = await t.rows<{ n: number }>('avn', 'select count(*)::int as n from jurnal_zanyatie where data = $1::date', [DEMO_REFERENCE_DATE]);
    expect(n).toBeGreaterThan(0);
    const { lessons } = await t.data('query($d: LocalDate!) { lessons(where: { dateFrom: $d, dateTo: $d }) { totalCount } }', { d: businessTime.date });
    expect(lessons.totalCount).toBe(n);
  });

  it('a grade sheet submitted today is closed on the business date', async () => {
    const [sheet] = await t.rows<{ ved_id: number }>('avn', `select ved_id from vedomost where status <> 'sdana' order by ved_id limit 1`);
    const { submitGradeSheet } = await t.data('mutation($id: ID!) { submitGradeSheet(id: $id) { closedOn } }', { id: toGlobalId('GradeSheet', sheet.ved_id) });
    expect(submitGradeSheet.closedOn).toBe(DEMO_REFERENCE_DATE);
    const [row] = await t.rows<{ data_zakr: string }>('avn', `select data_zakr::text from vedomost where ved_id = $1`, [sheet.ved_id]);
    expect(row.data_zakr).toBe(DEMO_REFERENCE_DATE);
  });

  it('token expiry, refresh tokens and audit times stay on the real clock', async () => {
    const before = Date.now();
    const student = await t.as({ role: Role.STUDENT, studentKey: (await t.rows('avn', 'select min(stud_id)::int as k from students'))[0].k });
    const claims = decodeJwt(student.authorization!.replace(/^Bearer /, ''));
    expect(claims.iat! * 1000).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(claims.exp! - claims.iat!).toBe(t.config.accessTokenTtlSeconds);
    // The token works: it was not born expired on the demo's date.
    expect((await student.execute('{ viewer { role } }')).errors).toBeUndefined();
    const [refresh] = await t.rows<{ expires_at: Date }>('hub', 'select expires_at from refresh_token order by created_at desc limit 1');
    expect(Math.abs(+refresh.expires_at - (before + t.config.refreshTokenTtlSeconds * 1000))).toBeLessThan(60_000);
    // The audit entry of the submission above carries the real instant.
    const { auditLog } = await t.data('{ auditLog(first: 1, where: { operation: "submitGradeSheet" }) { nodes { at } } }');
    expect(Math.abs(+new Date(auditLog.nodes[0].at) - before)).toBeLessThan(5 * 60_000);
  });
});
