/**
 * The attacks of `npm run bench:abuse`: anonymous clients sending the worst requests the limits
 * allow, and the ones just over them. Each client sends `rate` requests a second (by default twice
 * what an anonymous client is allowed, so both the served and the refused paths are exercised),
 * waiting for each answer before the next, and has a loopback address of its own (127.0.x.y), as
 * if it were a different machine.
 */
import http from 'node:http';
import WebSocket from 'ws';

export const ATTACK_KINDS = ['aliases', 'searches', 'frames', 'tokens', 'passwords'] as const;
export type AttackKind = (typeof ATTACK_KINDS)[number];

export interface AttackTally {
  kind: AttackKind;
  requests: number;
  /** Answers by HTTP status, `extensions.code` or WebSocket close code ("200", "429 RATE_LIMITED", "ws 1009"…). */
  outcomes: Record<string, number>;
}

export const DESCRIPTIONS: Record<AttackKind, string> = {
  aliases: '4,500 aliases of `faculties` (over the limits), and 5 aliases of the costliest public lists (within them)',
  searches: '200-character searches of programmes, groups and disciplines (at the limit), and 900 KB ones (over it)',
  frames: 'WebSocket: 1.5 MB subscribe messages (over the limit), and 900 KB documents of few tokens (under it)',
  tokens: 'random Bearer tokens and API keys',
  passwords: "wrong passwords for `admin` and `dean`",
};

const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const pick = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
/** Search text: Cyrillic and Latin letters, as names are typed. */
const randomText = (length: number) => pick('абвгдежзиклмнопрстуфхцчшыэюяabcdefghijklmnopqrstuvwxyz', length);
/** Token material: what may travel in a header. */
const randomToken = (length: number) => pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', length);

/** The body and headers of one request of an HTTP attack (n counts the client's requests). */
function httpRequest(kind: Exclude<AttackKind, 'frames'>, n: number): { body: string; headers: Record<string, string> } {
  const json = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
  switch (kind) {
    case 'aliases':
      return {
        headers: {},
        body: n % 2 === 0
          ? json(aliases(4500, 'faculties { id }'))
          : json(aliases(5, 'programmes(first: 30) { nodes { name groups { name yearOfStudy } curricula { id } } }')),
      };
    case 'searches': {
      const long = n % 4 === 3;
      const text = long ? 'а'.repeat(450_000) : randomText(200);
      const field = ['programmes(first: 100, where: { search: $t })', 'groups(first: 100, where: { nameContains: $t })', 'disciplines(first: 100, where: { nameContains: $t })'][n % 3];
      return { headers: {}, body: json(`query($t: String) { ${field} { totalCount nodes { id } } }`, { t: text }) };
    }
    case 'tokens':
      return {
        headers: { authorization: n % 2 === 0 ? `Bearer ${randomToken(40)}.${randomToken(80)}.${randomToken(40)}` : `ApiKey cgk_${'0'.repeat(12)}_${randomToken(43)}` },
        body: json('{ students(first: 1) { nodes { id } } }'),
      };
    case 'passwords':
      return {
        headers: {},
        body: json('mutation($l: String!, $p: String!) { login(login: $l, password: $p) { accessToken } }', { l: n % 2 === 0 ? 'admin' : 'dean', p: `guess-${randomToken(12)}` }),
      };
  }
}

function postOnce(url: URL, agent: http.Agent, request: { body: string; headers: Record<string, string> }): Promise<string> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(request.body), ...request.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let code = '';
          try {
            code = JSON.parse(Buffer.concat(chunks).toString('utf8')).errors?.[0]?.extensions?.code ?? '';
          } catch {
            code = 'unparsable';
          }
          resolve(`${res.statusCode}${code ? ` ${code}` : ''}`);
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve(`error ${error.code ?? error.message}`));
    req.end(request.body);
  });
}

/** One WebSocket attack round: connect, init, send one oversized or one large-but-allowed document. */
function frameOnce(url: URL, localAddress: string, n: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url.toString().replace(/^http/, 'ws'), 'graphql-transport-ws', { localAddress });
    let outcome = '';
    const done = (value: string) => {
      if (!outcome) outcome = value;
      socket.terminate();
    };
    socket.on('close', (code) => {
      if (!outcome) outcome = `ws ${code}`;
      resolve(outcome);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => done(`ws error ${error.code ?? ''}`.trim()));
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'connection_ack') {
        const query = n % 2 === 0 ? `{ faculties { id } } # ${'x'.repeat(1_500_000)}` : `{ faculties { id } } # ${'y'.repeat(900_000)}`;
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
      } else if (message.type === 'next' || message.type === 'error') {
        done(`ws ${message.type}${message.payload?.[0]?.extensions?.code ? ` ${message.payload[0].extensions.code}` : ''}`);
      }
    });
  });
}

/** Runs `clients` clients of one kind, each at `rate` requests a second, until `until` (ms since epoch). */
export async function runAttack(kind: AttackKind, target: string, clients: number, rate: number, firstAddress: number, until: number): Promise<AttackTally> {
  const url = new URL(target);
  const tally: AttackTally = { kind, requests: 0, outcomes: {} };
  const record = (outcome: string) => {
    tally.requests += 1;
    tally.outcomes[outcome] = (tally.outcomes[outcome] ?? 0) + 1;
  };
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const localAddress = `127.0.${Math.floor((firstAddress + i) / 250)}.${((firstAddress + i) % 250) + 2}`;
      const agent = new http.Agent({ keepAlive: true, localAddress, maxSockets: 1 });
      // Clients start spread over the first second, not all at once.
      await new Promise((r) => setTimeout(r, Math.random() * 1000));
      for (let n = 0; Date.now() < until; n++) {
        const started = Date.now();
        record(kind === 'frames' ? await frameOnce(url, localAddress, n) : await postOnce(url, agent, httpRequest(kind, n)));
        const wait = 1000 / rate - (Date.now() - started);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      agent.destroy();
    }),
  );
  return tally;
}
