/**
 * The hub's text-search indexes in a source (used by the `*_search_indexes` integration
 * migrations). The hub's searches ("every word occurs in the surname, given name or patronymic",
 * "title contains") are `ilike '%word%'`, which no ordinary index serves: on a real university's
 * tables each would read the whole table. A trigram GIN index (PostgreSQL's `pg_trgm`, a trusted
 * extension shipped with PostgreSQL) answers them from the index. Like every integration object,
 * the indexes are named `campus_graph_…` so they are easy to tell apart from the source's own.
 *
 * Creating an index takes a lock that holds back the source's writes to that table while it is
 * built (well under a second for tables of a university's size); src/sources/README.md says so.
 */

export interface SearchIndex {
  table: string;
  /** Text columns searched with ilike; one multi-column GIN index serves a condition on any of them. */
  columns: string[];
}

const indexName = (index: SearchIndex) => `campus_graph_trgm_${index.table}`;

export function searchIndexSql(indexes: SearchIndex[]): string[] {
  return [
    'create extension if not exists pg_trgm',
    ...indexes.map(
      (index) => `create index if not exists ${indexName(index)} on ${index.table} using gin (${index.columns.map((c) => `${c} gin_trgm_ops`).join(', ')})`,
    ),
  ];
}

/** Undoes {@link searchIndexSql} (the extension stays: the source may use it too). */
export function dropSearchIndexSql(indexes: SearchIndex[]): string[] {
  return indexes.map((index) => `drop index if exists ${indexName(index)}`);
}
