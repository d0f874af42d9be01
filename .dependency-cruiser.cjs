/**
 * The import rules of src/ (README → Architecture → Layering), checked by test/architecture.test.ts.
 *
 * Each folder may import only the folders below it. From the bottom:
 *   common → config → domain → db → sources/<system> → hub → events → auth → graphql → modules → server.
 * The top-level files other than config.ts (main.ts, app.ts, prepare-data.ts) are the composition
 * root and may import anything. demo/ writes native rows into the sources: it sits beside them.
 * migrations/ lies outside src/ and is not a layer here.
 */

/** The folders each layer may import, besides its own. */
const LAYERS = {
  common: [],
  config: ['common'],
  domain: ['common', 'config'],
  db: ['common', 'config', 'domain'],
  sources: ['common', 'config', 'domain', 'db'],
  demo: ['common', 'config', 'domain', 'db', 'sources'],
  hub: ['common', 'config', 'domain', 'db', 'sources'],
  events: ['common', 'config', 'domain', 'db', 'sources', 'hub'],
  auth: ['common', 'config', 'domain', 'db', 'sources', 'hub', 'events'],
  graphql: ['common', 'config', 'domain', 'db', 'sources', 'hub', 'events', 'auth'],
  modules: ['common', 'config', 'domain', 'db', 'sources', 'hub', 'events', 'auth', 'graphql'],
};

/** Why each layer stops where it does (shown with a violation). */
const WHY = {
  common: 'common/ is the bottom: helpers everyone may use, depending on nothing of the project.',
  config: 'config.ts is read by everything: it may only use common/.',
  domain: 'domain/ is the unified model in plain TypeScript; everything builds on it and it builds on nothing but common and config.',
  db: 'db/ is the reading machinery under the sources: it knows no source, no hub table and no schema.',
  sources: 'A source is a connector: typed requests in, domain records out. It knows no schema, no access rules, no hub and no other source.',
  demo: 'The demo generator writes native rows into the sources; nothing above it belongs in it.',
  hub: 'The hub database (identity registry, accounts, calendar, audit) reads sources, never the schema, the rules or the events.',
  events: 'The change feed turns captured rows into events for the schema; it knows nothing of the schema, the rules or the server.',
  auth: 'Access rules are facts about viewers and rows: they must not depend on the schema code, the modules or the server.',
  graphql: 'The GraphQL plumbing is shared by the modules; it must not depend on any of them or on the server.',
  modules: 'The modules make the schema; the server hosts it, never the other way round.',
};

/** The path of a layer's files (config is one file). */
const layerPath = (layer) => (layer === 'config' ? '^src/config\\.ts$' : `^src/${layer}/`);

/** Packages that make schema code or carry decorators. */
const SCHEMA_PACKAGES = '^node_modules/(type-graphql|graphql|graphql-scalars|graphql-ws|@apollo/[^/]+)/';
const DECORATOR_PACKAGES = '^node_modules/(type-graphql|graphql|graphql-scalars|@mikro-orm/[^/]+|reflect-metadata|class-validator|class-transformer)/';

const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  severity: 'error',
  comment: `${WHY[layer]} Allowed: ${allowed.length ? allowed.join(', ') : 'nothing'}.`,
  from: { path: layer === 'sources' ? '^src/sources/([^/]+)/' : layerPath(layer) },
  to: {
    path: '^src/',
    // A source may use its own folder only (no other source's); other layers their own folder.
    pathNot: [layer === 'sources' ? '^src/sources/$1/' : layerPath(layer), ...allowed.map(layerPath)],
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'sources-know-no-schema',
      severity: 'error',
      comment: 'Sources return domain records; GraphQL types, scalars and errors are the modules\' business.',
      from: { path: '^src/sources/' },
      to: { path: SCHEMA_PACKAGES },
    },
    {
      name: 'domain-is-plain',
      severity: 'error',
      comment: 'The domain layer is plain TypeScript: no decorators, no ORM, no GraphQL.',
      from: { path: '^src/domain/' },
      to: { path: DECORATOR_PACKAGES },
    },
    {
      name: 'no-cycle-across-folders',
      severity: 'error',
      comment:
        'An import cycle that leaves the folder it starts in ties two folders (or two layers) together: neither can be ' +
        'understood or tested without the other. Cycles among the files of one folder are that folder\'s own business.',
      from: { path: '^(src/.+)/[^/]+$' },
      to: { circular: true, via: { pathNot: '^$1/[^/]+$' } },
    },
  ],
  options: {
    // Type-only imports count: a type from a higher layer ties a file to it just the same.
    tsPreCompilationDeps: true,
    // Packages are seen (the package rules need them) but not read.
    doNotFollow: { path: 'node_modules' },
  },
};
