/**
 * The README's GraphQL examples are valid against the committed schema: a newcomer who copies one
 * into GraphiQL never meets a field that was renamed or never existed. A block of one-line
 * operations (lines starting with `{` or `query`/`mutation`/`subscription`) is checked line by line;
 * any other block as one document.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const schema = buildSchema(fs.readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8'));
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

function examples(): { where: string; document: string }[] {
  const found: { where: string; document: string }[] = [];
  for (const match of readme.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    const block = match[1];
    const line = readme.slice(0, match.index).split('\n').length;
    const oneLiners = block.split('\n').filter((l) => /^\{ .*\}$/.test(l));
    if (oneLiners.length > 1) oneLiners.forEach((document) => found.push({ where: `README.md:${line}`, document }));
    else found.push({ where: `README.md:${line}`, document: block });
  }
  return found;
}

describe('README examples', () => {
  it('are valid against schema/schema.graphql', () => {
    const all = examples();
    expect(all.length).toBeGreaterThan(10);
    const invalid = all.flatMap(({ where, document }) =>
      validate(schema, parse(document)).map((error) => `${where}: ${error.message} in ${document.split('\n')[0].slice(0, 80)}`),
    );
    expect(invalid).toEqual([]);
  });
});
