/**
 * `npm run bench:abuse` (issue 9): does a legitimate user keep working while anonymous clients
 * attack? A dean's office client reads study cards, group pages and student lists at a steady
 * rate, first alone, then while attackers (a separate process, each client from a loopback
 * address of its own) send the worst requests the limits allow and the ones just over them:
 * thousands of aliases, long searches, large WebSocket frames, bad tokens, password guessing.
 * Prints the figures against the targets and appends them to bench/RESULTS.md.
 *
 *   npm run bench:abuse -- [--scale 1] [--duration 30] [--warmup 30] [--rate 10] [--attack-rate 4]
 *                          [--aliases 10] [--searches 10] [--frames 4] [--tokens 10] [--passwords 10]
 *
 * (`--rate`: the legitimate client's requests a second; `--attack-rate`: each attacking client's,
 * twice what an anonymous client may send by default; the others: clients per attack.)
 *
 * Targets: the legitimate p99 under attack at most 3× its p99 alone; no legitimate request refused
 * or failed; no source marked down; /readyz `ready` throughout.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDatabases, parseArgs } from './lib/bench-databases';
import { ROOT, loginOverHttp, processUsage, startHubProcess, type HubProcess } from './lib/hub-process';
import { appendResults, markdownTable, percentile } from './lib/results';
import { ATTACK_KINDS, DESCRIPTIONS, type AttackKind, type AttackTally } from './abuse/attacks';

const log = (message: string) => console.log(`[bench:abuse] ${message}`);

const STUDY_CARD = fs.readFileSync(path.join(ROOT, 'test', 'operations', 'StudyCard.graphql'), 'utf8');
const GROUP_STUDENTS = `query GroupStudents($groupId: ID!) {
  students(first: 30, where: { groupId: $groupId }) { totalCount nodes { fullName studentNumber status gpa attendanceSummary { attendanceRate } } }
}`;
const FACULTY_LIST = `query FacultyStudents($after: String) {
  students(first: 50, after: $after, where: { status: STUDYING }, orderBy: { field: NAME, direction: ASC }) { totalCount nodes { fullName group { name } } pageInfo { endCursor } }
}`;

interface Sample {
  ms: number;
  ok: boolean;
  what: string;
}

async function graphql(url: string, authorization: string, query: string, variables: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** A dean's office account on the first faculty (the demo dean's), made by the administrator. */
async function deanOf(url: string, adminPasswords: string[]): Promise<{ authorization: string; studentNumbers: string[]; groupIds: string[] }> {
  let admin: string | null = null;
  for (const password of adminPasswords) admin ??= await loginOverHttp(url, 'admin', password).catch(() => null);
  if (!admin) throw new Error('cannot log in as the administrator (set ADMIN_PASSWORD to its password)');
  const facultyId = (await graphql(url, admin, '{ faculties { id } }', {})).body.data.faculties[0].id;
  const login = `bench-dean-${Date.now().toString(36)}`;
  const password = `bench-${Math.random().toString(36).slice(2)}-pw`;
  const registered = await graphql(url, admin, 'mutation($i: RegisterAccountInput!) { registerAccount(input: $i) { id } }', {
    i: { login, password, role: 'DEAN', facultyId },
  });
  if (!registered.body?.data) throw new Error(`could not register the bench dean: ${JSON.stringify(registered.body)}`);
  const authorization = await loginOverHttp(url, login, password);
  const students = await graphql(url, authorization, '{ students(first: 100, where: { status: STUDYING }) { nodes { studentNumber } } groups(first: 50) { nodes { id } } }', {});
  const studentNumbers = students.body.data.students.nodes.map((s: any) => s.studentNumber);
  const groupIds = students.body.data.groups.nodes.map((g: any) => g.id);
  if (!studentNumbers.length || !groupIds.length) throw new Error('the bench dean sees no students or groups');
  return { authorization, studentNumbers, groupIds };
}

/** The legitimate client: `rate` requests a second for `seconds`, each checked (200, data, no errors). */
async function legitimateLoad(url: string, dean: Awaited<ReturnType<typeof deanOf>>, rate: number, seconds: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  const inFlight: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  const started = Date.now();
  let cursor: string | null = null;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const kind = i % 3;
    const request =
      kind === 0
        ? { what: 'studyCard', query: STUDY_CARD, variables: { studentNumber: dean.studentNumbers[i % dean.studentNumbers.length] } }
        : kind === 1
          ? { what: 'groupStudents', query: GROUP_STUDENTS, variables: { groupId: dean.groupIds[i % dean.groupIds.length] } }
          : { what: 'facultyList', query: FACULTY_LIST, variables: { after: cursor } };
    inFlight.push(
      (async () => {
        const t0 = performance.now();
        try {
          const { status, body } = await graphql(url, dean.authorization, request.query, request.variables);
          // The shared study card asks for `person` (identity data a dean does not read): that field's
          // FORBIDDEN_FIELD is the dean's access speaking, not a failure; any other error is one.
          const ok = status === 200 && !!body?.data && (body.errors ?? []).every((e: any) => e.extensions?.code === 'FORBIDDEN_FIELD');
          if (request.what === 'facultyList' && ok) cursor = body.data.students.pageInfo.endCursor;
          samples.push({ ms: performance.now() - t0, ok, what: ok ? request.what : `${request.what}: ${status} ${body?.errors?.[0]?.extensions?.code ?? ''}` });
        } catch (error) {
          samples.push({ ms: performance.now() - t0, ok: false, what: `${request.what}: ${(error as Error).message}` });
        }
      })(),
    );
  }
  await Promise.all(inFlight);
  return samples;
}

interface Readiness {
  checks: number;
  notReady: number;
  sourcesDown: Set<string>;
}

/** Polls /readyz every 200 ms until stopped. */
function watchReadiness(url: string): { stop(): Promise<Readiness> } {
  const readiness: Readiness = { checks: 0, notReady: 0, sourcesDown: new Set() };
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const report = (await (await fetch(url.replace(/graphql$/, 'readyz'))).json()) as { status: string; databases: Record<string, { state: string }> };
        readiness.checks += 1;
        if (report.status !== 'ready') readiness.notReady += 1;
        for (const [name, state] of Object.entries(report.databases)) if (state.state !== 'up') readiness.sourcesDown.add(name);
      } catch {
        readiness.checks += 1;
        readiness.notReady += 1;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return readiness;
    },
  };
}

/** Busy and total CPU time of the whole machine so far (jiffies, from /proc/stat). */
function machineCpu(): { busy: number; total: number } {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = fields[3] + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

interface Attackers {
  readonly done: Promise<AttackTally[]>;
  /** CPU time the attacking process has used so far (ms). */
  cpuMs(): number;
}

function startAttackers(url: string, seconds: number, rate: number, clients: Record<AttackKind, number>): Attackers {
  const specs = ATTACK_KINDS.filter((kind) => clients[kind] > 0).map((kind) => `${kind}=${clients[kind]}`);
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, 'abuse', 'attacker.ts'), url, String(seconds), String(rate), ...specs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let lastCpuMs = 0;
  const sampler = setInterval(() => {
    try {
      lastCpuMs = processUsage(child.pid!).cpuMs;
    } catch {
      // exited
    }
  }, 250);
  const done = new Promise<AttackTally[]>((resolve, reject) => {
    child.once('exit', (code) => {
      clearInterval(sampler);
      const line = output.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`the attackers failed (${code}):\n${output.slice(-2000)}`));
      resolve(JSON.parse(line) as AttackTally[]);
    });
  });
  return { done, cpuMs: () => lastCpuMs };
}

const summary = (samples: Sample[]) => {
  const ms = samples.map((s) => s.ms);
  return { n: samples.length, p50: percentile(ms, 50), p99: percentile(ms, 99), max: Math.max(...ms), failed: samples.filter((s) => !s.ok) };
};

async function main(): Promise<void> {
  const args = parseArgs({ scale: 1, duration: 30, warmup: 30, rate: 10, attackRate: 4, aliases: 10, searches: 10, frames: 4, tokens: 10, passwords: 10 });
  const clients: Record<AttackKind, number> = { aliases: args.aliases, searches: args.searches, frames: args.frames, tokens: args.tokens, passwords: args.passwords };
  const databases = benchDatabases(args.scale);
  // The configured administrator, or the demo's (a copy of the demo databases keeps its accounts).
  const adminPasswords = [process.env.ADMIN_PASSWORD, 'admin-demo-2026'].filter((p): p is string => !!p);
  let hub: HubProcess | null = null;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void (hub?.stop() ?? Promise.resolve()).finally(() => process.exit(130)));
  }
  try {
    log(databases.external ? 'Starting the hub on the given databases…' : `Starting the hub at scale ${args.scale} (the first start at a scale seeds it; minutes)…`);
    hub = startHubProcess(databases.hubEnv);
    const url = await hub.ready;
    const dean = await deanOf(url, adminPasswords);
    log(`Legitimate client: a dean's office account, ${args.rate} requests a second (study cards, group lists, faculty pages).`);

    // The same requests as each phase (the sequence is deterministic): both phases then meet warm
    // caches and compiled operations, and differ only by the attack.
    if (args.warmup > 0) await legitimateLoad(url, dean, args.rate, args.warmup);
    log(`Alone for ${args.duration} s…`);
    const aloneWatch = watchReadiness(url);
    const alone = summary(await legitimateLoad(url, dean, args.rate, args.duration));
    const aloneReady = await aloneWatch.stop();

    log(`Under attack for ${args.duration} s: ${ATTACK_KINDS.map((k) => `${clients[k]} × ${k}`).join(', ')}…`);
    const pid = hub.child.pid!;
    const before = processUsage(pid);
    const machineBefore = machineCpu();
    let peakRss = before.rssBytes;
    const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, processUsage(pid).rssBytes)), 250);
    const attackers = startAttackers(url, args.duration + 2, args.attackRate, clients);
    // Handled when awaited below; without this an early failure would end the process before `finally`.
    attackers.done.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1000));
    const attackWatch = watchReadiness(url);
    const attacked = summary(await legitimateLoad(url, dean, args.rate, args.duration));
    const attackReady = await attackWatch.stop();
    const tallies = await attackers.done;
    clearInterval(rssTimer);
    const after = processUsage(pid);
    const machineAfter = machineCpu();
    const attackSeconds = args.duration + 3;
    const hubCpu = ((after.cpuMs - before.cpuMs) / (attackSeconds * 1000)) * 100;
    const attackerCpu = (attackers.cpuMs() / (attackSeconds * 1000)) * 100;
    const machineBusy = ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * 100;

    const ratio = attacked.p99 / alone.p99;
    const failures = [...alone.failed, ...attacked.failed];
    const sourcesDown = new Set([...aloneReady.sourcesDown, ...attackReady.sourcesDown]);
    const notReady = aloneReady.notReady + attackReady.notReady;
    const targets = [
      ['legitimate p99 under attack ≤ 3 × alone', `${ratio.toFixed(2)} ×`, ratio <= 3],
      ['legitimate requests refused or failed', String(failures.length), failures.length === 0],
      ['sources marked down', sourcesDown.size ? [...sourcesDown].join(', ') : 'none', sourcesDown.size === 0],
      ['/readyz not `ready`', `${notReady} of ${aloneReady.checks + attackReady.checks} checks`, notReady === 0],
    ] as const;

    const body = [
      `Scale ${args.scale}; legitimate client: ${args.rate} requests/s for ${args.duration} s per phase (study card, a group's students with GPA and attendance, a faculty page of 50 students), as a dean's office account; attackers: one process, ${Object.values(clients).reduce((a, b) => a + b, 0)} anonymous clients each from its own loopback address, each sending up to ${args.attackRate} requests/s (waiting for each answer).`,
      '',
      markdownTable(
        ['legitimate client', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'failed'],
        [
          ['alone', alone.n, alone.p50.toFixed(1), alone.p99.toFixed(1), alone.max.toFixed(1), alone.failed.length],
          ['under attack', attacked.n, attacked.p50.toFixed(1), attacked.p99.toFixed(1), attacked.max.toFixed(1), attacked.failed.length],
        ],
      ),
      '',
      markdownTable(
        ['attack', 'clients', 'requests', 'answers'],
        tallies.map((t) => [
          `${t.kind}: ${DESCRIPTIONS[t.kind]}`,
          clients[t.kind],
          t.requests,
          Object.entries(t.outcomes)
            .sort((a, b) => b[1] - a[1])
            .map(([outcome, n]) => `${outcome} × ${n}`)
            .join(', '),
        ]),
      ),
      '',
      `During the attack: hub process ${hubCpu.toFixed(0)} % of one core (peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB), attacking process ${attackerCpu.toFixed(0)} % of one core, the whole machine (${os.cpus().length} cores: hub, PostgreSQL, attackers, legitimate client) ${machineBusy.toFixed(0)} % busy.`,
      '',
      markdownTable(['target', 'measured', 'met'], targets.map(([what, measured, met]) => [what, measured, met ? 'yes' : '**no**'])),
      ...(failures.length ? ['', `Failed legitimate requests: ${[...new Set(failures.map((f) => f.what))].join('; ')}`] : []),
    ].join('\n');
    console.log(`\n${body}\n`);
    const file = appendResults('Abuse: a legitimate client while anonymous clients attack', body);
    log(`Appended to ${path.relative(process.cwd(), file)}`);
  } finally {
    await hub?.stop().catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
