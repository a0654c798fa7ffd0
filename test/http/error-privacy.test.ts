import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { isSitegateError, MailError, SitegateError, StorageError, type StaffActor } from 'sitegate';
import { errorFromProblem } from 'sitegate/client';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { postgresStorage } from 'sitegate/adapters/postgres';
import { createPortalHandler, problemOf, type PortalHandlerOptions } from 'sitegate/server';
import { makePortal } from '../support/make-portal.js';
import { asAlice, BASE, testStaffHook } from './support.js';

/**
 * A 5xx tells the caller only that something failed on this side, and under which request id;
 * the error itself, with the database's host, port, user and SQL text or a host hook's URL,
 * goes to `onError` under the same id.
 */

const alice: StaffActor = { type: 'staff', tenantId: 'acme', userId: 'u-alice' };

function serve(storage: ReturnType<typeof makePortal>['storage'] | undefined, options: Partial<PortalHandlerOptions> = {}) {
  const env = makePortal(storage ? { storage } : {});
  const reported: { error: unknown; requestId: string }[] = [];
  const handler = createPortalHandler(env.portal, {
    basePath: '/api/portal',
    authenticateStaff: testStaffHook,
    onError: (error, _request, info) => reported.push({ error, requestId: info.requestId }),
    ...options,
  });
  async function get(path: string, headers: Record<string, string> = asAlice) {
    const response = await handler(new Request(`${BASE}${path}`, { headers }));
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: JSON.parse(text) };
  }
  return { env, handler, reported, get };
}

/** An error shaped like an HTTP library's (Axios): a string `code`, a numeric `status`, an `*Error` name. */
function axiosLikeError(): Error {
  const url = 'https://idp.internal.example:8443/verify?session=s3cr3t-session-value';
  return Object.assign(new Error(`Request failed with status code 502: GET ${url}`), { name: 'AxiosError', code: 'ERR_BAD_RESPONSE', status: 502, config: { url } });
}

describe('5xx answers carry no internals', () => {
  it('answers a host hook\'s error of any shape with a generic 500 and reports it whole', async () => {
    const thrown = axiosLikeError();
    const { get, reported } = serve(undefined, { authenticateStaff: () => Promise.reject(thrown) });
    const res = await get('/clients');
    expect(res.status).toBe(500);
    expect(res.json).toMatchObject({ code: 'internal', status: 500, detail: 'Something went wrong on our side. Try again later.', requestId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    // Without the request id: 32 random hex digits hold "502" or "8443" now and then.
    expect(res.text.replace(res.json.requestId, '')).not.toMatch(/idp\.internal|8443|s3cr3t|AxiosError|ERR_BAD_RESPONSE|502/);
    expect(res.headers.get('x-request-id')).toBe(res.json.requestId);
    expect(reported).toEqual([{ error: thrown, requestId: res.json.requestId }]);
  });

  it('does not take an error for its own by shape: only the brand counts', () => {
    expect(isSitegateError(axiosLikeError())).toBe(false);
    expect(isSitegateError(Object.assign(new Error('x'), { name: 'ConflictError', code: 'conflict', status: 409 }))).toBe(false);
    expect(isSitegateError(new StorageError('down'))).toBe(true);
    // One from another copy of the package carries the same registered symbol.
    const foreign = Object.assign(Object.create({ [Symbol.for('sitegate.error')]: true }), { code: 'conflict', message: 'taken' });
    expect(isSitegateError(foreign)).toBe(true);
  });

  it('answers PostgreSQL being unreachable with a generic 503: no host, port, user or driver text', async () => {
    const storage = postgresStorage({ connectionString: 'postgres://portal_owner:pw-hunter2@127.0.0.1:1/tenant_db' }, { timeouts: { connectMs: 2000 } });
    const { get, reported } = serve(storage);
    try {
      const res = await get('/clients');
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ code: 'storage_failed', detail: 'The portal cannot reach its storage right now. Try again in a moment.', requestId: res.headers.get('x-request-id') });
      expect(res.text).not.toMatch(/127\.0\.0\.1|:1\b|portal_owner|hunter2|tenant_db|ECONNREFUSED|postgres/i);
      // Long enough for a proxy or the typed client not to hammer a database coming back.
      expect(res.headers.get('retry-after')).toBe('1');
      expect(reported).toHaveLength(1);
      expect(reported[0]!.requestId).toBe(res.json.requestId);
      expect(reported[0]!.error).toBeInstanceOf(StorageError);
      // The full story stays available to the host.
      expect(String((reported[0]!.error as Error).message) + String((reported[0]!.error as Error).cause)).toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    } finally {
      await storage.close();
    }
  }, 20_000);

  describe('on PGlite, with SQL failing', () => {
    const db = new PGlite();
    afterAll(() => db.close());

    it('answers SQL error text with a generic 503 and reports it', async () => {
      const storage = pgliteStorage({ db, schema: 'privacy' });
      const { get, reported, env } = serve(storage);
      await env.portal.clients.add(alice, { email: 'dana@example.com', projectIds: ['p-maple'] });
      await db.exec('DROP TABLE privacy.clients CASCADE');
      const res = await get('/clients');
      expect(res.status).toBe(503);
      expect(res.json.detail).toBe('The portal cannot reach its storage right now. Try again in a moment.');
      expect(res.text).not.toMatch(/relation|privacy|clients"|does not exist|pglite/i);
      const reportedError = reported[0]!.error as Error;
      expect(`${reportedError.message} ${(reportedError.cause as Error | undefined)?.message}`).toMatch(/does not exist/);
    }, 60_000);
  });

  it('keeps 4xx details, which tell the caller what to fix', async () => {
    const { get, reported } = serve(undefined);
    const res = await get('/clients?limit=abc');
    expect(res.status).toBe(422);
    expect(res.json.detail).toMatch(/limit/);
    expect(res.json.requestId).toBe(res.headers.get('x-request-id'));
    expect(reported).toEqual([]);
  });

  it('gives every 5xx code fixed words, whatever the error says', () => {
    for (const error of [
      new StorageError('postgres storage failed: connect ECONNREFUSED 10.0.0.5:5432 (user app)'),
      new MailError('550 relay denied by smtp.internal.example', { data: { permanent: true } }),
      new SitegateError('TypeError at /srv/app/index.js:12', { code: 'internal' }),
    ]) {
      const problem = problemOf(error);
      expect(problem.status).toBeGreaterThanOrEqual(500);
      expect(problem.detail).not.toMatch(/10\.0\.0\.5|smtp\.internal|\/srv\/app|ECONNREFUSED/);
    }
    expect(problemOf(new MailError('x', { data: { permanent: true } })).permanent).toBe(true);
  });

  it('uses the host\'s request id when it has a safe shape, and a random one otherwise', async () => {
    const { get, reported } = serve(undefined, {
      requestId: (request) => request.headers.get('x-trace'),
      authenticateStaff: () => {
        throw new Error('boom');
      },
    });
    const traced = await get('/clients', { 'x-trace': 'edge-7f3a:42' });
    expect(traced.json.requestId).toBe('edge-7f3a:42');
    expect(traced.headers.get('x-request-id')).toBe('edge-7f3a:42');
    expect(reported[0]!.requestId).toBe('edge-7f3a:42');
    const forged = await get('/clients', { 'x-trace': 'x\tFAKE LOG LINE' });
    expect(forged.json.requestId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('hands the request id to the api client\'s rebuilt error', async () => {
    const { handler } = serve(undefined, { authenticateStaff: () => Promise.reject(axiosLikeError()) });
    const response = await handler(new Request(`${BASE}/clients`, { headers: asAlice }));
    const error = errorFromProblem(await response.json(), response);
    expect(error).toMatchObject({ code: 'internal', requestId: response.headers.get('x-request-id') });
  });
});
