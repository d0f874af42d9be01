/**
 * The registrar's Single Window through GraphQL, checked against SQL run in the test on this hub's
 * seeded registrar and AVN databases: requests by status, type, unit and deadline, a request's
 * history, issued documents, the document flow, and a student's requests and documents matched by
 * student number or PIN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id';
import { allPages, startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  await t?.close();
});

const STATUSES = ['SUBMITTED', 'IN_PROGRESS', 'READY', 'ISSUED', 'REJECTED'];
const TOTAL = 'query($where: ServiceRequestWhere) { serviceRequests(where: $where, first: 1) { totalCount } }';
const total = async (where: Record<string, unknown>) => (await t.data(TOTAL, { where })).serviceRequests.totalCount;

describe('serviceRequests', () => {
  it('count by status, type, unit and deadline as SQL does', async () => {
    const byStatus = await t.rows<{ status: string; n: number }>('registrar', 'select status, count(*)::int as n from service_requests group by status');
    expect(byStatus.length).toBeGreaterThan(1);
    for (const status of STATUSES) {
      const row = byStatus.find((r) => r.status.toUpperCase() === status);
      expect(await total({ status })).toBe(row?.n ?? 0);
    }
    expect(await total({ status: ['SUBMITTED', 'IN_PROGRESS'] })).toBe(
      byStatus.filter((r) => ['submitted', 'in_progress'].includes(r.status)).reduce((s, r) => s + r.n, 0),
    );

    const [counts] = await t.rows<{ type_code: string; by_type: number; unit: string; by_unit: number; overdue: number }>(
      'registrar',
      `select (select type_code from service_requests group by type_code order by count(*) desc, type_code limit 1) as type_code,
              (select count(*)::int from service_requests where type_code = (select type_code from service_requests group by type_code order by count(*) desc, type_code limit 1)) as by_type,
              (select unit from request_types order by code limit 1) as unit,
              (select count(*)::int from service_requests r join request_types rt on rt.code = r.type_code where rt.unit = (select unit from request_types order by code limit 1)) as by_unit,
              (select count(*)::int from service_requests r join request_types rt on rt.code = r.type_code
                where r.status in ('submitted', 'in_progress') and r.submitted_at + make_interval(days => rt.sla_days) < $1::timestamptz) as overdue`,
      // Overdue at the hub's business instant (the demo's date: src/common/business-time.ts).
      [t.hub.runtime.businessClock.now().instant],
    );
    expect(await total({ typeCode: counts.type_code })).toBe(counts.by_type);
    expect(await total({ unit: counts.unit.toUpperCase() })).toBe(counts.by_unit);
    expect(await total({ overdue: true })).toBe(counts.overdue);
    expect(await total({ overdue: false })).toBe((await total({})) - counts.overdue);

    // A window between two real submission times: [from, to).
    const times = (await t.rows<{ at: Date }>('registrar', 'select submitted_at as at from service_requests order by submitted_at')).map((r) => r.at);
    const from = times[Math.floor(times.length / 4)];
    const to = times[Math.floor((3 * times.length) / 4)];
    const inWindow = times.filter((at) => at >= from && at < to).length;
    expect(await total({ submittedFrom: from.toISOString(), submittedTo: to.toISOString() })).toBe(inWindow);
  });

  it('page through every request, latest first, like SQL', async () => {
    const expected = await t.rows<{ request_id: number }>('registrar', 'select request_id from service_requests order by submitted_at desc, request_id desc');
    const nodes = await allPages(
      t,
      'query($after: String) { serviceRequests(first: 37, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }',
      {},
      (d) => d.serviceRequests,
    );
    expect(nodes.map((n) => n.id)).toEqual(expected.map((r) => toGlobalId('ServiceRequest', r.request_id)));
  });

  it('show a request\'s type, history and documents as the registrar recorded them', async () => {
    const [request] = await t.rows<{ request_id: number; request_no: string; type_code: string; sla_days: number; status: string; changes: number }>(
      'registrar',
      `select r.request_id, r.request_no, r.type_code, rt.sla_days, r.status,
              (select count(*)::int from request_status_history h where h.request_id = r.request_id) as changes
         from service_requests r join request_types rt on rt.code = r.type_code
        where exists (select 1 from issued_documents d where d.request_id = r.request_id)
        order by changes desc, r.request_id limit 1`,
    );
    expect(request, 'the demo data has a request with issued documents').toBeDefined();
    const history = await t.rows<{ status: string; changed_by: string; comment: string | null; changed_at: Date }>(
      'registrar',
      'select status, changed_by, comment, changed_at from request_status_history where request_id = $1 order by changed_at, id',
      [request.request_id],
    );
    const documents = await t.rows<{ doc_id: number }>('registrar', 'select doc_id from issued_documents where request_id = $1 order by issued_on, doc_id', [
      request.request_id,
    ]);
    const data = await t.data(
      `query($id: ID!) { node(id: $id) { ... on ServiceRequest { number status type { code slaDays } submittedAt dueAt
         history { status changedAt changedBy comment } documents { id request { id } } } } }`,
      { id: toGlobalId('ServiceRequest', request.request_id) },
    );
    const node = data.node;
    expect(node.number).toBe(request.request_no);
    expect(node.status).toBe(request.status.toUpperCase());
    expect(node.type).toEqual({ code: request.type_code, slaDays: request.sla_days });
    expect(new Date(node.dueAt).getTime() - new Date(node.submittedAt).getTime()).toBe(request.sla_days * 86_400_000);
    expect(node.history).toEqual(
      history.map((h) => ({ status: h.status.toUpperCase(), changedAt: h.changed_at.toISOString(), changedBy: h.changed_by, comment: h.comment })),
    );
    expect(node.documents.map((d: any) => d.id)).toEqual(documents.map((d) => toGlobalId('IssuedDocument', d.doc_id)));
    for (const d of node.documents) expect(d.request.id).toBe(toGlobalId('ServiceRequest', request.request_id));
  });
});

describe('issuedDocuments and documentFlow', () => {
  it('filter by kind, status and direction as SQL does', async () => {
    const docs = await t.rows<{ doc_type: string; status: string; n: number }>('registrar', 'select doc_type, status, count(*)::int as n from issued_documents group by 1, 2');
    const flow = await t.rows<{ direction: string; n: number }>('registrar', 'select direction, count(*)::int as n from document_flow group by 1');
    expect(docs.length).toBeGreaterThan(0);
    expect(flow.length).toBeGreaterThan(0);
    for (const type of ['CERTIFICATE', 'TRANSCRIPT', 'DIPLOMA', 'DIPLOMA_SUPPLEMENT', 'ACADEMIC_REFERENCE']) {
      const data = await t.data('query($type: IssuedDocumentType) { issuedDocuments(where: { type: $type }, first: 1) { totalCount } }', { type });
      expect(data.issuedDocuments.totalCount).toBe(docs.filter((d) => d.doc_type.toUpperCase() === type).reduce((s, d) => s + d.n, 0));
    }
    const cancelled = await t.data('{ issuedDocuments(where: { status: CANCELLED }, first: 1) { totalCount } }');
    expect(cancelled.issuedDocuments.totalCount).toBe(docs.filter((d) => d.status === 'cancelled').reduce((s, d) => s + d.n, 0));
    for (const direction of ['INCOMING', 'OUTGOING', 'INTERNAL']) {
      const data = await t.data('query($d: DocumentFlowDirection) { documentFlow(where: { direction: $d }, first: 1) { totalCount } }', { d: direction });
      expect(data.documentFlow.totalCount).toBe(flow.find((f) => f.direction.toUpperCase() === direction)?.n ?? 0);
    }
  });
});

describe('Student.serviceRequests and Student.documents', () => {
  it('are the requests and documents carrying the student\'s number or PIN', async () => {
    const applicants = await t.rows<{ student_no: string | null; pin: string | null }>(
      'registrar',
      `select applicant_student_no as student_no, applicant_pin as pin from service_requests where applicant_student_no is not null or applicant_pin is not null`,
    );
    const students = await t.rows<{ stud_id: number; zachetka: string; pin: string | null }>('avn', 'select stud_id, zachetka, pin from students');
    const numbers = new Set(applicants.map((a) => a.student_no).filter(Boolean));
    const pins = new Set(applicants.map((a) => a.pin?.trim()).filter(Boolean));
    const student = students.find((s) => numbers.has(s.zachetka)) ?? students.find((s) => s.pin && pins.has(s.pin.trim()));
    expect(student, 'the demo data has students with Single Window requests').toBeDefined();
    const pin = student!.pin?.trim() || null;

    const requests = await t.rows<{ request_id: number }>(
      'registrar',
      `select request_id from service_requests where applicant_student_no = $1 or applicant_pin = $2 order by submitted_at desc, request_id desc`,
      [student!.zachetka, pin],
    );
    const documents = await t.rows<{ doc_id: number }>(
      'registrar',
      `select doc_id from issued_documents where holder_student_no = $1 or holder_pin = $2 order by issued_on desc, doc_id desc`,
      [student!.zachetka, pin],
    );
    const data = await t.data(
      `query($n: String!) { student(studentNumber: $n) { serviceRequests(first: 100) { totalCount nodes { id } } documents { id } } }`,
      { n: student!.zachetka },
    );
    expect(data.student.serviceRequests.totalCount).toBe(requests.length);
    expect(data.student.serviceRequests.nodes.map((n: any) => n.id)).toEqual(requests.map((r) => toGlobalId('ServiceRequest', r.request_id)));
    expect(data.student.documents.map((d: any) => d.id)).toEqual(documents.map((d) => toGlobalId('IssuedDocument', d.doc_id)));
  });
});

describe('with the registrar down', () => {
  it('keeps the students and their other sources, and nulls serviceRequests and documents with SOURCE_UNAVAILABLE', async () => {
    // Nothing listens on port 1: every registrar statement fails to connect.
    const down = await startTestHub({
      configure: (config) => ({ ...config, databases: { ...config.databases, registrar: { url: 'postgres://postgres@127.0.0.1:1/registrar', external: true } } }),
    });
    try {
      const result = await down.execute(`{ students(first: 5) { nodes { studentNumber libraryDebt serviceRequests(first: 1) { totalCount } documents { id } } } }`);
      const students = result.data.students.nodes;
      expect(students).toHaveLength(5);
      for (const s of students) {
        expect(s.studentNumber).toMatch(/\S/);
        expect(s.libraryDebt).not.toBeNull();
        expect(s.serviceRequests).toBeNull();
        expect(s.documents).toBeNull();
      }
      expect(result.errors).toHaveLength(10);
      for (const error of result.errors!) {
        expect(error.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'registrar' });
        expect(['serviceRequests', 'documents']).toContain(error.path?.at(-1));
      }
    } finally {
      await down.close();
    }
  });
});
