import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSources } from './support/source-bundle.js';
import { postgresBin, startThrowawayPostgres, type ThrowawayPostgres } from './support/throwaway-postgres.js';

/**
 * A handler process writing to PostgreSQL (invites, shares, accepts, and its outbox worker's
 * claims) while the server is restarted (`pg_ctl restart -m fast`) and its backends are
 * terminated (`pg_terminate_backend`). The process must stay up; every request answered 2xx
 * must be in the database; every other answer must be a 503 problem+json; and the service must
 * answer 2xx again within a second of the database coming back, by itself.
 *
 * The cluster is the test's own (initdb in /tmp, a free port): the shared server at
 * DATABASE_URL is never restarted. Runs in the `test:faults` pass, one file at a time.
 */
const bin = postgresBin();
if (!bin && process.env.CI === 'true') {
  throw new Error('PostgreSQL binaries (initdb, pg_ctl) are not installed, and CI=true: this suite must run in CI (apt-get install postgresql).');
}
if (!bin) console.warn('PostgreSQL binaries (initdb, pg_ctl) are not installed: skipping the PostgreSQL fault suite.');

const APP = 'sitegate-faults';
const DOCUMENTS = 60;
const PASSWORD = 'a sturdy walnut password 42';
const child = fileURLToPath(new URL('./postgres-faults-child.mjs', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  kind: 'invite' | 'share' | 'accept';
  /** Email (invite, accept) or the shared document ids. */
  key: string[];
  status: number;
  type: string | null;
  body: string;
}

describe.skipIf(!bin)('a handler process while PostgreSQL restarts and backends are terminated', () => {
  let db: ThrowawayPostgres;
  let bundle: Awaited<ReturnType<typeof bundleSources>>;
  let proc: ChildProcess;
  let base: string;
  let output = '';

  beforeAll(async () => {
    [db, bundle] = await Promise.all([startThrowawayPostgres(bin!, 'faults'), bundleSources('faults')]);
    const url = `${db.url}?application_name=${APP}`;
    proc = spawn(process.execPath, ['--import', bundle.register, child], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: url, FAULT_DOCUMENTS: String(DOCUMENTS) },
    });
    base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the handler did not start: ${output}`)), 30_000);
      proc.stdout!.on('data', (chunk) => {
        output += chunk;
        const match = /READY (\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      proc.stderr!.on('data', (chunk) => (output += chunk));
      proc.on('exit', (code, signal) => reject(new Error(`the handler exited (${code ?? signal}): ${output}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (proc && proc.exitCode === null) proc.kill('SIGKILL');
    await db?.stop();
    bundle?.dispose();
  });

  it('stays up, keeps every 2xx, answers 503 otherwise, and recovers within a second', async () => {
    const answers: Answer[] = [];
    let sequence = 0;
    const post = async (kind: Answer['kind'], key: string[], path: string, body: unknown, staff = true): Promise<Answer> => {
      let answer: Answer;
      try {
        const response = await fetch(`${base}/api/portal${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(staff ? { 'x-test-staff': '1' } : {}) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(20_000),
        });
        answer = { kind, key, status: response.status, type: response.headers.get('content-type'), body: await response.text() };
      } catch (error) {
        // No answer at all: the process died or dropped the connection.
        answer = { kind, key, status: 0, type: null, body: String(error) };
      }
      answers.push(answer);
      return answer;
    };
    const invite = (email = `c${++sequence}@example.com`) => post('invite', [email], '/clients', { email, projectIds: ['p1'] });
    const invited: string[] = [];

    let loading = true;
    const worker = async (n: number) => {
      for (let round = 0; loading && proc.exitCode === null && proc.signalCode === null; round++) {
        const step = (round + n) % 3;
        if (step === 0) {
          const answer = await invite();
          if (answer.status >= 200 && answer.status < 300) invited.push(answer.key[0]!);
        } else if (step === 1) {
          // Overlapping batches in either order, as several builders sharing at once would send.
          const start = Math.floor(Math.random() * (DOCUMENTS - 4));
          const ids = Array.from({ length: 2 + (round % 3) }, (_, i) => `doc-${start + i}`);
          if (round % 2) ids.reverse();
          await post('share', ids, '/projects/p1/shares', { resources: ids.map((id) => ({ module: 'documents', id, kind: 'item' })) });
        } else {
          const email = invited.shift();
          if (!email) continue;
          const found = await fetch(`${base}/test/invite-token?email=${encodeURIComponent(email)}`)
            .then((r) => r.json() as Promise<{ token: string | null }>)
            .catch(() => ({ token: null }));
          // Its mail has not gone out yet: try again later.
          if (!found.token) invited.push(email);
          else await post('accept', [email], '/invites/accept', { token: found.token, password: PASSWORD }, false);
        }
      }
    };

    /**
     * Writes one after another until one is answered 2xx; how long after `since` that write was
     * sent. What counts is when the service works again, not how long one request takes on a
     * busy machine.
     */
    const recovery = async (since: number): Promise<number> => {
      for (;;) {
        const sent = Date.now();
        const answer = await invite();
        if (answer.status >= 200 && answer.status < 300) return sent - since;
        if (Date.now() - since > 10_000) return Infinity;
        await sleep(25);
      }
    };
    const terminate = () => db.psql(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '${APP}'`);

    const load = Promise.all(Array.from({ length: 6 }, (_, n) => worker(n)));
    const recoveries: number[] = [];
    const terminated: number[] = [];
    for (let round = 0; round < 2; round++) {
      await sleep(700);
      terminated.push(Number(await terminate()));
      await sleep(700);
      await db.restart();
      recoveries.push(await recovery(Date.now()));
    }
    await sleep(700);
    terminated.push(Number(await terminate()));
    await sleep(700);
    loading = false;
    await load;

    // The process is up and serving.
    expect(proc.exitCode, output).toBeNull();
    expect(proc.signalCode, output).toBeNull();
    const health = await fetch(`${base}/api/portal/clients?limit=1`, { headers: { 'x-test-staff': '1' } });
    expect(health.status).toBe(200);

    // The faults really hit requests in flight, and most requests went through.
    expect(terminated.some((n) => n > 0)).toBe(true);
    const ok = answers.filter((a) => a.status >= 200 && a.status < 300);
    const failed = answers.filter((a) => !(a.status >= 200 && a.status < 300));
    expect(failed.length).toBeGreaterThan(0);
    expect(ok.filter((a) => a.kind === 'accept').length).toBeGreaterThan(0);

    // Every other answer: 503, problem+json, the storage's code; no driver words about the database.
    const wrong = failed.filter((a) => {
      if (a.status !== 503 || !a.type?.startsWith('application/problem+json')) return true;
      const problem = JSON.parse(a.body) as { status?: number; code?: string };
      return problem.status !== 503 || problem.code !== 'storage_failed';
    });
    expect(wrong.map((a) => `${a.kind} ${a.key.join(',')}: ${a.status} ${a.body}`)).toEqual([]);

    for (const ms of recoveries) expect(ms).toBeLessThanOrEqual(1000);

    // Every 2xx is in the database.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const rows = async (sql: string) => (await client.query(sql)).rows as { [column: string]: string }[];
      const clients = new Set((await rows(`SELECT email FROM sitegate.clients WHERE tenant_id = 'acme'`)).map((r) => r.email));
      const jobs = new Set((await rows(`SELECT c.email FROM sitegate.mail_jobs j JOIN sitegate.clients c ON c.tenant_id = j.tenant_id AND c.id = j.client_id`)).map((r) => r.email));
      const shares = new Set((await rows(`SELECT resource_id FROM sitegate.shares WHERE tenant_id = 'acme' AND project_id = 'p1'`)).map((r) => r.resource_id));
      const active = new Set(
        (await rows(`SELECT c.email FROM sitegate.clients c JOIN sitegate.accounts a ON a.tenant_id = c.tenant_id AND a.client_id = c.id WHERE c.status = 'active'`)).map((r) => r.email),
      );
      const missing = ok.filter((a) =>
        a.kind === 'invite' ? !clients.has(a.key[0]!) || !jobs.has(a.key[0]!) : a.kind === 'share' ? a.key.some((id) => !shares.has(id)) : !active.has(a.key[0]!),
      );
      expect(missing.map((a) => `${a.kind} ${a.key.join(',')}`)).toEqual([]);

      // The outbox under the same faults: a job the database calls sent was really sent.
      const sentJobs = (await rows(`SELECT id FROM sitegate.mail_jobs WHERE state = 'sent'`)).map((r) => r.id!);
      const mailed = new Set((await (await fetch(`${base}/test/sent`)).json()) as string[]);
      expect(sentJobs.filter((id) => !mailed.has(id))).toEqual([]);
      expect(sentJobs.length).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  }, 90_000);
});
