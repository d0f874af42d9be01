/**
 * The role table: what each unit's role may read and change by default. A partner key may narrow
 * (or, issued by an administrator, widen) these with explicit scopes; row limits (faculty, chair,
 * employee, student) come from the account or key.
 */
import type { PersonalDataKind } from '../domain/access';
import { Domain, Role, type ViewerScope } from './viewer';

const ALL_PERSONAL: PersonalDataKind[] = ['pin', 'passport', 'phone', 'address', 'birthDate', 'photo', 'email'];
const ALL_DOMAINS = Object.values(Domain);
const { ORGANISATION, CURRICULUM, STUDENTS, GRADES, ATTENDANCE, ORDERS, FINANCE, ADMISSIONS, STAFF, LIBRARY, DORMITORY, REGISTRAR, IDENTITY } = Domain;

export interface RoleDefaults {
  /** One line for README's role table. */
  readonly summary: string;
  readonly read: Domain[];
  readonly write: Domain[];
  readonly personal: PersonalDataKind[];
  readonly pseudonymous?: boolean;
}

export const ROLE_DEFAULTS: Record<Role, RoleDefaults> = {
  [Role.ADMIN]: { summary: 'everything', read: ALL_DOMAINS, write: ALL_DOMAINS, personal: ALL_PERSONAL },
  [Role.DEAN]: {
    summary: "its own faculty: students and their whole study card, groups, orders, staff",
    read: [ORGANISATION, CURRICULUM, STUDENTS, GRADES, ATTENDANCE, ORDERS, FINANCE, STAFF, LIBRARY, DORMITORY, REGISTRAR],
    write: [ORDERS],
    personal: ['pin', 'phone', 'email', 'address', 'birthDate', 'photo'],
  },
  [Role.CHAIR]: {
    summary: 'its own teachers, their teaching load and the groups they teach',
    read: [ORGANISATION, CURRICULUM, STAFF],
    write: [],
    personal: ['phone', 'email'],
  },
  [Role.TEACHER]: {
    summary: 'the journals and grade sheets of its own lessons (and those students)',
    read: [ORGANISATION, CURRICULUM, GRADES, ATTENDANCE, STUDENTS],
    write: [GRADES, ATTENDANCE],
    personal: [],
  },
  [Role.STUDENT]: {
    summary: 'only its own study card (with its own personal data)',
    read: [ORGANISATION, CURRICULUM, STUDENTS, GRADES, ATTENDANCE, ORDERS, FINANCE, LIBRARY, DORMITORY, REGISTRAR, IDENTITY],
    write: [ATTENDANCE],
    personal: ALL_PERSONAL,
  },
  [Role.LIBRARY]: { summary: 'the library, plus students\' names, groups and status', read: [ORGANISATION, LIBRARY, STUDENTS], write: [LIBRARY], personal: ['phone', 'email'] },
  [Role.DORMITORY]: { summary: 'the dormitory, plus students\' names, groups and status', read: [ORGANISATION, DORMITORY, STUDENTS], write: [DORMITORY], personal: ['phone', 'birthDate', 'passport'] },
  [Role.REGISTRAR]: {
    summary: 'Single Window requests and documents, plus students, grades and orders for transcripts',
    read: [ORGANISATION, CURRICULUM, REGISTRAR, STUDENTS, GRADES, ORDERS],
    write: [REGISTRAR],
    personal: ['pin', 'birthDate', 'passport'],
  },
  [Role.ACCOUNTING]: { summary: 'tuition contracts, payments and debts, the staffing table', read: [ORGANISATION, FINANCE, STUDENTS, STAFF], write: [FINANCE], personal: ['pin', 'address'] },
  [Role.HR]: { summary: 'employees, positions and the staffing table, with their personal data', read: [ORGANISATION, STAFF], write: [STAFF], personal: ALL_PERSONAL },
  [Role.ADMISSIONS]: { summary: 'applicants and programmes', read: [ORGANISATION, CURRICULUM, ADMISSIONS, STUDENTS], write: [ADMISSIONS], personal: ['pin', 'birthDate', 'phone'] },
  [Role.ANALYST]: {
    summary: 'aggregates and pseudonymous rows: names replaced by pseudonyms, no personal data unless granted',
    read: ALL_DOMAINS.filter((d) => d !== Domain.AUDIT && d !== Domain.IDENTITY),
    write: [],
    personal: [],
    pseudonymous: true,
  },
};

export interface ScopeLimits {
  facultyKey?: number | null;
  chairKey?: number | null;
  employeeKey?: number | null;
  studentKey?: number | null;
  personKey?: number | null;
}

export interface ScopeOverrides {
  read?: Domain[] | null;
  write?: Domain[] | null;
  personal?: PersonalDataKind[] | null;
}

/** The scope of a role with its row limits; explicit overrides (partner keys) replace the defaults. */
export function scopeFor(role: Role, limits: ScopeLimits = {}, overrides: ScopeOverrides = {}): ViewerScope {
  const defaults = ROLE_DEFAULTS[role];
  return Object.freeze({
    read: new Set(overrides.read ?? defaults.read),
    write: new Set(overrides.write ?? defaults.write),
    personal: new Set(overrides.personal ?? defaults.personal),
    pseudonymous: defaults.pseudonymous ?? false,
    facultyKey: limits.facultyKey ?? null,
    chairKey: limits.chairKey ?? null,
    employeeKey: limits.employeeKey ?? null,
    studentKey: limits.studentKey ?? null,
    personKey: limits.personKey ?? null,
  });
}
