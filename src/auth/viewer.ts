/**
 * Who is asking: the viewer of a request or WebSocket connection, resolved once from its access
 * token or API key (src/auth/credentials/) and carried in the context. Every rule — row rules,
 * field rules, domain scopes, audit — reads only this object.
 */
import type { PersonalDataKind } from '../domain/access';

/** Roles of the regulation's units (the role table in README → Access). */
export enum Role {
  ADMIN = 'ADMIN',
  DEAN = 'DEAN',
  CHAIR = 'CHAIR',
  TEACHER = 'TEACHER',
  STUDENT = 'STUDENT',
  LIBRARY = 'LIBRARY',
  DORMITORY = 'DORMITORY',
  REGISTRAR = 'REGISTRAR',
  ACCOUNTING = 'ACCOUNTING',
  HR = 'HR',
  ADMISSIONS = 'ADMISSIONS',
  ANALYST = 'ANALYST',
}

/** The domains of the schema; each GraphQL type belongs to one (src/auth/policies.ts). */
export enum Domain {
  ORGANISATION = 'ORGANISATION',
  CURRICULUM = 'CURRICULUM',
  STUDENTS = 'STUDENTS',
  GRADES = 'GRADES',
  ATTENDANCE = 'ATTENDANCE',
  ORDERS = 'ORDERS',
  FINANCE = 'FINANCE',
  ADMISSIONS = 'ADMISSIONS',
  STAFF = 'STAFF',
  LIBRARY = 'LIBRARY',
  DORMITORY = 'DORMITORY',
  REGISTRAR = 'REGISTRAR',
  IDENTITY = 'IDENTITY',
  AUDIT = 'AUDIT',
}

export interface ViewerScope {
  /** Domains the viewer may read / change. */
  readonly read: ReadonlySet<Domain>;
  readonly write: ReadonlySet<Domain>;
  /** Personal-data kinds the viewer may read (others come back null with FORBIDDEN_FIELD). */
  readonly personal: ReadonlySet<PersonalDataKind>;
  /** Names and other identifiers are replaced by stable pseudonyms (analysts). */
  readonly pseudonymous: boolean;
  /** Row limits; null = not limited by that dimension. */
  readonly facultyKey: number | null;
  readonly chairKey: number | null;
  /** AVN sotrudnik.emp_id of a teacher / chair account. */
  readonly employeeKey: number | null;
  /** AVN students.stud_id of a student account. */
  readonly studentKey: number | null;
  /** hub person.id of the account's person. */
  readonly personKey: number | null;
}

export interface Viewer {
  readonly kind: 'anonymous' | 'account' | 'apiKey';
  /** Account id or API key id (as text); null for anonymous. */
  readonly id: string | null;
  /** Login or key name, for the audit log. */
  readonly label: string;
  readonly role: Role | null;
  /** The stated purpose of a partner key (audited with every personal-data read). */
  readonly purpose: string | null;
  readonly scope: ViewerScope;
}

const NONE = new Set<never>();

export const ANONYMOUS: Viewer = Object.freeze({
  kind: 'anonymous',
  id: null,
  label: 'anonymous',
  role: null,
  purpose: null,
  scope: Object.freeze({
    read: new Set([Domain.ORGANISATION, Domain.CURRICULUM]),
    write: NONE,
    personal: NONE,
    pseudonymous: false,
    facultyKey: null,
    chairKey: null,
    employeeKey: null,
    studentKey: null,
    personKey: null,
  }),
});

export const isAdmin = (viewer: Viewer) => viewer.role === Role.ADMIN;
