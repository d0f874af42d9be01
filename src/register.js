/**
 * Runs the hub's TypeScript in Node without a build step: `node -r ./src/register.js src/main.ts`.
 *
 * Why not `-r @swc-node/register` (used for the npm scripts that are not timed): it loads the
 * whole `typescript` package to read tsconfig.json, about 0.8 s of every start, which alone would
 * break the 3 s warm-start target. This hook hands each .ts file to @swc/core with the project's
 * .swcrc (legacy decorators + decorator metadata, as type-graphql and MikroORM need) and keeps the
 * output in node_modules/.cache, keyed by the file's content, so a warm start compiles nothing.
 * Plain JavaScript; it is the one file that must run before any TypeScript can.
 */
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
const options = { ...swcrc, swcrc: false, configFile: false, sourceMaps: 'inline' };
const optionsKey = crypto.createHash('sha1').update(JSON.stringify(options)).update(require('@swc/core/package.json').version).digest('hex').slice(0, 12);
const cacheDir = path.join(root, 'node_modules', '.cache', 'campus-graph-ts', optionsKey);

function compile(source, filename) {
  const key = crypto.createHash('sha1').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // Not compiled yet (or the cache was cleared): compile and keep it.
  }
  const { code } = transformSync(source, { ...options, filename });
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    // Write then rename: two processes starting at once never read a half-written file.
    const temporary = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, cached);
  } catch {
    // A read-only checkout still runs; it just compiles on every start.
  }
  return code;
}

// Stack traces point into the .ts sources (the inline source maps).
process.setSourceMapsEnabled(true);

require.extensions['.ts'] = function loadTypeScript(module, filename) {
  if (filename.includes(`${path.sep}node_modules${path.sep}`)) {
    throw new Error(`Refusing to compile TypeScript inside node_modules: ${filename}`);
  }
  module._compile(compile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
