import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILDER } from '../lib/builder-seed.js';
import { notMeasured, type Row, type SuiteOptions } from '../lib/row.js';
import { CLIENT_PROJECT } from '../lib/seed.js';
import { fmtRate, fmtRatio } from '../lib/stats.js';
import { load, type Endpoint, type LoadResult } from '../http/load.js';
import { BASE_PATH, FOLDER_CHILDREN, STAFF_HEADER, type RecordedRequest, type RecordedStatement } from '../http/protocol.js';
import { cpuUsed, startServer, type ServerProcess } from '../http/server-process.js';

const SECTION = 'HTTP edge (`toNodeListener` on node:http, loopback, autocannon; server CPU per request vs a hello-world node:http server)';
const CONCURRENCY = [10, 50];
/** sitegate's targets: server CPU per request at most this many times hello-world's, in the same run. */
const TARGET: Record<string, number> = { me: 10, feed: 25, open: 15, staff: 15, share: 15 };

interface Measured {
  load: LoadResult;
  /** Server CPU per response, µs: the Node process, plus its PostgreSQL backends when it has them. */
  ownMicros: number;
  databaseMicros?: number;
}
const costOf = (m: Measured) => m.ownMicros + (m.databaseMicros ?? 0);

/**
 * The load settings per mode: bounded in time and in count, so every run ends by itself. The
 * hello-world runs stop at `helloRequests`: enough responses for a steady CPU figure.
 */
function settings(options: SuiteOptions) {
  if (options.quick) return { seconds: 1, warmupSeconds: 1, warmupRequests: 200, maxRequests: 20_000, helloRequests: 3_000 };
  if (options.full) return { seconds: 10, warmupSeconds: 3, warmupRequests: 20_000, maxRequests: 500_000, helloRequests: 100_000 };
  return { seconds: 5, warmupSeconds: 2, warmupRequests: 5_000, maxRequests: 200_000, helloRequests: 30_000 };
}
type Settings = ReturnType<typeof settings>;

/** Loads `endpoint` once and reads the server's CPU time around the run. */
async function measure(server: ServerProcess, endpoint: Endpoint, connections: number, bounds: { seconds: number; maxRequests: number }): Promise<Measured> {
  const before = await server.cpu();
  const result = await load(server.url, endpoint, { connections, ...bounds });
  const after = await server.cpu();
  const used = cpuUsed(before, after);
  const n = Math.max(1, result.responses);
  return { load: result, ownMicros: used.own / n, ...(used.database !== undefined ? { databaseMicros: used.database / n } : {}) };
}

const micros = (x: number) => (x >= 100 ? `${x.toFixed(0)} µs` : `${x.toFixed(1)} µs`);
const latency = (x: number) => (x < 1 ? '<1' : String(x));
const describe = (m: Measured) =>
  `${fmtRate(m.load.perSecond)}, p50 ${latency(m.load.p50)} / p99 ${latency(m.load.p99)} ms, CPU ${micros(costOf(m))}/req` +
  (m.databaseMicros !== undefined ? ` (Node ${micros(m.ownMicros)} + PostgreSQL ${micros(m.databaseMicros)})` : '') +
  `, ${m.load.errors} errors`;

/** The five requests measured, as a signed-in client and as builder staff would send them. */
function endpoints(sessionToken: string): (Endpoint & { key: string })[] {
  const client = { authorization: `Bearer ${sessionToken}` };
  const staff = { [STAFF_HEADER]: 'u-bench' };
  let shared = 0;
  return [
    { key: 'me', label: '`GET /me`', method: 'GET', path: `${BASE_PATH}/me`, headers: client },
    { key: 'feed', label: 'client feed `GET /portal/projects/:id`', method: 'GET', path: `${BASE_PATH}/portal/projects/${CLIENT_PROJECT}`, headers: client },
    {
      key: 'open',
      label: `open a folder (${FOLDER_CHILDREN} children)`,
      method: 'GET',
      path: `${BASE_PATH}/portal/projects/${CLIENT_PROJECT}/documents/f-0`,
      headers: client,
    },
    { key: 'staff', label: 'staff client list `GET /clients?limit=50`', method: 'GET', path: `${BASE_PATH}/clients?limit=50`, headers: staff },
    {
      key: 'share',
      label: 'share one new item `POST /projects/:id/shares` (a portal without email digests)',
      method: 'POST',
      path: `${BASE_PATH}/projects/p-1/shares`,
      headers: staff,
      // A new resource each time: sharing what is already shared is a cheaper path.
      body: () => JSON.stringify({ resources: [{ module: 'documents', id: `r-http-${shared++}`, kind: 'item' }] }),
    },
  ];
}

/** One request before loading: a harness that measures error pages would report nonsense. */
async function check(server: ServerProcess, endpoint: Endpoint): Promise<string | undefined> {
  const response = await fetch(server.url + endpoint.path, {
    method: endpoint.method,
    headers: { ...endpoint.headers, ...(endpoint.body ? { 'content-type': 'application/json' } : {}) },
    ...(endpoint.body ? { body: endpoint.body() } : {}),
  });
  const text = await response.text();
  return response.ok ? undefined : `answers ${response.status}: ${text.slice(0, 200)}`;
}

const HELLO: Endpoint = { label: 'hello world', method: 'GET', path: '/', headers: {} };

/**
 * Statements per request of the floors measured on PostgreSQL: `GET /me`, a share and the staff
 * list send one; the feed and opening a folder two (the session's, then their own).
 */
const FLOOR_STATEMENTS = [1, 2] as const;

/**
 * What node:http and node-postgres alone cost for one and for two primary-key reads per request
 * (`statement-floor.ts`), each beside a hello-world measured right before it: the least any
 * handler that reads the database that often can cost here, so a request's ratio can be read
 * against what no handler code could remove.
 */
async function measureFloors(hello: ServerProcess, floorScript: string, s: Settings): Promise<Row[]> {
  const rows: Row[] = [];
  for (const statements of FLOOR_STATEMENTS) {
    const floor = await startServer(floorScript, [String(statements)]);
    try {
      const reads = statements === 1 ? 'one primary-key read' : 'two primary-key reads, one after the other,';
      await load(floor.url, HELLO, { connections: 10, seconds: s.warmupSeconds, maxRequests: s.warmupRequests });
      for (const connections of CONCURRENCY) {
        const base = await measure(hello, HELLO, connections, { seconds: s.seconds, maxRequests: s.helloRequests });
        const m = await measure(floor, HELLO, connections, s);
        rows.push({
          section: SECTION,
          figure: `PostgreSQL floor: node:http + node-postgres, ${reads} per request, ${connections} connections`,
          value: describe(m),
          baseline: `hello-world: ${describe(base)}`,
          ratio: `${fmtRatio(costOf(m) / costOf(base))} CPU/req`,
          note:
            `no routing, authentication or validation; the row answered as JSON; ${m.load.responses} responses` +
            (statements === 1 ? '; `GET /me`, a share and the staff list send one statement' : '; the feed and opening a folder send two'),
        });
      }
    } finally {
      await floor.stop();
    }
  }
  return rows;
}

/**
 * An endpoint's own floor on PostgreSQL: the statements one of its requests sends, with its
 * values, and the answer it got, sent and written by node:http and node-postgres alone
 * (`statement-floor.ts replay`), loaded with the endpoint's own requests. No handler that sends
 * the same statements and writes the same answer could cost less. Two requests are recorded:
 * they must send the same statements, and a write's ids, in which they differ, are made new for
 * each replayed request (`fresh`). Measured after the endpoint's own rows, so that neither the
 * floor's time (the server's pool closing idle connections) nor its writes land in them. Returns
 * the rows, and the floor's ratio at each number of connections; a floor whose replays failed
 * is not measured.
 */
async function measureOwnFloor(
  hello: ServerProcess,
  server: ServerProcess,
  endpoint: Endpoint & { key: string },
  floorScript: string,
  s: Settings,
): Promise<{ rows: Row[]; ratios: Map<number, number> }> {
  const first = await recordRequest(server, endpoint);
  const fresh = idsThatDiffer(first.statements, (await recordRequest(server, endpoint)).statements);
  if (endpoint.method === 'GET' && fresh.length > 0) throw new Error(`two of its requests sent different values (${fresh.join(', ')}): one cannot stand for all`);
  if (endpoint.method !== 'GET' && fresh.length === 0) throw new Error('two of its writes sent the same values: a replay would write nothing new');
  const { statements, body } = first;
  const dir = mkdtempSync(join(tmpdir(), 'sitegate-floor-'));
  const file = join(dir, `${endpoint.key}.json`);
  writeFileSync(file, JSON.stringify({ ...first, fresh } satisfies RecordedRequest));
  const rows: Row[] = [];
  const ratios = new Map<number, number>();
  try {
    const floor = await startServer(floorScript, ['replay', file]);
    try {
      const warm = await load(floor.url, endpoint, { connections: 10, seconds: s.warmupSeconds, maxRequests: s.warmupRequests });
      if (warm.errors > 0) throw new Error(`its replays failed during the warm-up (${JSON.stringify(warm.failures)})`);
      for (const connections of CONCURRENCY) {
        const base = await measure(hello, HELLO, connections, { seconds: s.seconds, maxRequests: s.helloRequests });
        const m = await measure(floor, endpoint, connections, s);
        if (m.load.errors > 0) throw new Error(`its replays failed at ${connections} connections (${m.load.errors} errors)`);
        const ratio = costOf(m) / costOf(base);
        ratios.set(connections, ratio);
        rows.push({
          section: SECTION,
          figure: `PostgreSQL floor of ${endpoint.label}: its own ${statements.length === 1 ? 'statement' : `${statements.length} statements`} and its ${(Buffer.byteLength(body) / 1024).toFixed(1)} KB answer, node:http + node-postgres alone, ${connections} connections`,
          value: describe(m),
          baseline: `hello-world: ${describe(base)}`,
          ratio: `${fmtRatio(ratio)} CPU/req`,
          note:
            `what one request of the endpoint sent, replayed with its values as the PostgreSQL storage sends them (its plan_cache_mode, a named read described once per connection) on one pooled connection, and its status and body written` +
            (fresh.length ? ` (the ${fresh.length} ids its requests make, new for each)` : '') +
            `; no routing, authentication, validation, access decisions or JSON of its own; values left as PostgreSQL's text (no dates or arrays made); ` +
            `the endpoint's target: ≤ ${TARGET[endpoint.key]}×; ${m.load.responses} responses`,
        });
      }
    } finally {
      await floor.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, ratios };
}

/** One request of `endpoint`, with the statements the server sent for it and the answer it got. */
async function recordRequest(server: ServerProcess, endpoint: Endpoint): Promise<Omit<RecordedRequest, 'fresh'>> {
  let answer = { status: 0, body: '' };
  const recorded = await server.recordStatements(async () => {
    const response = await fetch(server.url + endpoint.path, {
      method: endpoint.method,
      headers: { ...endpoint.headers, ...(endpoint.body ? { 'content-type': 'application/json' } : {}) },
      ...(endpoint.body ? { body: endpoint.body() } : {}),
    });
    answer = { status: response.status, body: await response.text() };
    if (!response.ok) throw new Error(`${endpoint.label} answered ${response.status} while its statements were recorded`);
  });
  if (recorded.statements.length === 0) throw new Error(`${endpoint.label} sent no statement`);
  return { ...recorded, ...answer };
}

/** A Date reaches the suite as ISO text. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * The ids two requests' statements differ in (a new share's id, its resource's, its audit
 * entry's), as the first request wrote them, in arrays too. Times and JSON documents are not
 * ids: a replay may write the same time again, and a document holding an id gets the id's new
 * name where it occurs. Two requests that sent different statements throw.
 */
function idsThatDiffer(a: RecordedStatement[], b: RecordedStatement[]): string[] {
  if (a.length !== b.length || a.some((statement, i) => statement.text !== b[i]!.text)) {
    throw new Error('two of its requests sent different statements: one cannot stand for all');
  }
  const ids = new Set<string>();
  const compare = (value: unknown, other: unknown): void => {
    if (Array.isArray(value) && Array.isArray(other)) value.forEach((item, k) => compare(item, other[k]));
    else if (typeof value === 'string' && typeof other === 'string' && value !== other && !ISO_TIME.test(value) && !/^[[{]/.test(value)) ids.add(value);
  };
  a.forEach((statement, i) => statement.values?.forEach((value, j) => compare(value, b[i]!.values?.[j])));
  return [...ids];
}

/** The work, in µs of a busy loop, of the hello-world that shows what a slower server pays beyond its work. */
const WORK_MICROS = 100;

/**
 * A hello-world that busy-waits `WORK_MICROS` per request before answering, beside the plain
 * one: were a request's cost only its work, this would cost hello-world's CPU plus those
 * microseconds. It costs more. A server that answers fewer requests a second shares each wake-up
 * of its event loop and each of its socket calls among fewer of them, and wakes the sleeping
 * load generator with each answer; a hello-world, always busy, pays little of either. That
 * difference is in every ratio below, and no handler code can remove it.
 */
async function measureWorkFloor(helloScript: string, s: Settings): Promise<Row[]> {
  const rows: Row[] = [];
  const hello = await startServer(helloScript, []);
  try {
    const working = await startServer(helloScript, [String(WORK_MICROS)]);
    try {
      await load(hello.url, HELLO, { connections: 10, seconds: s.warmupSeconds, maxRequests: s.warmupRequests });
      await load(working.url, HELLO, { connections: 10, seconds: s.warmupSeconds, maxRequests: s.warmupRequests });
      for (const connections of CONCURRENCY) {
        const base = await measure(hello, HELLO, connections, { seconds: s.seconds, maxRequests: s.helloRequests });
        const m = await measure(working, HELLO, connections, s);
        const beyond = costOf(m) - WORK_MICROS - costOf(base);
        rows.push({
          section: SECTION,
          figure: `Work floor: node:http busy-waiting ${WORK_MICROS} µs per request, no database, ${connections} connections`,
          value: describe(m),
          baseline: `hello-world: ${describe(base)}`,
          ratio: `${fmtRatio(costOf(m) / costOf(base))} CPU/req (the work alone: ${fmtRatio((costOf(base) + WORK_MICROS) / costOf(base))})`,
          note: `${micros(beyond)} per request beyond its work and hello-world's own cost, from answering fewer requests a second; ${m.load.responses} responses`,
        });
      }
    } finally {
      await working.stop();
    }
  } finally {
    await hello.stop();
  }
  return rows;
}

async function measureBackend(name: string, scripts: { server: string; hello: string; floor: string }, s: Settings): Promise<Row[]> {
  const hello = await startServer(scripts.hello, []);
  const rows: Row[] = [];
  try {
    // Warm-ups (JIT, connection pools, prepared plans) end at a count or a time, whichever is first.
    await load(hello.url, HELLO, { connections: 10, seconds: s.warmupSeconds, maxRequests: s.warmupRequests });
    const server = await startServer(scripts.server, [name]);
    try {
      rows.push({
        section: SECTION,
        figure: `${name}: server ready`,
        value: `seeded in ${server.ready.seedSeconds?.toFixed(1)} s`,
        baseline: '—',
        ratio: '—',
        note:
          `${BUILDER.clients} clients (${BUILDER.active} active), ${BUILDER.shares} shares, ${BUILDER.updates} updates; Node server and load generator share the machine` +
          (name === 'PostgreSQL' && !server.ready.databaseCpu ? '; PostgreSQL CPU not measured (its processes are not visible in /proc here): CPU is Node only' : ''),
      });
      if (name === 'PostgreSQL') rows.push(...(await measureFloors(hello, scripts.floor, s)));
      const endpointList = endpoints(server.ready.sessionToken!);
      for (const [index, endpoint] of endpointList.entries()) {
        const broken = await check(server, endpoint);
        if (broken) {
          rows.push(notMeasured(SECTION, `${name}: ${endpoint.label}`, broken));
          continue;
        }
        // Measured too, so that what the endpoint's first requests cost (V8 compiling its code) is counted.
        const warm = await measure(server, endpoint, 10, { seconds: s.warmupSeconds, maxRequests: s.warmupRequests });
        const after = index === 0 ? `the server's first requests, after its seed` : `after ${endpointList.slice(0, index).map((e) => e.key).join(', ')}`;
        const endpointRows: Row[] = [];
        for (const connections of CONCURRENCY) {
          // The baseline right before each run, so a ratio never compares a busy minute with a quiet one.
          const base = await measure(hello, HELLO, connections, { seconds: s.seconds, maxRequests: s.helloRequests });
          const m = await measure(server, endpoint, connections, s);
          const costRatio = costOf(m) / costOf(base);
          const target = TARGET[endpoint.key]!;
          endpointRows.push({
            section: SECTION,
            figure: `${name}: ${endpoint.label}, ${connections} connections`,
            value: describe(m),
            baseline: `hello-world: ${describe(base)}`,
            ratio: `${fmtRatio(costRatio)} CPU/req; ${fmtRatio(base.load.perSecond / m.load.perSecond)} fewer req/s`,
            target: `CPU/req ≤ ${target}× hello-world, no errors`,
            met: costRatio <= target && m.load.errors === 0,
            note:
              `${m.load.responses} responses` +
              (Object.keys(m.load.failures).length ? `; non-2xx: ${JSON.stringify(m.load.failures)}` : '') +
              (connections === CONCURRENCY[0]
                ? `; its warm-up before, the endpoint's first ${warm.load.responses} requests on this server (${after}), 10 connections: CPU ${micros(costOf(warm))}/req (${fmtRatio(costOf(warm) / costOf(base))} hello-world), p99 ${latency(warm.load.p99)} ms`
                : ''),
          });
        }
        // Its own floor, measured after its rows and listed before them.
        if (name === 'PostgreSQL') {
          try {
            const own = await measureOwnFloor(hello, server, endpoint, scripts.floor, s);
            rows.push(...own.rows);
            endpointRows.forEach((row, i) => {
              const ratio = own.ratios.get(CONCURRENCY[i]!);
              if (ratio !== undefined) row.note = `its own floor (its statements and answer without the handler, above): ${fmtRatio(ratio)}; ${row.note}`;
            });
          } catch (error) {
            rows.push(notMeasured(SECTION, `PostgreSQL floor of ${endpoint.label}`, `failed: ${(error as Error).message}`));
          }
        }
        rows.push(...endpointRows);
      }
    } finally {
      await server.stop();
    }
  } finally {
    await hello.stop();
  }
  return rows;
}

/**
 * The handler as hosts run it: `toNodeListener` on node:http over PGlite and PostgreSQL, seeded
 * like a real builder (2,000 clients, 500 active, 5,000 shares, 20 updates), loaded on loopback
 * next to a hello-world server in the same run. The load generator runs in this process; each
 * server runs in its own, so its CPU time is the request's cost.
 */
export async function http(options: SuiteOptions): Promise<Row[]> {
  const s = settings(options);
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const scripts = {
    server: fileURLToPath(new URL('./http-server.mjs', import.meta.url)),
    hello: join(root, 'bench/http/hello-world.mjs'),
    floor: fileURLToPath(new URL('./statement-floor.mjs', import.meta.url)),
  };
  const rows: Row[] = [];
  console.error('bench: HTTP work floor…');
  try {
    rows.push(...(await measureWorkFloor(scripts.hello, s)));
  } catch (error) {
    rows.push(notMeasured(SECTION, 'work floor', `failed: ${(error as Error).message}`));
  }
  const backends = ['PGlite', process.env.DATABASE_URL ? 'PostgreSQL' : undefined];
  for (const name of backends) {
    if (!name) {
      rows.push(notMeasured(SECTION, 'PostgreSQL', 'DATABASE_URL is not set (`source .ci/postgres.sh` starts a local server)'));
      continue;
    }
    console.error(`bench: HTTP edge on ${name} (${BUILDER.clients} clients, ${BUILDER.shares} shares)…`);
    try {
      rows.push(...(await measureBackend(name, scripts, s)));
    } catch (error) {
      rows.push(notMeasured(SECTION, name, `failed: ${(error as Error).message}`));
    }
  }
  return rows;
}
