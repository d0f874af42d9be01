/** `npm run operations:manifest`: writes schema/trusted-operations.json (see operations-manifest.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { MANIFEST_FILE, manifestText } from './operations-manifest';

try {
  const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../../schema/schema.graphql'), 'utf8'));
  const { text, files, operations } = manifestText({ schema });
  fs.writeFileSync(MANIFEST_FILE, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), MANIFEST_FILE)} (${operations} operations from ${files} files)\n`);
} catch (error) {
  process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
}
