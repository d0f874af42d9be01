/**
 * Bounds on list-valued filter arguments (`statusIn: [StudentStatus!]`, `typeCodeIn: [String!]`):
 * a list of enum values can never usefully hold more values than the enum has, and a list of codes
 * or IDs gets a documented maximum, so a longer one is refused before any SQL rather than carried
 * into a statement.
 */
import { ErrorCode, HubError } from '../common/errors';

/**
 * The distinct values of an enum-list argument, or null when it was not given. More values than
 * the enum has (repeats included) is VALIDATION_FAILED with `field` and `maxItems`. An empty list
 * is returned as is: it matches nothing (the field descriptions say so).
 */
export function enumListArgument<E extends string>(values: readonly E[] | null | undefined, enumObject: Record<string, E>, field: string): E[] | null {
  return boundedListArgument(values, Object.keys(enumObject).length, field, ' (each value once)');
}

/**
 * The distinct values of a list argument of codes or IDs, or null when it was not given; more than
 * `maxItems` values (repeats included) is VALIDATION_FAILED with `field` and `maxItems`. An empty
 * list is returned as is: it matches nothing.
 */
export function boundedListArgument<T>(values: readonly T[] | null | undefined, maxItems: number, field: string, hint = ''): T[] | null {
  if (values == null) return null;
  if (values.length > maxItems) {
    throw new HubError(ErrorCode.VALIDATION_FAILED, `\`${field}\` takes at most ${maxItems} values${hint}.`, { field, maxItems });
  }
  return [...new Set(values)];
}
