/**
 * The vocabulary of access rules, and how far a viewer reaches. Each guarded GraphQL type declares
 * its policy once, next to the type (src/modules/<module>/<module>.access.ts): the domain it
 * belongs to (checked against the viewer's read scope), its row rule per limited reach (which rows
 * of that domain the viewer's role reaches, typed over the type's objects), its `own` rule, and a
 * reference to the scope the source owning its rows applies in SQL (src/sources/<system>/
 * *.scopes.ts), so that list pages and counts obey the same limit. The modules hand their
 * declarations to the guard when the schema is built; a type without one is refused to everyone
 * but administrators, and test/unit/access-policies.test.ts fails.
 *
 * Row rules read the hidden keys the objects carry (Student.facultyKey, GradeSheet.teacherKey,
 * Loan.readerKey…), the keys of the viewer's reach and, where a rule needs a set (the groups a
 * teacher teaches, the library cards of the viewer's person), the request's ViewerFacts.
 */
import type { Params } from '../db/sql';
import type { ScopeCondition } from '../db/scope';
import type { LimitedReachKind, Reach as KeyedReach, ReachKind, ReachOf } from '../domain/reach';
import type { ViewerFacts } from './guard/facts';
import { Role, isAdmin, type Domain, type Viewer } from './viewer';

/**
 * How far a viewer's rows reach (src/domain/reach.ts). Administrators, unit roles and analysts
 * reach every row of their domains; a dean its faculty; a chair its teachers and the groups they
 * teach; a teacher its own lessons, sheets and groups; a student itself. A limited role without
 * its key reaches nothing. Anonymous callers reach only what is published ('public'): the types
 * whose rows are 'public' (or 'parent' of a public object) and those whose policy gives a `public`
 * rule — the organisation tree and curricula, never a person (README → Access).
 */
export type Reach = ReachKind;

/** The reach kind of each role that holds its key; the others reach what their domains hold. */
const LIMITED_BY_ROLE: { readonly [R in Role]?: { kind: LimitedReachKind; holds: (viewer: Viewer) => boolean } } = {
  [Role.DEAN]: { kind: 'faculty', holds: (v) => v.scope.facultyKey != null },
  [Role.CHAIR]: { kind: 'chair', holds: (v) => v.scope.chairKey != null },
  [Role.TEACHER]: { kind: 'teacher', holds: (v) => v.scope.employeeKey != null },
  [Role.STUDENT]: { kind: 'self', holds: (v) => v.scope.studentKey != null || v.scope.personKey != null },
};

export function reachOf(viewer: Viewer): Reach {
  if (isAdmin(viewer)) return 'all';
  // A caller without credentials is held to what is published, whatever its domains list.
  if (viewer.kind === 'anonymous' || viewer.role === null) return 'public';
  const limited = LIMITED_BY_ROLE[viewer.role];
  if (limited) return limited.holds(viewer) ? limited.kind : 'none';
  // Unit roles and analysts: their domains decide; a unit key issued for one faculty
  // (api_key.faculty_key) is held to that faculty like a dean.
  return viewer.scope.facultyKey != null ? 'faculty' : 'all';
}

type ReachContext = { viewer: Viewer; runtime: { businessClock: { today(): string } } };

/** Each reach kind with its keys, from the viewer's scope. */
const KEYED: { readonly [K in ReachKind]: (context: ReachContext) => ReachOf<K> } = {
  all: () => ({ kind: 'all' }),
  public: () => ({ kind: 'public' }),
  // `today` is read when a scope uses it: most rules compare keys only.
  faculty: (c) => ({ kind: 'faculty', facultyKey: c.viewer.scope.facultyKey!, get today() { return c.runtime.businessClock.today(); } }),
  chair: (c) => ({ kind: 'chair', chairKey: c.viewer.scope.chairKey!, get today() { return c.runtime.businessClock.today(); } }),
  teacher: (c) => ({ kind: 'teacher', employeeKey: c.viewer.scope.employeeKey! }),
  self: (c) => ({ kind: 'self', studentKey: c.viewer.scope.studentKey ?? null, personKey: c.viewer.scope.personKey ?? null }),
  none: () => ({ kind: 'none' }),
};

/**
 * The viewer's reach with its keys (src/domain/reach.ts), as the sources' scopes take it. `today`
 * is the business date: a faculty's and a chair's people are those with a position current on it.
 */
export function viewerReach(context: ReachContext): KeyedReach {
  return KEYED[reachOf(context.viewer)](context);
}

/** A rule's answer: decided at once, or after reading a set of the viewer's keys. */
export type Verdict = boolean | Promise<boolean>;

/** A row rule of one limited reach: may this viewer (its reach's keys, its facts) see this object? */
export type RowRule<T, K extends LimitedReachKind = LimitedReachKind> = (object: T, reach: ReachOf<K>, facts: ViewerFacts) => Verdict;

/** The row rule of each limited reach that sees part of the type's rows; a reach without one sees none (fail closed). */
export type RowCases<T> = { readonly [K in LimitedReachKind]?: RowRule<T, K> };

/**
 * The scope the source owning the rows applies to its lists, in SQL: a reference to that source's
 * function (avn.scopes.ts `studentScope`, the key scopes of auth/guard/key-scope.ts…).
 */
export type SqlScope =
  | ((reach: KeyedReach, p: Params, columns: never) => ScopeCondition)
  | ((context: never) => Promise<unknown>);

/** What a module declares about one of its GraphQL types. */
export interface AccessRules<T> {
  /** The domain the type belongs to; null for system types anyone may read (PageInfo, Heartbeat). */
  readonly domain: Domain | null;
  /**
   * - 'public': every row of the domain (catalogues: faculties, disciplines, library titles…);
   * - 'parent': a part of its parent object, seen wherever the parent is seen;
   * - a rule per limited reach; a reach without a rule sees nothing of the type (fail closed).
   *   For 'self' the `own` rule applies when `self` is not given.
   */
  readonly rows: 'public' | 'parent' | RowCases<T>;
  /**
   * The object is the viewer's own (a student's own record, reader card, request…). Personal data
   * of a 'self' viewer is readable only on its own objects, whatever else it may see.
   */
  readonly own?: RowRule<T, 'self'>;
  /** The SQL the source owning the rows limits its lists with (documentation of where the rule's SQL twin lives). */
  readonly scope?: SqlScope;
  /**
   * Scalar fields (by schema field name: most are resolved fields, not the class's own) that carry
   * another domain's data than the type's (a Student's GPA is grades data): null to a viewer without it.
   */
  readonly fieldDomains?: Readonly<Record<string, Domain>>;
  /** The type is a person's record: its identifying fields are pseudonymised by the record's key (not the value). */
  readonly personRecord?: boolean;
  /**
   * A viewer outside the type's domain or reach is refused (FORBIDDEN) instead of answered as if
   * nothing existed: for aggregates, where an empty answer would read as "zero students".
   */
  readonly refuseOutsideReach?: boolean;
}

/** The access policy of one GraphQL type: its class (the schema's name comes from it) and its rules. */
export interface AccessPolicy<T> extends AccessRules<T> {
  /** The GraphQL class (a type-graphql target), typed loosely so policies of all types fit one list. */
  readonly type: Function;
}

/** A policy of any type, as the guard holds them. */
export type AnyAccessPolicy = AccessPolicy<never>;

/** Declares the policy of `type`; the rules are checked against the type's fields. */
export function accessPolicy<T>(type: abstract new (...args: never[]) => T, rules: AccessRules<T>): AccessPolicy<T> {
  return { type, ...rules };
}
