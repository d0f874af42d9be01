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

/**
 * A word search: every word of `text` must occur (case-insensitively) in one of `columns`, so
 * "Асанов Бакыт" and "бакыт асанов" find the same person. One condition per word, each an OR of
 * `ilike '%word%'` over the columns — the shape a trigram index on those columns serves
 * (db/search-index-sql.ts). Blank text adds no condition.
 */
export function everyWordIn(columns: string[], text: string | null | undefined, params: Params): string[] {
  if (!text) return [];
  return text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const p = params.add(`%${likeEscape(word)}%`);
      return `(${columns.map((column) => `${column} ilike ${p}`).join(' or ')})`;
    });
}
