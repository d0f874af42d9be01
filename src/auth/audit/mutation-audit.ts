/**
 * Every mutation is audited, by construction: a mutation that succeeds without recording an entry
 * itself (with its old and new values, through recordAudit) gets a plain one — who, when, the
 * operation and the objects it returned. Arguments are never recorded (they can hold passwords).
 * The schema guard (src/graphql/guard) runs every Mutation field through this.
 */
import { recordAudit, recordedCount, type AuditContext } from './audit.service';

/** Runs the mutation `operation` (`run`) and records a plain entry when it recorded none; `returnedType` names untyped results. */
export async function audited(context: AuditContext, operation: string, returnedType: string, run: () => unknown): Promise<unknown> {
  const before = recordedCount(context, operation);
  const result = await run();
  if (recordedCount(context, operation) === before) {
    const objects = (Array.isArray(result) ? result : [result])
      .filter((o): o is { id: unknown; __typename?: string } => !!o && typeof o === 'object' && 'id' in o && o.id != null)
      .map((o) => ({ type: o.__typename ?? returnedType, id: String(o.id) }));
    recordAudit(context, { operation, objects });
  }
  return result;
}
