/**
 * Small helpers for hand-written SQL: numbered parameters, and filter lists that become a WHERE.
 * Values always travel as parameters; only identifiers from code are spliced into text.
 */
export class Params {
  readonly values: unknown[] = [];
  /** Adds a value and returns its placeholder ($1, $2…). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Joins conditions with AND; an empty list is `true`. */
export function and(conditions: (string | null | undefined | false)[]): string {
  const kept = conditions.filter((c): c is string => typeof c === 'string' && c.length > 0);
  return kept.length ? kept.map((c) => `(${c})`).join(' and ') : 'true';
}

/** Escapes LIKE wildcards so user text matches literally. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
