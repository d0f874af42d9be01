/**
 * Who may see which objects: for every GraphQL object type of the schema, the domain it belongs
 * to (checked against the viewer's read scope) and its row rule (which rows of that domain the
 * viewer's role reaches). The guard (src/auth/guard) applies these to every field that returns
 * such an object — queries, `node(id:)`, `nodes`, mutations' answers and subscriptions — so a new
 * resolver is guarded without doing anything. A type missing here is refused to everyone but
 * administrators, and test/access-policies.test.ts fails, so new types cannot slip through.
 *
 * Row rules read the hidden keys the objects carry (Student.facultyKey, GradeSheet.teacherKey,
 * Loan.readerKey…) and, where a rule needs a set (the groups a teacher teaches, the library
 * cards of the viewer's person), the request's ViewerFacts, each computed once per request. The
 * root lists apply the same limits in SQL (src/sources/avn/avn.scopes.ts) so counts and pages are
 * right; the rules here stay as defence in depth.
 */
import { contractById } from '../sources/avn/avn.finance';
import { lessonById } from '../sources/avn/avn.journal';
import { programmeById } from '../sources/avn/avn.organisation';
import { studentById } from '../sources/avn/avn.students';
import type { ViewerFacts } from './guard/facts';
import type { Reach as KeyedReach } from '../domain/reach';
import { Domain, Role, isAdmin, type Viewer } from './viewer';

/**
 * How far a viewer's rows reach. Administrators, unit roles and analysts reach every row of their
 * domains; a dean its faculty; a chair its teachers and the groups they teach; a teacher its own
 * lessons, sheets and groups; a student itself. A limited role without its key reaches nothing.
 * Anonymous callers reach only what is published ('public'): the types whose rows are 'public' (or
 * 'parent' of a public object) and those whose policy gives a `public` rule — the organisation tree
 * and curricula, never a person (README → Access).
 */
export type Reach = 'all' | 'public' | 'faculty' | 'chair' | 'teacher' | 'self' | 'none';
export type LimitedReach = Exclude<Reach, 'all' | 'none'>;

export function reachOf(viewer: Viewer): Reach {
  if (isAdmin(viewer)) return 'all';
  // A caller without credentials is held to what is published, whatever its domains list.
  if (viewer.kind === 'anonymous' || viewer.role === null) return 'public';
  const scope = viewer.scope;
  switch (viewer.role) {
    case Role.DEAN:
      return scope.facultyKey != null ? 'faculty' : 'none';
    case Role.CHAIR:
      return scope.chairKey != null ? 'chair' : 'none';
    case Role.TEACHER:
      return scope.employeeKey != null ? 'teacher' : 'none';
    case Role.STUDENT:
      return scope.studentKey != null || scope.personKey != null ? 'self' : 'none';
    default:
      // Unit roles and analysts: their domains decide; a unit key issued for one faculty
      // (api_key.faculty_key) is held to that faculty like a dean.
      return scope.facultyKey != null ? 'faculty' : 'all';
  }
}

/**
 * The viewer's reach with its keys (src/domain/reach.ts), as the sources' scopes take it. `today`
 * is the business date: a faculty's and a chair's people are those with a position current on it.
 */
export function viewerReach(context: { viewer: Viewer; runtime: { businessClock: { today(): string } } }): KeyedReach {
  const viewer = context.viewer;
  const s = viewer.scope;
  switch (reachOf(viewer)) {
    case 'all':
      return { kind: 'all' };
    case 'public':
      return { kind: 'public' };
    case 'faculty':
      return { kind: 'faculty', facultyKey: s.facultyKey!, today: context.runtime.businessClock.today() };
    case 'chair':
      return { kind: 'chair', chairKey: s.chairKey!, today: context.runtime.businessClock.today() };
    case 'teacher':
      return { kind: 'teacher', employeeKey: s.employeeKey! };
    case 'self':
      return { kind: 'self', studentKey: s.studentKey ?? null, personKey: s.personKey ?? null };
    default:
      return { kind: 'none' };
  }
}

/** A row rule: may this viewer see this object? `facts` holds the viewer's sets, loaded once. */
export type Rule<T = any> = (object: T, facts: ViewerFacts) => boolean | Promise<boolean>;

export interface Policy {
  /** The domain the type belongs to; null for system types anyone may read (PageInfo, Heartbeat). */
  readonly domain: Domain | null;
  /**
   * - 'public': every row of the domain (catalogues: faculties, disciplines, library titles…);
   * - 'parent': a part of its parent object, seen wherever the parent is seen;
   * - rules per limited reach; a reach without a rule sees nothing of the type (fail closed).
   *   For 'self' the `own` rule applies when `self` is not given.
   */
  readonly rows: 'public' | 'parent' | Partial<Record<LimitedReach, Rule>>;
  /**
   * The object is the viewer's own (a student's own record, reader card, request…). Personal data
   * of a 'self' viewer is readable only on its own objects, whatever else it may see.
   */
  readonly own?: Rule;
}

const {
  ORGANISATION, CURRICULUM, STUDENTS, GRADES, ATTENDANCE, ORDERS, FINANCE, ADMISSIONS, STAFF, LIBRARY, DORMITORY, REGISTRAR, IDENTITY, AUDIT,
} = Domain;

const always: Rule = () => true;
const never: Rule = () => false;

// ---- shared rules -------------------------------------------------------------------------------

/** A group the viewer's reach covers. */
const groupRules = {
  faculty: async (groupKey: number, f: ViewerFacts) => (await f.facultyGroups()).has(groupKey),
  chair: async (groupKey: number, f: ViewerFacts) => (await f.chairGroups()).has(groupKey),
  teacher: async (groupKey: number, f: ViewerFacts) => (await f.taughtGroups()).has(groupKey),
  self: async (groupKey: number, f: ViewerFacts) => (await f.me())?.groupKey === groupKey,
};

/** Teaching records (lessons, grade sheets): a dean's faculty groups, a chair's teachers, a teacher's own, a student's group. */
const teachingRules: Policy['rows'] = {
  faculty: (o: { groupKey: number }, f) => groupRules.faculty(o.groupKey, f),
  chair: async (o: { teacherKey: number }, f) => (await f.chairEmployees()).has(o.teacherKey),
  teacher: (o: { teacherKey: number }, f) => o.teacherKey === f.viewer.scope.employeeKey,
  self: (o: { groupKey: number }, f) => groupRules.self(o.groupKey, f),
};

/** An object about one AVN student (by its stud_id): visible where that student is. */
const ofStudent = (studentKey: (o: any) => number | null): Policy['rows'] => ({
  faculty: (o, f) => viaStudent(studentKey(o), f),
  chair: (o, f) => viaStudent(studentKey(o), f),
  teacher: (o, f) => viaStudent(studentKey(o), f),
  self: (o, f) => studentKey(o) === f.viewer.scope.studentKey && studentKey(o) != null,
});

async function viaStudent(studentKey: number | null, f: ViewerFacts): Promise<boolean> {
  if (studentKey == null) return false;
  const student = await studentById(f.context).load(studentKey);
  return student != null && f.sees('Student', student);
}

/** Library records by borrower number: a faculty's students' cards, a student's own cards. */
const ofReader = (readerKey: (o: any) => number | null): Policy['rows'] => ({
  faculty: async (o, f) => readerKey(o) != null && (await f.facultyReaders()).has(readerKey(o)!),
  self: async (o, f) => readerKey(o) != null && (await f.myReaders()).has(readerKey(o)!),
});

/** Dormitory records by resident id. */
const ofResident = (residentKey: (o: any) => number): Policy['rows'] => ({
  faculty: async (o, f) => (await f.facultyResidents()).has(residentKey(o)),
  self: async (o, f) => (await f.myResidents()).has(residentKey(o)),
});

/** Registrar records by the student number (or PIN) the applicant gave. */
const ofApplicantNumber = (numberOf: (o: any) => string | null, pinOf: (o: any) => string | null): { rows: Policy['rows']; own: Rule } => {
  const own: Rule = async (o, f) => {
    const me = await f.me();
    if (!me) return false;
    const number = numberOf(o);
    const pin = pinOf(o);
    return (number != null && number === me.studentNumber) || (pin != null && me.pin != null && pin === me.pin);
  };
  return {
    rows: { faculty: async (o, f) => numberOf(o) != null && (await f.facultyStudentNumbers()).has(numberOf(o)!), self: own },
    own,
  };
};

// ---- the policies -------------------------------------------------------------------------------

export const POLICIES: Readonly<Record<string, Policy>> = {
  // System
  PageInfo: { domain: null, rows: 'public' },
  Heartbeat: { domain: null, rows: 'public' },
  BusinessTime: { domain: null, rows: 'public' },

  // Access (the lead's module): tokens and the caller's own description are everyone's;
  // accounts and keys are administrators' (the resolvers check too).
  AuthPayload: { domain: null, rows: 'public' },
  ViewerInfo: { domain: null, rows: 'public' },
  // An account's description (login, role, active) is the caller's own in `login`'s answer; the
  // resolvers that list or change accounts are for administrators and check that themselves.
  Account: { domain: null, rows: 'public' },
  ApiKey: { domain: IDENTITY, rows: {} },
  IssuedApiKey: { domain: IDENTITY, rows: {} },

  // Audit: administrators only (no other role reads the AUDIT domain, and no limited reach has a rule).
  AuditEntry: { domain: AUDIT, rows: {} },
  AuditObject: { domain: AUDIT, rows: 'parent' },
  AuditChange: { domain: AUDIT, rows: 'parent' },

  // Organisation: the structure is public; groups follow the viewer's reach. A group (its name,
  // programme, year, language) is part of the published tree, so anonymous callers see every group
  // — its students, curator and sheets keep their own rules.
  Faculty: { domain: ORGANISATION, rows: 'public' },
  Chair: { domain: ORGANISATION, rows: 'public' },
  Programme: { domain: ORGANISATION, rows: 'public' },
  Group: {
    domain: ORGANISATION,
    rows: {
      public: always,
      faculty: (g, f) => groupRules.faculty(g.key, f),
      chair: (g, f) => groupRules.chair(g.key, f),
      teacher: (g, f) => groupRules.teacher(g.key, f),
      self: (g, f) => groupRules.self(g.key, f),
    },
  },
  // The staff directory (names, degrees, chair) is part of the organisation for those who work in
  // it; deans and chairs list only their own people; anonymous callers none (no `public` rule).
  // Personal fields are protected field by field (never 'own' for a student).
  Employee: {
    domain: ORGANISATION,
    rows: {
      faculty: async (e, f) => (await f.facultyEmployees()).has(e.key),
      chair: async (e, f) => (await f.chairEmployees()).has(e.key),
      teacher: always,
      self: always,
    },
    own: (e, f) => e.key === f.viewer.scope.employeeKey,
  },
  TeachingLoad: { domain: ORGANISATION, rows: 'parent' },
  TeachingLoadItem: { domain: ORGANISATION, rows: 'parent' },

  // Staff (AVN 7)
  StaffingPosition: {
    domain: STAFF,
    rows: { faculty: (s, f) => s.facultyKey === f.viewer.scope.facultyKey, chair: (s, f) => s.chairKey === f.viewer.scope.chairKey },
  },
  EmployeePosition: { domain: STAFF, rows: 'parent' },

  // The academic calendar and grade-entry windows (grading module): public dates.
  AcademicCalendar: { domain: CURRICULUM, rows: 'public' },
  AcademicPeriod: { domain: CURRICULUM, rows: 'public' },
  GradeWindow: { domain: CURRICULUM, rows: 'public' },

  // Curriculum: public catalogues.
  Discipline: { domain: CURRICULUM, rows: 'public' },
  Curriculum: { domain: CURRICULUM, rows: 'public' },
  PlanItem: { domain: CURRICULUM, rows: 'public' },

  // Students and people
  Student: {
    domain: STUDENTS,
    rows: {
      faculty: (s, f) => s.facultyKey === f.viewer.scope.facultyKey,
      chair: (s, f) => groupRules.chair(s.groupKey, f),
      teacher: (s, f) => groupRules.teacher(s.groupKey, f),
    },
    own: (s, f) => s.key === f.viewer.scope.studentKey,
  },
  Person: { domain: IDENTITY, rows: {}, own: async (p, f) => p.key === (f.viewer.scope.personKey ?? (await f.me())?.personKey) },
  IdentityRecord: { domain: IDENTITY, rows: 'parent' },
  DisciplineRegistration: { domain: GRADES, rows: 'parent' },
  SemesterRecord: { domain: GRADES, rows: 'parent' },
  GradeRecord: { domain: GRADES, rows: 'parent' },
  AttendanceSummary: { domain: ATTENDANCE, rows: 'parent' },
  DisciplineAttendance: { domain: ATTENDANCE, rows: 'parent' },

  // Grades: sheets by teacher / group; a student sees only its own row of a sheet.
  GradeSheet: { domain: GRADES, rows: teachingRules },
  GradeSheetRow: {
    domain: GRADES,
    rows: { faculty: always, chair: always, teacher: always, self: (r, f) => r.studentKey === f.viewer.scope.studentKey },
  },

  // Attendance: the journal and QR-visit
  Lesson: { domain: ATTENDANCE, rows: teachingRules },
  AttendanceMark: {
    domain: ATTENDANCE,
    rows: { faculty: always, chair: always, teacher: always, self: (m, f) => m.studentKey === f.viewer.scope.studentKey },
  },
  AttendanceCounts: { domain: ATTENDANCE, rows: 'parent' },
  // A live mark event (live module): seen where its lesson is; a student receives only its own marks.
  AttendanceEvent: {
    domain: ATTENDANCE,
    rows: {
      faculty: (e, f) => groupRules.faculty(e.groupKey, f),
      chair: async (e, f) => (await f.chairEmployees()).has(e.teacherKey),
      teacher: (e, f) => e.teacherKey === f.viewer.scope.employeeKey,
      self: (e, f) => e.studentKey === f.viewer.scope.studentKey,
    },
    own: (e, f) => e.studentKey === f.viewer.scope.studentKey,
  },
  QrSession: {
    domain: ATTENDANCE,
    // A session is seen where its journal lesson is.
    rows: Object.fromEntries(
      (['faculty', 'chair', 'teacher', 'self'] as const).map((reach) => [
        reach,
        async (q: { lessonKey: number }, f: ViewerFacts) => {
          const lesson = await lessonById(f.context).load(q.lessonKey);
          return lesson != null && f.sees('Lesson', lesson);
        },
      ]),
    ),
  },
  // QR check-in (checkin module): the code is its teacher's; a check-in answer is its student's.
  LessonQrCode: { domain: ATTENDANCE, rows: { teacher: (q, f) => q.teacherKey === f.viewer.scope.employeeKey } },
  CheckInResult: {
    domain: ATTENDANCE,
    rows: { self: (r, f) => r.studentKey === f.viewer.scope.studentKey },
    own: (r, f) => r.studentKey === f.viewer.scope.studentKey,
  },
  QrScan: {
    domain: ATTENDANCE,
    rows: { faculty: always, chair: always, teacher: always, self: async (s, f) => s.studentNumber === (await f.me())?.studentNumber },
  },

  // Orders
  Order: {
    domain: ORDERS,
    rows: { faculty: (o, f) => o.facultyKey != null && o.facultyKey === f.viewer.scope.facultyKey, self: async (o, f) => (await f.myOrders()).has(o.key) },
  },
  OrderStudent: { domain: ORDERS, rows: { faculty: always, self: (o, f) => o.studentKey === f.viewer.scope.studentKey } },
  // A live order change (live module): seen where its order is.
  OrderEvent: {
    domain: ORDERS,
    rows: { faculty: (e, f) => e.facultyKey != null && e.facultyKey === f.viewer.scope.facultyKey, self: async (e, f) => (await f.myOrders()).has(e.orderKey) },
  },
  // A leaving student who owes a unit (live module, clearanceRequired). Its unit is kept to viewers
  // reading that unit's domain by the subscription itself (a type has one domain; the library and
  // dormitory roles both read STUDENTS); its loans and placement keep their own domains here.
  ClearanceEvent: { domain: STUDENTS, rows: { faculty: (e, f) => e.facultyKey != null && e.facultyKey === f.viewer.scope.facultyKey } },
  // A live student status change (live module): seen where its student is.
  StudentStatusEvent: {
    domain: STUDENTS,
    rows: {
      faculty: (e, f) => e.facultyKey === f.viewer.scope.facultyKey,
      chair: (e, f) => groupRules.chair(e.groupKey, f),
      teacher: (e, f) => groupRules.teacher(e.groupKey, f),
    },
    own: (e, f) => e.studentKey === f.viewer.scope.studentKey,
  },

  // Finance
  Tariff: { domain: FINANCE, rows: 'public' },
  Contract: { domain: FINANCE, rows: ofStudent((c) => c.studentKey), own: (c, f) => c.studentKey === f.viewer.scope.studentKey },
  Payment: {
    domain: FINANCE,
    rows: {
      faculty: async (p, f) => {
        const contract = await contractById(f.context).load(p.contractKey);
        return contract != null && f.sees('Contract', contract);
      },
      self: async (p, f) => (await f.myContracts()).has(p.contractKey),
    },
  },
  TuitionDebtor: { domain: FINANCE, rows: ofStudent((d) => d.studentKey) },

  // Admissions
  Applicant: {
    domain: ADMISSIONS,
    rows: {
      faculty: async (a, f) => (await programmeById(f.context).load(a.programmeKey))?.facultyKey === f.viewer.scope.facultyKey,
    },
    own: (a, f) => a.studentKey != null && a.studentKey === f.viewer.scope.studentKey,
  },

  // Library: the catalogue is public; readers, loans and charges follow the reader card.
  LibraryTitle: { domain: LIBRARY, rows: 'public' },
  LibraryItem: { domain: LIBRARY, rows: 'public' },
  LibraryBranch: { domain: LIBRARY, rows: 'public' },
  LibraryCategory: { domain: LIBRARY, rows: 'public' },
  LibraryReader: { domain: LIBRARY, rows: ofReader((r) => r.key), own: async (r, f) => (await f.myReaders()).has(r.key) },
  Loan: { domain: LIBRARY, rows: ofReader((l) => l.readerKey) },
  Fine: { domain: LIBRARY, rows: ofReader((l) => l.readerKey) },
  LibraryDebtor: { domain: LIBRARY, rows: ofReader((d) => d.readerKey) },

  // Dormitory: the housing stock is public; residents and placements follow the resident.
  DormitoryBuilding: { domain: DORMITORY, rows: 'public' },
  Room: { domain: DORMITORY, rows: 'public' },
  Bed: { domain: DORMITORY, rows: 'public' },
  BedCounts: { domain: DORMITORY, rows: 'public' },
  DormitoryResident: { domain: DORMITORY, rows: ofResident((r) => r.key), own: async (r, f) => (await f.myResidents()).has(r.key) },
  Placement: { domain: DORMITORY, rows: ofResident((p) => p.residentKey) },
  DormitoryPayment: { domain: DORMITORY, rows: 'parent' },
  DormitoryDebtor: { domain: DORMITORY, rows: ofResident((d) => d.residentKey) },

  // Registrar (Single Window)
  ServiceRequestType: { domain: REGISTRAR, rows: 'public' },
  ServiceRequest: { domain: REGISTRAR, ...ofApplicantNumber((r) => r.studentNumber, (r) => r.applicantPin) },
  ServiceRequestStatusChange: { domain: REGISTRAR, rows: 'parent' },
  // A live request status change (live module): seen where its request is.
  ServiceRequestEvent: { domain: REGISTRAR, ...ofApplicantNumber((e) => e.studentNumber, (e) => e.applicantPin) },
  IssuedDocument: { domain: REGISTRAR, ...ofApplicantNumber((d) => d.studentNumber, (d) => d.holderPin) },
  // The units' internal document flow: whole-university roles only.
  DocumentFlowRecord: { domain: REGISTRAR, rows: { faculty: never, chair: never, teacher: never, self: never } },
};

/**
 * Scalar fields that carry another domain's data than their type's (a Student's GPA is grades
 * data): a viewer without that domain gets null for them.
 */
export const FIELD_DOMAINS: Readonly<Record<string, Domain>> = {
  'Student.gpa': GRADES,
  'Student.earnedCredits': GRADES,
  'Student.tuitionBalance': FINANCE,
  'Student.libraryDebt': LIBRARY,
};

export function policyOf(typeName: string): Policy | undefined {
  return POLICIES[typeName];
}
