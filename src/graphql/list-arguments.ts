/**
 * Bounds on list-valued filter arguments (`statusIn: [StudentStatus!]`): a list of enum values
 * can never usefully hold more values than the enum has, so a longer one is refused before any
 * SQL rather than carried into a statement.
 */
import { ErrorCode, HubError } from '../common/errors';

/**
 * The distinct values of an enum-list argument, or null when it was not given. More values than
 * the enum has (repeats included) is VALIDATION_FAILED with `field` and `maxItems`. An empty list
 * is returned as is: it matches nothing (the field descriptions say so).
 */
export function enumListArgument<E extends string>(values: readonly E[] | null | undefined, enumObject: Record<string, E>, field: string): E[] | null {
  if (values == null) return null;
  const maxItems = Object.keys(enumObject).length;
  if (values.length > maxItems) {
    throw new HubError(ErrorCode.VALIDATION_FAILED, `\`${field}\` takes at most ${maxItems} values (each value once).`, { field, maxItems });
  }
  return [...new Set(values)];
}
