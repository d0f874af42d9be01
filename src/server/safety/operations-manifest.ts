/**
 * The trusted set written by `npm run operations:manifest`: the partner clients' operations in
 * test/operations/*.graphql (the files codegen types), as schema/trusted-operations.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { buildManifest } from './trusted-operations';

const root = path.resolve(__dirname, '../../..');
export const OPERATIONS_DIR = path.join(root, 'test/operations');
export const MANIFEST_FILE = path.join(root, 'schema/trusted-operations.json');

function operationFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort();
}

/**
 * The manifest's JSON text for the operation files in `dir` (sorted, so the output is stable).
 * With a schema, every file is validated first: a manifest never registers an operation the
 * schema would refuse.
 */
export function manifestText(options: { dir?: string; schema?: GraphQLSchema } = {}): { text: string; files: number; operations: number } {
  const dir = options.dir ?? OPERATIONS_DIR;
  const sources = operationFiles(dir).map((file) => {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    const problems = options.schema ? validate(options.schema, parse(source)) : [];
    if (problems.length) throw new Error(`${file}: ${problems.map((p) => p.message).join('; ')}`);
    return source;
  });
  const manifest = buildManifest(sources);
  return { text: `${JSON.stringify(manifest, null, 2)}\n`, files: sources.length, operations: manifest.operations.length };
}
