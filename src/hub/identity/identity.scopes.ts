/**
 * The identity registry's side of the row limits (src/domain/reach.ts): which registry people a
 * viewer's reach covers — a student only its own person (known by its person key, or found
 * through its AVN student record's link).
 */
import { NOTHING, scopeCondition, type ScopeCondition } from '../../db/scope';
import type { Params } from '../../db/sql';
import type { Reach } from '../../domain/reach';

/** People of the identity registry (hub `person`): a student its own person. */
export function personScope(reach: Reach, p: Params, personColumn: string): ScopeCondition {
  return scopeCondition(reach, p, {
    self: (r, q) => {
      if (r.personKey != null) return `${personColumn} = ${q.add(r.personKey)}`;
      return r.studentKey != null
        ? `${personColumn} in (select _l.person_id from identity_link _l where _l.source = 'avn.student' and _l.local_key = ${q.add(String(r.studentKey))})`
        : NOTHING;
    },
  });
}
