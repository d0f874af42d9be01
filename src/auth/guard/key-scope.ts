/**
 * The row limits of the lists over sources other than AVN (library cards, dormitory residents,
 * registrar requests): they need the viewer's key sets in that source (a faculty's students'
 * cards, a student's own), which ViewerFacts computes once per request from AVN and the identity
 * registry. A service awaits the scope, then adds it to its list's `filters`.
 */
import type { Params } from '../../db/sql';
import type { HubContext } from '../../graphql/context';
import { reachOf } from '../policies';
import { factsOf } from './facts';
import { NOTHING } from '../../db/scope';

/** A condition over another source's keys, built once the viewer's key set is known. */
export type KeyScope = ((p: Params, column: string) => string) | null;

const inKeys = (keys: Iterable<number>): KeyScope => {
  const list = [...keys];
  return (p, column) => (list.length ? `${column} = any(${p.add(list)}::int[])` : NOTHING);
};

/** Library borrowers (library `borrowers.borrowernumber`): a faculty's students' cards, the student's own. */
export async function readerScope(context: HubContext): Promise<KeyScope> {
  const facts = factsOf(context);
  switch (reachOf(context.viewer)) {
    case 'all':
      return null;
    case 'faculty':
      return inKeys(await facts.facultyReaders());
    case 'self':
      return inKeys(await facts.myReaders());
    default:
      return () => NOTHING;
  }
}

/** Dormitory residents (dormitory `residents.resident_id`). */
export async function residentScope(context: HubContext): Promise<KeyScope> {
  const facts = factsOf(context);
  switch (reachOf(context.viewer)) {
    case 'all':
      return null;
    case 'faculty':
      return inKeys(await facts.facultyResidents());
    case 'self':
      return inKeys(await facts.myResidents());
    default:
      return () => NOTHING;
  }
}

/** Registrar records by the applicant's student number and PIN columns. */
export async function applicantNumberScope(context: HubContext): Promise<((p: Params, columns: { number: string; pin: string }) => string) | null> {
  const facts = factsOf(context);
  switch (reachOf(context.viewer)) {
    case 'all':
      return null;
    case 'faculty': {
      const numbers = [...(await facts.facultyStudentNumbers())];
      return (p, c) => (numbers.length ? `${c.number} = any(${p.add(numbers)}::text[])` : NOTHING);
    }
    case 'self': {
      const me = await facts.me();
      if (!me) return () => NOTHING;
      return (p, c) => (me.pin ? `(${c.number} = ${p.add(me.studentNumber)} or ${c.pin} = ${p.add(me.pin)})` : `${c.number} = ${p.add(me.studentNumber)}`);
    }
    default:
      return () => NOTHING;
  }
}
