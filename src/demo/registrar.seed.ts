/**
 * The registrar's "Single Window": request types of the units it serves (registrar, education
 * documents, library, dormitory) with their SLA, service requests of students and graduates with
 * their status history (submitted → in_progress → ready → issued, some rejected), the documents
 * issued (certificates, transcripts, academic references, and the diplomas with supplements of
 * last year's graduates), and the electronic document flow between units.
 * Applicants are recorded as typed at the window: PIN and/or student number, and a name.
 */
import { CURRENT_YEAR, TODAY, day, iso, parts, timestamp, type Day } from './calendar';
import type { AvnWorld } from './avn';
import type { Student } from './avn/model';
import { GRADUATION_DAY, groupOn } from './avn/students';
import { fullNameText } from './names';
import { latinLogin } from './people';
import type { Rng } from './random';
import type { DemoSizes } from './sizes';
import { defineTable } from './table';

export function registrarTables() {
  return {
    request_types: defineTable('request_types', { code: 'text', name_ky: 'text', name_ru: 'text', unit: 'text', sla_days: 'smallint' }),
    service_requests: defineTable(
      'service_requests',
      {
        request_id: 'int', request_no: 'text', type_code: 'text', applicant_pin: 'text', applicant_student_no: 'text', applicant_name: 'text', submitted_at: 'timestamptz',
        channel: 'text', status: 'text', purpose: 'text', copies: 'smallint',
      },
      'request_id',
    ),
    request_status_history: defineTable(
      'request_status_history',
      { id: 'int', request_id: 'int', status: 'text', changed_at: 'timestamptz', changed_by: 'text', comment: 'text' },
      'id',
    ),
    issued_documents: defineTable(
      'issued_documents',
      {
        doc_id: 'int', doc_no: 'text', doc_type: 'text', request_id: 'int', holder_pin: 'text', holder_student_no: 'text', holder_name: 'text', issued_on: 'date',
        series: 'text', registration_no: 'text', status: 'text',
      },
      'doc_id',
    ),
    document_flow: defineTable(
      'document_flow',
      {
        flow_id: 'int', doc_ref: 'text', title: 'text', from_unit: 'text', to_unit: 'text', direction: 'text', sent_at: 'timestamptz', received_at: 'timestamptz', status: 'text',
      },
      'flow_id',
    ),
  };
}
export type RegistrarTables = ReturnType<typeof registrarTables>;

type Unit = 'library' | 'dormitory' | 'registrar' | 'education_documents';
type Who = 'studying' | 'senior' | 'graduate' | 'left' | 'anyone';
interface RequestType {
  code: string;
  ky: string;
  ru: string;
  unit: Unit;
  sla: number;
  weight: number;
  who: Who;
  doc: 'certificate' | 'transcript' | 'diploma' | 'academic_reference' | null;
  purposes: string[];
}

export const REQUEST_TYPES: RequestType[] = [
  { code: 'study_certificate', ky: 'Окуган жери тууралуу маалымкат', ru: 'Справка с места учёбы', unit: 'registrar', sla: 3, weight: 30, who: 'studying', doc: 'certificate', purposes: ['талап кылынган жерге (по месту требования)', 'Социалдык фондго (в Социальный фонд)', 'виза алуу үчүн (для получения визы)', 'салык кызматына (в налоговую службу)', 'социалдык жөлөкпул үчүн (для пособия)'] },
  { code: 'transcript', ky: 'Академиялык транскрипт', ru: 'Академический транскрипт', unit: 'registrar', sla: 10, weight: 10, who: 'senior', doc: 'transcript', purposes: ['академиялык мобилдүүлүк (академическая мобильность)', 'иш берүүчүгө (работодателю)', 'магистратурага тапшыруу (поступление в магистратуру)'] },
  { code: 'military_certificate', ky: 'Аскердик каттоо үчүн маалымкат', ru: 'Справка для военкомата', unit: 'registrar', sla: 3, weight: 8, who: 'studying', doc: 'certificate', purposes: ['аскер комиссариатына (в военкомат)'] },
  { code: 'academic_reference', ky: 'Академиялык маалымкат', ru: 'Академическая справка', unit: 'registrar', sla: 10, weight: 5, who: 'left', doc: 'academic_reference', purposes: ['башка ЖОЖго которулуу (перевод в другой вуз)', 'окуусун улантуу (продолжение обучения)'] },
  { code: 'archive_reference', ky: 'Архивдик маалымкат', ru: 'Архивная справка', unit: 'registrar', sla: 15, weight: 5, who: 'graduate', doc: 'certificate', purposes: ['пенсиялык стаж (для пенсионного стажа)', 'талап кылынган жерге (по месту требования)'] },
  { code: 'diploma_duplicate', ky: 'Дипломдун дубликаты', ru: 'Дубликат диплома', unit: 'education_documents', sla: 30, weight: 2, who: 'graduate', doc: 'diploma', purposes: ['диплом жоголгон (утеря диплома)', 'диплом бузулган (порча диплома)'] },
  { code: 'document_return', ky: 'Билим берүү тууралуу документти кайтаруу', ru: 'Возврат документа об образовании (аттестата)', unit: 'education_documents', sla: 5, weight: 5, who: 'left', doc: null, purposes: ['окуудан чыккандыгына байланыштуу (в связи с отчислением)'] },
  { code: 'library_clearance', ky: 'Китепканадан карызы жок экени тууралуу маалымкат', ru: 'Справка об отсутствии задолженности перед библиотекой', unit: 'library', sla: 2, weight: 10, who: 'anyone', doc: 'certificate', purposes: ['обходной баракча (обходной лист)'] },
  { code: 'library_card', ky: 'Китепкана билетин калыбына келтирүү', ru: 'Восстановление читательского билета', unit: 'library', sla: 3, weight: 4, who: 'studying', doc: null, purposes: ['билет жоголгон (утеря билета)'] },
  { code: 'dormitory_place', ky: 'Жатаканадан орун берүү', ru: 'Предоставление места в общежитии', unit: 'dormitory', sla: 14, weight: 8, who: 'studying', doc: null, purposes: ['жашаган жери алыс (иногородний студент)'] },
  { code: 'dormitory_clearance', ky: 'Жатаканадан карызы жок экени тууралуу маалымкат', ru: 'Справка об отсутствии задолженности за общежитие', unit: 'dormitory', sla: 2, weight: 5, who: 'anyone', doc: 'certificate', purposes: ['обходной баракча (обходной лист)'] },
];

const OFFICE_OF: Record<Unit, string> = { library: 'Китепкана', dormitory: 'Жатакана', registrar: 'Бирдиктүү терезе', education_documents: 'Бирдиктүү терезе' };
const REJECTIONS = ['Документтер толук эмес (неполный пакет документов)', 'Карызы бар (имеется задолженность)', 'Арыз ээси табылган жок (заявитель не найден в АВН)'];
const DOC_PREFIX = { certificate: 'МК', transcript: 'ТР', diploma: 'ДП', diploma_supplement: 'ДТ', academic_reference: 'АМ' } as const;
const WINDOW_FROM = day(CURRENT_YEAR - 1, 9, 1);

export interface RegistrarCases {
  requestsWithDocuments: number;
  graduateDiplomas: number;
}

export function buildRegistrar(rng: Rng, world: AvnWorld, sizes: DemoSizes): { tables: RegistrarTables; cases: RegistrarCases } {
  const t = registrarTables();
  for (const rt of REQUEST_TYPES) t.request_types.push({ code: rt.code, name_ky: rt.ky, name_ru: rt.ru, unit: rt.unit, sla_days: rt.sla });
  const operators = operatorLogins(world);
  const docs = new DocNumbers();
  const students = world.students;
  const graduates = students.filter((s) => s.status === 4);
  const left = students.filter((s) => s.status === 3);
  let historyId = 0;
  let docId = 0;
  const seqByYear = new Map<number, number>();
  const drafts: Array<{ type: RequestType; student: Student; at: Day }> = [];

  for (let i = 0; i < sizes.serviceRequests; i++) {
    const type = rng.weighted(REQUEST_TYPES, REQUEST_TYPES.map((r) => r.weight));
    const pick = applicantFor(rng, type, students, graduates, left);
    if (pick) drafts.push({ type, ...pick });
  }
  drafts.sort((a, b) => a.at - b.at);
  let withDocuments = 0;
  drafts.forEach(({ type, student, at }, i) => {
    const requestId = i + 1;
    const p = student.person;
    const year = parts(at).year;
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    const idRoll = rng.next();
    const pin = p.pin && idRoll >= 0.25 ? p.pin : null;
    const studentNo = pin === null || idRoll < 0.85 ? student.zachetka : null;
    const online = rng.chance(0.35);
    const submittedMin = online ? rng.int(0, 24 * 60 - 1) : rng.int(9 * 60, 17 * 60);
    const age = TODAY - at;
    const steps: Array<{ status: string; at: Day; comment: string | null }> = [{ status: 'submitted', at, comment: null }];
    const x = rng.next();
    const finalState = age > type.sla + 5 ? (x < 0.85 ? 'issued' : x < 0.91 ? 'rejected' : 'ready') : age < 1 ? 'submitted' : rng.weighted(['in_progress', 'ready', 'issued', 'rejected'], [40, 30, 25, 5]);
    if (finalState !== 'submitted') steps.push({ status: 'in_progress', at: at + rng.int(0, 1), comment: null });
    if (finalState === 'rejected') steps.push({ status: 'rejected', at: at + rng.int(1, 3), comment: rng.pick(REJECTIONS) });
    if (finalState === 'ready' || finalState === 'issued') steps.push({ status: 'ready', at: at + rng.int(1, Math.max(1, type.sla)), comment: null });
    if (finalState === 'issued') steps.push({ status: 'issued', at: steps[steps.length - 1].at + rng.int(0, 6), comment: null });
    for (const s of steps) s.at = Math.min(s.at, TODAY);
    t.service_requests.push({
      request_id: requestId, request_no: `БТ-${year}-${String(seq).padStart(5, '0')}`, type_code: type.code, applicant_pin: pin, applicant_student_no: studentNo,
      applicant_name: fullNameText({ fam: p.fam, imya: p.imya, otch: rng.chance(0.8) ? p.otch : null }), submitted_at: timestamp(at, submittedMin), channel: online ? 'online' : 'window',
      status: finalState, purpose: rng.pick(type.purposes), copies: rng.weighted([1, 2, 3], [80, 15, 5]),
    });
    let minute = submittedMin;
    steps.forEach((s, k) => {
      // same day: a little later than the previous step; another day: office hours
      minute = k === 0 ? submittedMin : s.at === steps[k - 1].at ? Math.min(minute + rng.int(5, 90), 24 * 60 - 1) : rng.int(9 * 60, 17 * 60 + 30);
      const by = k === 0 ? (online ? 'portal' : rng.pick(operators['Бирдиктүү терезе'])) : rng.pick(operators[OFFICE_OF[type.unit]]);
      t.request_status_history.push({ id: ++historyId, request_id: requestId, status: s.status, changed_at: timestamp(s.at, minute), changed_by: by, comment: s.comment });
    });
    if (finalState === 'issued' && type.doc) {
      withDocuments++;
      const issuedOn = steps[steps.length - 1].at;
      const holder = { holder_pin: p.pin, holder_student_no: student.zachetka, holder_name: fullNameText(p) };
      t.issued_documents.push({ doc_id: ++docId, doc_no: docs.next(type.doc, issuedOn), doc_type: type.doc, request_id: requestId, ...holder, issued_on: iso(issuedOn), series: null, registration_no: null, status: 'issued' });
      if (type.doc === 'diploma') {
        t.issued_documents.push({ doc_id: ++docId, doc_no: docs.next('diploma_supplement', issuedOn), doc_type: 'diploma_supplement', request_id: requestId, ...holder, issued_on: iso(issuedOn), series: null, registration_no: null, status: 'issued' });
      }
    }
  });

  // diplomas and supplements of last year's graduates (no request: handed out at graduation)
  let registration = 0;
  for (const s of graduates) {
    const spec = world.structure.specs[world.structure.groups[s.grpId - 1].specId - 1];
    const issuedOn = GRADUATION_DAY - rng.int(0, 2) + (rng.chance(0.1) ? rng.int(5, 40) : 0);
    const series = `${spec.uroven === 'bakalavr' ? 'Б' : spec.uroven === 'magistr' ? 'М' : 'С'}-${String(CURRENT_YEAR).slice(2)}`;
    const holder = { holder_pin: s.person.pin, holder_student_no: s.zachetka, holder_name: fullNameText(s.person) };
    const misprint = rng.chance(0.01);
    for (const type of ['diploma', 'diploma_supplement'] as const) {
      const reg = `${CURRENT_YEAR}/${++registration}`;
      t.issued_documents.push({ doc_id: ++docId, doc_no: docs.next(type, issuedOn), doc_type: type, request_id: null, ...holder, issued_on: iso(issuedOn), series, registration_no: reg, status: misprint ? 'cancelled' : 'issued' });
      if (misprint) {
        const again = issuedOn + rng.int(7, 30);
        t.issued_documents.push({ doc_id: ++docId, doc_no: docs.next(type, again), doc_type: type, request_id: null, ...holder, issued_on: iso(again), series, registration_no: `${CURRENT_YEAR}/${++registration}`, status: 'issued' });
      }
    }
  }
  buildDocumentFlow(rng.fork('flow'), world, sizes, t);
  return { tables: t, cases: { requestsWithDocuments: withDocuments, graduateDiplomas: graduates.length } };
}

/** A student for whom this kind of request makes sense, and the day it was filed. */
function applicantFor(rng: Rng, type: RequestType, students: Student[], graduates: Student[], left: Student[]): { student: Student; at: Day } | null {
  for (let attempt = 0; attempt < 30; attempt++) {
    const at = rng.int(WINDOW_FROM, TODAY);
    let pool = students;
    if (type.who === 'graduate') pool = graduates;
    else if (type.who === 'left') pool = rng.chance(0.7) && left.length ? left : graduates;
    else if (type.who === 'anyone') pool = rng.chance(0.4) && graduates.length ? graduates : students;
    if (!pool.length) return null;
    const s = pool[rng.int(0, pool.length - 1)];
    const end = s.segments[s.segments.length - 1].to;
    if (type.code === 'military_certificate' && s.person.pol !== 'M') continue;
    if (type.who === 'studying' || type.who === 'senior') {
      if (groupOn(s, at) === null) continue;
      if (type.who === 'senior' && at - s.admitted < 500) continue;
    } else if (type.who === 'graduate' || type.who === 'left') {
      if (end === null || at < end) continue;
    } else if (s.admitted > at) continue;
    return { student: s, at };
  }
  return null;
}

/** Logins of the people who work each office ("a.asanova"), from AVN's staff. */
function operatorLogins(world: AvnWorld): Record<string, string[]> {
  const out: Record<string, string[]> = { Китепкана: [], Жатакана: [], 'Бирдиктүү терезе': [] };
  for (const e of world.staff.employees) {
    if (!e.unit || !(e.unit in out) || !e.isActive) continue;
    out[e.unit].push(`${latinLogin(e.person.imya).charAt(0)}.${latinLogin(e.person.fam)}`);
  }
  if (!out.Китепкана.length) out.Китепкана.push('library');
  if (!out.Жатакана.length) out.Жатакана.push('dormitory');
  if (!out['Бирдиктүү терезе'].length) out['Бирдиктүү терезе'].push('registrar');
  return out;
}

class DocNumbers {
  private readonly seq = new Map<string, number>();

  next(type: keyof typeof DOC_PREFIX, on: Day): string {
    const year = parts(on).year;
    const key = `${type}|${year}`;
    const n = (this.seq.get(key) ?? 0) + 1;
    this.seq.set(key, n);
    return `${DOC_PREFIX[type]}-${year}-${String(n).padStart(6, '0')}`;
  }
}

const EXTERNAL = ['Билим берүү жана илим министрлиги', 'Социалдык фонд', 'Аскер комиссариаты', 'Мамлекеттик каттоо кызматы'];
const CENTRAL = ['Ректорат', 'Окуу бөлүмү', 'Кадрлар бөлүмү', 'Бухгалтерия', 'ЭББТБ', 'Китепкана', 'Жатакана', 'Бирдиктүү терезе', 'Мониторинг жана аудит бөлүмү'];
const TITLES = [
  'Кызматтык кат: студенттердин контингенти тууралуу маалымат',
  'Кызматтык кат: окуу жүктөмүн бөлүштүрүү',
  'Буйруктун көчүрмөсү: студенттерди которуу',
  'Отчёт: семестрдик жетишүү',
  'Сурам: бүтүрүүчүлөрдүн тизмеси',
  'Маалымат: жатаканага жайгаштыруу',
  'Маалымат: китепкана фондунун толукталышы',
  'Сурам: академиялык транскрипттерди тастыктоо',
  'Кызматтык кат: электрондук ведомостторду жабуу мөөнөтү',
  'Буйрук долбоору: штаттык ырааттамага өзгөртүү',
];

function buildDocumentFlow(rng: Rng, world: AvnWorld, sizes: DemoSizes, t: RegistrarTables): void {
  const units = [...CENTRAL, ...world.structure.faculties.map((f) => f.short)];
  const rows: Array<{ at: Day; minute: number; from: string; to: string; direction: 'incoming' | 'outgoing' | 'internal' }> = [];
  for (let i = 0; i < sizes.documentFlow; i++) {
    const direction = rng.weighted(['internal', 'incoming', 'outgoing'] as const, [70, 18, 12]);
    const from = direction === 'incoming' ? rng.pick(EXTERNAL) : rng.pick(units);
    let to = direction === 'outgoing' ? rng.pick(EXTERNAL) : rng.pick(units);
    if (to === from) to = 'Ректорат' === from ? 'Окуу бөлүмү' : 'Ректорат';
    rows.push({ at: rng.int(WINDOW_FROM, TODAY), minute: rng.int(8 * 60 + 30, 18 * 60), from, to, direction });
  }
  rows.sort((a, b) => a.at - b.at || a.minute - b.minute);
  rows.forEach((r, i) => {
    const age = TODAY - r.at;
    const status = age < 2 && rng.chance(0.6) ? 'sent' : rng.weighted(['received', 'executed', 'returned'], age < 10 ? [60, 35, 5] : [15, 80, 5]);
    const received = status === 'sent' ? null : timestamp(Math.min(TODAY, r.at + rng.int(0, 2)), Math.min(18 * 60 + 30, r.minute + rng.int(10, 240)));
    t.document_flow.push({
      flow_id: i + 1, doc_ref: `ЭДО-${parts(r.at).year}-${String(i + 1).padStart(5, '0')}`, title: rng.pick(TITLES), from_unit: r.from, to_unit: r.to,
      direction: r.direction, sent_at: timestamp(r.at, r.minute), received_at: received, status,
    });
  });
}
