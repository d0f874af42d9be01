/**
 * The floor of the read benchmark: a minimal node:http server with `pg` that answers the bench's
 * operations with hand-written SQL (bench/reads/floor-queries.ts) — no GraphQL, no access rules,
 * no DataLoader. Whatever the hub costs above this is the price of its layer.
 *
 * POST /<operation> with JSON variables → `{"data": …}`. GET /__statements → SQL statements sent
 * since start. Environment: DATABASE_URL_<NAME> for the six databases, POOL_MAX (per database,
 * the hub's pool size), PORT (0 = any). Prints {"ready":"http://127.0.0.1:<port>"} when serving.
 *
 * Run: node -r @swc-node/register bench/reads/floor-server.ts
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { FLOOR_HANDLERS, type FloorDatabase, type FloorQuery } from './floor-queries';
import type { OperationName } from './operations';

const DATABASES: FloorDatabase[] = ['avn', 'hub', 'qrvisit', 'library', 'dormitory', 'registrar'];
const poolMax = Number(process.env.POOL_MAX || 10);

const pools = {} as Record<FloorDatabase, pg.Pool>;
for (const name of DATABASES) {
  const url = process.env[`DATABASE_URL_${name.toUpperCase()}`];
  if (!url) {
    console.error(`DATABASE_URL_${name.toUpperCase()} is required`);
    process.exit(2);
  }
  pools[name] = new pg.Pool({ connectionString: url, max: poolMax, application_name: `bench:floor:${name}` });
  pools[name].on('error', (error) => console.error('idle client error', error.message));
}

let statements = 0;
const query: FloorQuery = async <T>(database: FloorDatabase, sql: string, params: unknown[]) => {
  statements += 1;
  return (await pools[database].query(sql, params)).rows as T[];
};

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const server = http.createServer((req, res) => {
  const name = (req.url ?? '/').slice(1);
  if (name === '__statements') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ statements }));
    return;
  }
  const handler = Object.hasOwn(FLOOR_HANDLERS, name) ? FLOOR_HANDLERS[name as OperationName] : undefined;
  if (!handler || req.method !== 'POST') {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: `POST /${Object.keys(FLOOR_HANDLERS).join(' | /')}` }));
    return;
  }
  readBody(req)
    .then((body) => handler(query, body ? JSON.parse(body) : {}))
    .then((data) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(`{"data":${data}}`);
    })
    .catch((error: Error) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: error.message }] }));
    });
});

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ ready: `http://127.0.0.1:${port}`, settings: { poolMax } }));
});

function shutdown(): void {
  server.close();
  Promise.all(Object.values(pools).map((pool) => pool.end())).finally(() => process.exit(0));
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
