import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPortal, MODULES, scryptPasswords, type PasswordHashingOptions } from 'sitegate';
import { memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { createPortalHandler, toNodeListener } from 'sitegate/server';
import { staff, TENANT } from '../lib/bench-portal.js';
import { notMeasured, type Row, type SuiteOptions } from '../lib/row.js';
import { syntheticContent } from '../lib/synthetic-content.js';
import { fmtLatency, fmtRatio, ms, summarise, type Latency } from '../lib/stats.js';

const SECTION = 'Sign-in flood (memory storage, real HTTP on loopback, default scrypt N=2^17)';
const FLOOD = 50;
const PASSWORD = 'correct horse battery staple';

/** A server over a fresh portal with one signed-in client; `passwordHashing` as given. */
async function serve(passwordHashing?: PasswordHashingOptions) {
  const mail = memoryMail();
  const portal = createPortal({
    storage: memoryStorage(),
    mail,
    content: syntheticContent({}),
    acceptUrl: (token) => `https://builder.example/portal/accept#token=${token}`,
    tenants: async (id) => (id === TENANT ? { name: 'Bench Builders', modules: [...MODULES] } : null),
    // The default hasher at the default (OWASP) cost: what hosts get.
    passwords: scryptPasswords(),
    ...(passwordHashing ? { passwordHashing } : {}),
  });
  await portal.clients.add(staff, { email: 'dana@bench.example', projectIds: ['p-1'] });
  await portal.outbox.flush();
  const token = /token=(\S+)/.exec(mail.messages[0]!.text)![1]!;
  const { session } = await portal.invites.accept(token, { password: PASSWORD });
  const handler = createPortalHandler(portal, { basePath: '/api', authenticateStaff: () => null, rateLimit: false, onError: () => {} });
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  const me = async () => {
    const start = performance.now();
    const response = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${session.token}` } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET /me answered ${response.status}`);
    return performance.now() - start;
  };
  const signIn = async (i: number) => {
    const response = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: TENANT, email: `flood-${i}-${Math.random().toString(36).slice(2)}@bench.example`, password: 'a wrong guess here' }),
    });
    await response.arrayBuffer();
    return response.status;
  };
  return { me, signIn, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** GET /me one at a time while FLOOD sign-ins with random emails run at once. */
async function underFlood(passwordHashing?: PasswordHashingOptions): Promise<{ me: Latency; statuses: Record<number, number>; floodMs: number }> {
  const s = await serve(passwordHashing);
  for (let i = 0; i < 20; i++) await s.me();
  const samples: number[] = [];
  const start = performance.now();
  let done = false;
  const flood = Promise.all(Array.from({ length: FLOOD }, (_, i) => s.signIn(i))).finally(() => (done = true));
  while (!done) {
    samples.push(await s.me());
    await new Promise((r) => setTimeout(r, 5));
  }
  const statuses: Record<number, number> = {};
  for (const status of await flood) statuses[status] = (statuses[status] ?? 0) + 1;
  const floodMs = performance.now() - start;
  await s.close();
  return { me: summarise(samples), statuses, floodMs };
}

const outcome = (statuses: Record<number, number>) =>
  Object.entries(statuses)
    .map(([status, n]) => `${n}× ${status}`)
    .join(', ');

export async function signInFlood(options: SuiteOptions): Promise<Row[]> {
  const idleServer = await serve();
  for (let i = 0; i < 20; i++) await idleServer.me();
  const idleSamples: number[] = [];
  for (let i = 0; i < (options.quick ? 100 : 400); i++) idleSamples.push(await idleServer.me());
  await idleServer.close();
  const idle = summarise(idleSamples);

  const bounded = await underFlood();
  const first: Row = {
    section: SECTION,
    figure: `\`GET /me\` while ${FLOOD} sign-ins with random emails run (default bound: 2 hashing, 8 queued)`,
    value: fmtLatency(bounded.me),
    baseline: `idle \`GET /me\`: p99 ${ms(idle.p99)} ms`,
    ratio: fmtRatio(bounded.me.p99 / idle.p99),
    target: 'p99 < 100 ms: sessions keep resolving in milliseconds',
    met: bounded.me.p99 < 100,
    note: `${bounded.me.samples} lookups during the flood; sign-ins: ${outcome(bounded.statuses)} (503 = busy, Retry-After); flood over in ${ms(bounded.floodMs)} ms`,
  };
  const unboundedFigure = '`GET /me` during the same flood, hashing unbounded (64 at once)';
  // 50 full-cost hashes take minutes on a small machine: the comparison is for full runs only.
  if (options.quick) return [first, notMeasured(SECTION, unboundedFigure, 'quick run (50 full-cost hashes)')];
  // The same flood with hashing effectively unbounded, to show what the bound buys.
  const unbounded = await underFlood({ concurrency: 64, queue: 64 });
  return [
    first,
    {
      section: SECTION,
      figure: unboundedFigure,
      value: fmtLatency(unbounded.me),
      baseline: `bounded: p99 ${ms(bounded.me.p99)} ms`,
      ratio: fmtRatio(unbounded.me.p99 / bounded.me.p99),
      note: `${unbounded.me.samples} lookups; sign-ins: ${outcome(unbounded.statuses)}; flood over in ${ms(unbounded.floodMs)} ms. Token hashing is synchronous either way; the difference is CPU and libuv's pool`,
    },
  ];
}
