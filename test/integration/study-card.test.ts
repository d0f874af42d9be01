/**
 * The study card GraphiQL opens with (test/operations/StudyCard.graphql): one student with data
 * from all five sources in one answer, each part checked against its own source database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudyCardDocument } from '../generated/graphql';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.close();
});

const column = async (db: Parameters<TestHub['sql']>[0], sql: string) =>
  new Set((await t.rows(db, sql)).map((r) => String(Object.values(r)[0])));

/** A studying student known to every source: placed in the dormitory, with a service request and QR scans. */
async function studentKnownEverywhere(): Promise<string> {
  const studying = await column('avn', 'select zachetka from students where status_id = 1');
  const placed = await column('dormitory', `select r.student_number from residents r join placements p on p.resident_id = r.resident_id and p.status = 'active' where r.student_number is not null`);
  const requested = await column('registrar', 'select applicant_student_no from service_requests where applicant_student_no is not null');
  const scanned = await column('qrvisit', `select student_book from scan where result = 'accepted'`);
  const hasLoans = new Set<string>();
  // Library borrowers are linked to students by the identity registry (often by PIN).
  const links = await t.rows('hub', `select s.local_key as stud_id from identity_link s join identity_link b on b.person_id = s.person_id and b.source = 'library.borrower' where s.source = 'avn.student'`);
  const numbers = await t.rows('avn', 'select stud_id, zachetka from students where stud_id = any($1::int[])', [links.map((l) => Number(l.stud_id))]);
  for (const row of numbers) hasLoans.add(row.zachetka);
  const candidates = [...studying].filter((n) => placed.has(n) && requested.has(n) && scanned.has(n) && hasLoans.has(n)).sort();
  expect(candidates.length, 'the demo university has students known to every source').toBeGreaterThan(0);
  return candidates[0];
}

describe('the study card', () => {
  it('shows one student with data from all five sources', async () => {
    const studentNumber = await studentKnownEverywhere();
    const result = await t.execute(StudyCardDocument, { studentNumber });
    expect(result.errors).toBeUndefined();
    const card = result.data!.student!;

    // AVN
    const [avn] = await t.rows('avn', `select s.fam, g.name from students s join gruppa g on g.grp_id = s.grp_id where s.zachetka = $1`, [studentNumber]);
    expect(card.fullName.startsWith(avn.fam)).toBe(true);
    expect(card.group.name).toBe(avn.name);
    expect(card.semesters.length).toBeGreaterThan(0);
    expect(card.attendanceSummary!.lessons).toBeGreaterThan(0);
    // QR-visit
    const scans = await t.rows('qrvisit', 'select result from scan where student_book = $1 order by scanned_at desc, id desc limit 3', [studentNumber]);
    expect(card.qrScans!.map((s) => s.result)).toEqual(scans.map((s) => s.result.toUpperCase()));
    // Library, dormitory, registrar
    expect(card.libraryDebt).not.toBeNull();
    expect(card.loans).not.toBeNull();
    expect(card.dormitoryPlacement?.status).toBe('ACTIVE');
    expect(card.serviceRequests!.nodes.length).toBeGreaterThan(0);
    // The identity registry links the person in each system.
    const sources = new Set(card.person!.records.map((r) => r.source));
    expect(sources).toEqual(new Set(['AVN_STUDENT', 'LIBRARY_BORROWER', 'DORMITORY_RESIDENT', ...(sources.has('AVN_APPLICANT') ? ['AVN_APPLICANT'] : []), ...(sources.has('AVN_EMPLOYEE') ? ['AVN_EMPLOYEE'] : [])]));
  });

  it('refuses a bad `last` for QR scans with VALIDATION_FAILED', async () => {
    const [{ zachetka }] = await t.rows('avn', 'select zachetka from students limit 1');
    const result = await t.execute(`query($n: String!) { student(studentNumber: $n) { fullName qrScans(last: 0) { result } } }`, { n: zachetka });
    expect(result.data.student.fullName).toMatch(/\S/);
    expect(result.data.student.qrScans).toBeNull();
    expect(result.errors![0].extensions!.code).toBe('VALIDATION_FAILED');
  });
});
