/**
 * A generated table held column-wise in memory until it is written. Column-wise because the bulk
 * writer sends one array per column (`unnest($1::int[], $2::text[], …)`), and because a few
 * tables have a million rows: plain arrays of small integers are compact in V8.
 */

export type ColumnType = 'int' | 'smallint' | 'bigint' | 'text' | 'date' | 'timestamp' | 'timestamptz' | 'numeric' | 'bool' | 'float8';

export type ColumnSpec<R> = { readonly [K in keyof R]-?: ColumnType };

type ValueOf<T extends ColumnType> = T extends 'int' | 'smallint' | 'bigint' | 'float8'
  ? number
  : T extends 'bool'
    ? boolean
    : T extends 'numeric'
      ? number | string
      : string;
/** The row type of a table defined by a column spec (every column may be null; the database enforces NOT NULL). */
export type RowOf<S extends Record<string, ColumnType>> = { [K in keyof S]: ValueOf<S[K]> | null };

/** Where the million-row generators append rows, values in column order. */
export interface RowSink {
  readonly size: number;
  pushValues(...values: unknown[]): void;
}

/** What the writer needs of a table, whatever its row type. */
export interface WritableTable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly types: readonly ColumnType[];
  readonly data: readonly unknown[][];
  readonly serial?: string;
  readonly size: number;
}

/** Defines a table from its column spec; the row type follows from the spec. */
export function defineTable<S extends Record<string, ColumnType>>(name: string, spec: S, serial?: keyof S & string): Table<RowOf<S>> {
  return new Table<RowOf<S>>(name, spec as unknown as ColumnSpec<RowOf<S>>, serial);
}

export class Table<R extends object = Record<string, unknown>> implements RowSink, WritableTable {
  readonly columns: Array<keyof R & string>;
  readonly types: ColumnType[];
  readonly data: unknown[][];

  /**
   * @param name table name in the source database
   * @param spec column → type, in insert order
   * @param serial the serial primary-key column whose sequence must be moved past the explicit ids
   */
  constructor(
    readonly name: string,
    spec: ColumnSpec<R>,
    readonly serial?: keyof R & string,
  ) {
    this.columns = Object.keys(spec) as Array<keyof R & string>;
    this.types = this.columns.map((c) => spec[c]);
    this.data = this.columns.map(() => []);
  }

  push(row: R): void {
    const columns = this.columns;
    for (let i = 0; i < columns.length; i++) {
      const value = row[columns[i]];
      this.data[i].push(value === undefined ? null : value);
    }
  }

  /** Hot-path variant of push for the million-row tables: values in column order. */
  pushValues(...values: unknown[]): void {
    for (let i = 0; i < values.length; i++) this.data[i].push(values[i]);
  }

  get size(): number {
    return this.data[0]?.length ?? 0;
  }

  column<K extends keyof R & string>(name: K): Array<R[K]> {
    return this.data[this.columns.indexOf(name)] as Array<R[K]>;
  }
}
