/**
 * PostGraphile 4.14.1 in library mode over one database (the bench gives it AVN), for the read
 * benchmark (bench/reads.ts starts it as a child process after `npm ci` in this folder).
 *
 * Environment: DATABASE_URL (required), PORT (0 = any free port), POOL_MAX (connections; the bench
 * passes the hub's per-source pool size so both sides get the same database concurrency).
 *
 * Besides /graphql it serves GET /__statements: how many SQL statements its pool has sent since
 * start ({ "statements": n }). The pool's clients are wrapped as they connect, so every statement
 * PostGraphile sends (introspection at start, then one per request for plain queries) is counted;
 * the bench reads the counter around one request to get statements per operation.
 *
 * Prints one JSON line {"ready":"http://127.0.0.1:<port>/graphql", "settings": {...}} once serving.
 */
'use strict';
const http = require('node:http');
const pg = require('pg');
const { postgraphile } = require('postgraphile');

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}
const poolMax = Number(process.env.POOL_MAX || 10);

let statements = 0;
const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax, application_name: 'bench:postgraphile' });
pool.on('connect', (client) => {
  const query = client.query;
  client.query = function countedQuery(...args) {
    statements += 1;
    return query.apply(this, args);
  };
});
pool.on('error', (error) => console.error('idle client error', error.message));

// The settings a production deployment would use; query logging and GraphiQL off, reads only.
const settings = {
  graphqlRoute: '/graphql',
  graphiql: false,
  enhanceGraphiql: false,
  disableQueryLog: true,
  watchPg: false,
  disableDefaultMutations: true,
  legacyRelations: 'omit',
  ignoreRBAC: true,
  showErrorStack: false,
  extendedErrors: [],
  retryOnInitFail: false,
};
const middleware = postgraphile(pool, 'public', settings);

const server = http.createServer((req, res) => {
  if (req.url === '/__statements') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ statements }));
    return;
  }
  middleware(req, res);
});

// Build the schema before announcing readiness, so the first measured request does not pay for it.
middleware
  .getGraphQLSchema()
  .then(() => {
    server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
      const { port } = server.address();
      console.log(JSON.stringify({ ready: `http://127.0.0.1:${port}/graphql`, settings: { poolMax, nodeEnv: process.env.NODE_ENV ?? null, ...settings } }));
    });
  })
  .catch((error) => {
    console.error('PostGraphile failed to start:', error && error.message);
    process.exit(1);
  });

function shutdown() {
  server.close();
  middleware.release().finally(() => pool.end().finally(() => process.exit(0)));
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
