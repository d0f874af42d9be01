/**
 * The row limits of the lists over sources other than AVN (library cards, dormitory residents,
 * registrar requests): they need the viewer's key sets in that source (a faculty's students'
 * cards, a student's own), which ViewerFacts computes once per request from AVN and the identity
 * registry. Each limit is a table of cases per limited reach (as db/scope.ts's), resolved by one
 * fail-closed dispatcher; a service awaits the scope, then adds it to its list's `filters`.
 */
import type { Params } from '../../db/sql';
import { NOTHING } from '../../db/scope';
import type { LimitedReachKind } from '../../domain/reach';
import type { ViewerFacts } from './facts';
import { factsOf } from './visibility';

/** A condition over another source's keys, built once the viewer's key set is known. */
export type KeyScope = ((p: Params, column: string) => string) | null;

/** A list's condition with its columns, or null for no limit. */
type Condition<C> = ((p: Params, columns: C) => string) | null;

type KeyScopeCases<C> = { readonly [K in LimitedReachKind]?: (facts: ViewerFacts) => Promise<(p: Params, columns: C) => string> };

/** The condition `cases` give the viewer's reach: none for 'all', nothing for a reach without a case. */
async function keyScope<C>(context: ScopeContext, cases: KeyScopeCases<C>): Promise<Condition<C>> {
  const facts = factsOf(context);
  const kind = facts.reach.kind;
  if (kind === 'all') return null;
  const condition = kind === 'none' ? undefined : cases[kind];
  return condition ? condition(facts) : () => NOTHING;
}

const inKeys = (keys: Iterable<number>) => {
  const list = [...keys];
  return (p: Params, column: string) => (list.length ? `${column} = any(${p.add(list)}::int[])` : NOTHING);
};

const READER_CASES: KeyScopeCases<string> = {
  faculty: async (f) => inKeys(await f.facultyReaders()),
  self: async (f) => inKeys(await f.myReaders()),
};

const RESIDENT_CASES: KeyScopeCases<string> = {
  faculty: async (f) => inKeys(await f.facultyResidents()),
  self: async (f) => inKeys(await f.myResidents()),
};

type ApplicantColumns = { number: string; pin: string };

const APPLICANT_CASES: KeyScopeCases<ApplicantColumns> = {
  faculty: async (f) => {
    const numbers = [...(await f.facultyStudentNumbers())];
    return (p, c) => (numbers.length ? `${c.number} = any(${p.add(numbers)}::text[])` : NOTHING);
  },
  self: async (f) => {
    const me = await f.me();
    if (!me) return () => NOTHING;
    return (p, c) => (me.pin ? `(${c.number} = ${p.add(me.studentNumber)} or ${c.pin} = ${p.add(me.pin)})` : `${c.number} = ${p.add(me.studentNumber)}`);
  },
};

type ScopeContext = Parameters<typeof factsOf>[0];

/** Library borrowers (library `borrowers.borrowernumber`): a faculty's students' cards, the student's own. */
export const readerScope = (context: ScopeContext): Promise<KeyScope> => keyScope(context, READER_CASES);

/** Dormitory residents (dormitory `residents.resident_id`). */
export const residentScope = (context: ScopeContext): Promise<KeyScope> => keyScope(context, RESIDENT_CASES);

/** Registrar records by the applicant's student number and PIN columns. */
export const applicantNumberScope = (context: ScopeContext): Promise<Condition<ApplicantColumns>> => keyScope(context, APPLICANT_CASES);
