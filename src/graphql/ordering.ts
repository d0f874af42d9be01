/** Shared pieces of `orderBy` inputs. */
import { registerEnumType } from 'type-graphql';
import type { SortColumn } from '../db/pages';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesConfig: { ASC: { description: 'Smallest / earliest / A first.' }, DESC: { description: 'Largest / latest / Z first.' } },
});

/**
 * The sort of a list: the chosen column, then the unique key as tie-breaker so that keyset
 * cursors are exact.
 */
export function sortBy(column: { sql: string; key: string }, direction: OrderDirection | undefined, tieBreaker: { sql: string; key: string }): SortColumn[] {
  const desc = direction === OrderDirection.DESC;
  if (column.sql === tieBreaker.sql) return [{ ...column, desc }];
  return [{ ...column, desc }, { ...tieBreaker, desc }];
}
