/**
 * Native names stop at their source's folder (README → Architecture → Layering). The native
 * tables, columns and codes of each source system are read from its native-schema migration
 * (migrations/<system>/*_native_schema.ts: `create table` names, their columns, and the codes its
 * check constraints and seed rows spell out). Then every TypeScript file in src/ outside
 * src/sources/<that system>/ and src/demo/ is read with the TypeScript parser — code only, never
 * comments — and a native name counts where code uses it as a name:
 *   - a property name: `row.zachetka`, `row['zachetka']`, `{ zachetka: … }`, `{ zachetka } = row`,
 *     a field `zachetka: string` of a row interface;
 *   - an identifier inside SQL text: a string or template literal that reads as SQL (a statement,
 *     a fragment starting with FROM/JOIN/WHERE/…, an `alias.column`), or a literal that is a
 *     name on its own (a column map's `'s.stud_id'`, a code `'podpisan'`).
 * Words the hub itself uses for its own things are not native names (see hubWords()).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const SYSTEMS = ['avn', 'qrvisit', 'library', 'dormitory', 'registrar'] as const;
type System = (typeof SYSTEMS)[number];

/**
 * Generic words that a source happens to use as a column or code and the hub uses in its own
 * right (its tables, rows and messages), beyond those found in the schema and the hub's own
 * migrations. Keep it short: each entry hides that word from the check everywhere.
 */
const GENERIC_WORDS = new Set([
  // Row and SQL commonplaces.
  'id', 'name', 'code', 'status', 'title', 'data', 'date', 'total', 'comment', 'description', 'created_at', 'changed_at',
  // A QR session's signing secret (the hub's record of a session keeps the word); /readyz's status.
  'secret', 'ready',
  // The hub's own names of the systems (config's SOURCE_NAMES), which are also registrar unit codes.
  ...SYSTEMS,
]);

function read(file: string): string {
  return fs.readFileSync(path.join(root, file), 'utf8');
}

function filesUnder(dir: string, ext: string): string[] {
  return fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => path.posix.join(dir, f.split(path.sep).join('/')))
    .sort();
}

interface SchemaWords {
  tables: Set<string>;
  /** Table and column names. */
  names: Set<string>;
  /** Lowercase codes in check constraints and seed rows ('podpisan', 'bakalavr'…). */
  codes: Set<string>;
}

/** Table names, column names and codes of the `create table` statements (and seed rows) of migrations. */
function schemaWords(files: string[]): SchemaWords {
  const words: SchemaWords = { tables: new Set(), names: new Set(), codes: new Set() };
  for (const file of files) {
    const text = read(file);
    for (const table of text.matchAll(/create table (?:if not exists )?(\w+)\s*\(([\s\S]*?)\n\);/gi)) {
      words.tables.add(table[1]);
      words.names.add(table[1]);
      for (const line of table[2].split('\n')) {
        const column = /^\s*(\w+)\s+\w/.exec(line)?.[1];
        if (column && !/^(primary|unique|check|constraint|foreign|exclude)$/i.test(column)) words.names.add(column);
      }
    }
    for (const column of text.matchAll(/add column (?:if not exists )?(\w+)/gi)) words.names.add(column[1]);
    for (const literal of text.matchAll(/'([a-z][a-z0-9_]*)'/g)) words.codes.add(literal[1]);
  }
  return words;
}

/** The names of the public schema: its types, fields, arguments and enum values (descriptions left out). */
function schemaNames(): Set<string> {
  const sdl = read('schema/schema.graphql').replace(/"""[\s\S]*?"""/g, ' ').replace(/"(?:[^"\\\n]|\\.)*"/g, ' ').replace(/#.*$/gm, ' ');
  return new Set([...sdl.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0]));
}

/** A source's word, and how code may not use it outside that source. */
interface NativeWord {
  systems: Set<System>;
  /** A native table: not to be named in SQL after FROM, JOIN, INTO, UPDATE. */
  table: boolean;
  /** A native column not also a hub name: not to be used as a property name or an SQL identifier. */
  column: boolean;
  /** A native code, or a table not also a hub name: not to be written as a literal on its own. */
  literal: boolean;
}

/**
 * Per word, the systems whose native schema has it and how it may not be used. What the hub
 * calls its own things stays usable: the schema's names (as property names and SQL aliases of
 * the hub's records) and the hub database's own tables, columns and codes.
 */
function nativeWords(): Map<string, NativeWord> {
  const hubDb = schemaWords(filesUnder('migrations/hub', '.ts'));
  const ownWords = new Set([...GENERIC_WORDS, ...hubDb.names, ...hubDb.codes]);
  const hubNames = new Set([...ownWords, ...schemaNames()]);
  const words = new Map<string, NativeWord>();
  for (const system of SYSTEMS) {
    const native = schemaWords(filesUnder(`migrations/${system}`, '_native_schema.ts'));
    for (const word of new Set([...native.names, ...native.codes])) {
      const column = native.names.has(word) && !native.tables.has(word);
      const kinds = {
        table: native.tables.has(word) && !ownWords.has(word),
        column: column && !hubNames.has(word),
        literal: (native.codes.has(word) || native.tables.has(word)) && !hubNames.has(word),
      };
      if (!kinds.table && !kinds.column && !kinds.literal) continue;
      const entry = words.get(word) ?? { systems: new Set<System>(), table: false, column: false, literal: false };
      entry.systems.add(system);
      entry.table ||= kinds.table;
      entry.column ||= kinds.column;
      entry.literal ||= kinds.literal;
      words.set(word, entry);
    }
  }
  return words;
}

/**
 * SQL text, as opposed to a message or a description that happens to contain a native word. The
 * project writes SQL in lower case, so a sentence starting with "Where" or "Select" is not SQL.
 */
function readsAsSql(text: string): boolean {
  if (/<\/?[a-z][^>]*>/i.test(text)) return false; // an HTML page
  return (
    /^\s*[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?\s*$/.test(text) || // a name, or alias.column, on its own
    /\bselect\b[\s\S]*\bfrom\b/.test(text) ||
    /\b(insert\s+into|delete\s+from)\b/.test(text) ||
    /\bupdate\s+\w+\s+set\b/.test(text) ||
    /^\s*\(?\s*(from|join|left join|where|and|or|order by|group by|on|set|case|coalesce|exists)\b/.test(text) ||
    /\b[a-z]{1,4}\.[a-z_][a-z0-9_]*\b/.test(text) // alias.column
  );
}

interface Use {
  file: string;
  line: number;
  word: string;
  how: 'property' | 'table' | 'sql' | 'code';
}

/** The native words a file uses as property names, SQL identifiers or code literals. */
function usesIn(file: string, native: Map<string, NativeWord>): Use[] {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const uses: Use[] = [];
  const own = /^src\/sources\/([^/]+)\//.exec(file)?.[1];
  const record = (node: ts.Node, word: string, how: Use['how']): void => {
    const entry = native.get(word);
    if (!entry || (own && entry.systems.has(own as System))) return;
    const forbidden = how === 'table' ? entry.table || entry.column : how === 'code' ? entry.literal || entry.column : entry.column;
    if (!forbidden) return;
    uses.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, word, how });
  };
  const propertyName = (node: ts.Node | undefined): void => {
    if (!node) return;
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) record(node, node.text, 'property');
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) record(node, node.text, 'property');
  };
  const sqlText = (node: ts.Node, text: string): void => {
    if (/^[a-z][a-z0-9_]*$/.test(text)) return record(node, text, 'code'); // a literal that is one word: a code or a column key
    if (!readsAsSql(text)) return;
    for (const word of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
      const before = text.slice(0, word.index);
      const how = /'$/.test(before) ? 'code' : /\b(from|join|into|update|table)\s+$/i.test(before) ? 'table' : 'sql';
      record(node, word[0], how);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) propertyName(node.name);
    else if (ts.isElementAccessExpression(node)) propertyName(node.argumentExpression);
    else if (ts.isPropertyAssignment(node) || ts.isPropertySignature(node) || ts.isPropertyDeclaration(node)) propertyName(node.name);
    else if (ts.isShorthandPropertyAssignment(node)) propertyName(node.name);
    else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) propertyName(node.propertyName ?? (ts.isIdentifier(node.name) ? node.name : undefined));
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      // A property key is judged above as a property name; a module path names no data.
      const parent = node.parent;
      const isKey = (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node;
      const isElementKey = ts.isElementAccessExpression(parent) && parent.argumentExpression === node;
      if (!isKey && !isElementKey && !ts.isImportDeclaration(parent) && !ts.isExportDeclaration(parent) && !ts.isExternalModuleReference(parent)) {
        sqlText(node, node.text);
      }
    } else if (ts.isTemplateExpression(node)) {
      sqlText(node, [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ? '));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

describe('native names', () => {
  it('the native names are found in the source migrations', () => {
    const native = nativeWords();
    // Names every reader of the issue knows, as a check that the extraction works.
    for (const [word, kind] of [
      ['zachetka', 'column'], ['fak_id', 'column'], ['students', 'table'], ['podpisan', 'literal'], ['bakalavr', 'literal'],
      ['borrowers', 'table'], ['borrowernumber', 'column'], ['items', 'table'], ['resident_id', 'column'], ['student_book', 'column'], ['scan', 'literal'],
    ] as const) {
      expect(native.get(word)?.[kind], `${word} (${kind})`).toBe(true);
    }
    for (const word of GENERIC_WORDS) expect(native.has(word), word).toBe(false);
  });

  it('native table, column and code names appear only in their source, the migrations and the demo', () => {
    const native = nativeWords();
    const files = filesUnder('src', '.ts').filter((file) => !file.startsWith('src/demo/'));
    const uses = files.flatMap((file) => usesIn(file, native));
    const lines = uses.map((u) => `${u.file}:${u.line} ${u.how} ${u.word} (${[...native.get(u.word)!.systems].join(', ')})`);
    const byFolder = new Map<string, number>();
    for (const u of uses) {
      const folder = /^src\/(sources\/[^/]+|[^/]+)/.exec(u.file)![1];
      byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
    }
    const heading = [...byFolder].map(([folder, count]) => `${folder}: ${count}`).join(', ');
    expect(lines, `${lines.length} native names outside their source (${heading}):\n${lines.join('\n')}`).toEqual([]);
  });
});
