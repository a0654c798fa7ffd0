import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError, type Storage } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { createPortalHandler } from 'sitegate/server';
import { encodeCursor } from '../../src/ports/cursor.js';
import { makePortal } from '../support/make-portal.js';
import { dumpTables, sqlBackends, type SqlBackend } from '../reliability/sql-backends.js';
import { asAlice, BASE, PASSWORD, snapshot, testStaffHook } from './support.js';

/**
 * Input that PostgreSQL itself would refuse (NUL bytes, timestamps out of its range) or would
 * silently alter (lone surrogates become U+FFFD): every store answers it with the same 4xx, so no
 * database text reaches the caller and nothing changes. Memory and PGlite always; PostgreSQL with
 * DATABASE_URL (required under CI=true).
 */

const json = { 'content-type': 'application/json' };
/** A token whose tenant part decodes to a NUL byte; the secret part has the right length. */
const nulTenantToken = `AA.${'A'.repeat(43)}`;
const garbageTenantToken = `_-_-.${'A'.repeat(43)}`;
const cursor = (values: unknown[]) => encodeCursor(values as (string | number)[]);

/** Where invite tokens go: the body of these routes (never a path or query string). */
const INVITE = { inspect: '/invites/inspect', accept: '/invites/accept' };

/**
 * `field`: the path the one issue of a 422 names (joined with dots), so a case cannot pass on a
 * refusal for another reason.
 */
type Case = { name: string; method: string; path: string; body?: unknown; headers?: Record<string, string>; client?: true; status: number | number[]; field?: string };

/** The first and last instants sitegate keeps (0001-01-01 and 9999-12-31T23:59:59.999Z), and year 0. */
const FIRST_MS = -62_135_596_800_000;
const LAST_MS = 253_402_300_799_999;
const YEAR_0_MS = -62_167_219_200_000;

const cases: Case[] = [
  { name: 'NUL in q', method: 'GET', path: `/clients?q=${encodeURIComponent('da\u0000na')}`, status: 422 },
  { name: 'cursor with a timestamp out of range', method: 'GET', path: `/clients?cursor=${cursor([1e20, 'x'])}`, status: 400 },
  { name: 'cursor with a negative timestamp out of range', method: 'GET', path: `/clients?cursor=${cursor([-1e20, 'x'])}`, status: 400 },
  { name: 'cursor with NUL in its id', method: 'GET', path: `/clients?cursor=${cursor([0, 'a\u0000'])}`, status: 400 },
  { name: 'cursor with a fractional timestamp', method: 'GET', path: `/clients?cursor=${cursor([1.5, 'x'])}`, status: 400 },
  { name: 'audit cursor out of range', method: 'GET', path: `/audit?cursor=${cursor([1e20, 'x'])}`, status: 400 },
  // Year 0 is 1 BC to PostgreSQL, and PGlite refused the ISO text of it: a 503 on one store only.
  { name: 'cursor in year 0', method: 'GET', path: `/clients?cursor=${cursor([YEAR_0_MS, 'x'])}`, status: 400 },
  { name: 'updates cursor in year 0', method: 'GET', path: `/projects/p-maple/updates?cursor=${cursor([YEAR_0_MS, 'x'])}`, status: 400 },
  { name: 'cursor at the first instant kept', method: 'GET', path: `/clients?cursor=${cursor([FIRST_MS, 'x'])}`, status: 200 },
  { name: 'audit cursor at the first instant kept', method: 'GET', path: `/audit?cursor=${cursor([FIRST_MS, 'x'])}`, status: 200 },
  { name: 'updates cursor at the first instant kept', method: 'GET', path: `/projects/p-maple/updates?cursor=${cursor([FIRST_MS, 'x'])}`, status: 200 },
  { name: 'updates cursor at the last instant kept', method: 'GET', path: `/projects/p-maple/updates?cursor=${cursor([LAST_MS, 'x'])}`, status: 200 },
  // An offset carries 9999-12-31T23:59:59 into year 10000: PostgreSQL stored it, PGlite failed.
  {
    name: 'approval due after year 9999',
    method: 'POST',
    path: '/projects/p-maple/approvals',
    body: { module: 'selections', id: 'sel-tile', approvers: [':client'], dueAt: '9999-12-31T23:59:59-00:01' },
    status: 422,
    field: 'dueAt',
  },
  {
    name: 'approval due in year 0',
    method: 'POST',
    path: '/projects/p-maple/approvals',
    body: { module: 'selections', id: 'sel-tile', approvers: [':client'], dueAt: '0000-06-01T00:00:00Z' },
    status: 422,
    field: 'dueAt',
  },
  { name: 'a null body withdrawing an approval', method: 'POST', path: '/projects/p-maple/approvals/:approval/withdraw', body: null, status: 422 },
  {
    name: 'a key a role permission does not know',
    method: 'PUT',
    path: '/roles/custom',
    body: { name: 'Custom', permissions: [{ module: 'documents', actions: ['read'], scope: 'own' }] },
    status: 422,
    field: 'permissions.0',
  },
  { name: 'a title of the wrong type, said once', method: 'POST', path: '/projects/p-maple/updates', body: { title: [], body: 'B' }, status: 422, field: 'title' },
  { name: 'attachments of the wrong type, said once', method: 'POST', path: '/projects/p-maple/updates', body: { body: 'B', resources: 'x'.repeat(300) }, status: 422, field: 'resources' },
  { name: 'NUL in a new client name', method: 'POST', path: '/clients', body: { email: 'new@example.com', name: 'N\u0000', projectIds: ['p-maple'] }, status: 422 },
  { name: 'lone surrogate in a new client name', method: 'POST', path: '/clients', body: { email: 'new@example.com', name: 'N\ud800', projectIds: ['p-maple'] }, status: 422 },
  { name: 'NUL in an email', method: 'POST', path: '/clients', body: { email: 'n\u0000ew@example.com', projectIds: ['p-maple'] }, status: 422 },
  { name: 'NUL in a renamed client', method: 'PATCH', path: '/clients/:client', body: { name: '\u0000' }, status: 422 },
  { name: 'NUL in an update body', method: 'POST', path: '/projects/p-maple/updates', body: { body: 'Framing\u0000done' }, status: 422 },
  { name: 'lone surrogate in an update title', method: 'POST', path: '/projects/p-maple/updates', body: { title: '\udc00', body: 'Framing done' }, status: 422 },
  { name: 'NUL in a role name', method: 'PUT', path: '/roles/custom', body: { name: 'Cus\u0000tom', permissions: [] }, status: 422 },
  { name: 'NUL in a sign-in email', method: 'POST', path: '/session', body: { tenantId: 'acme', email: 'dana\u0000@example.com', password: PASSWORD }, status: 422 },
  { name: 'NUL in an accepted name', method: 'POST', path: INVITE.accept, body: { token: ':token', password: PASSWORD, name: 'E\u0000ve' }, status: 422 },
  { name: 'accepting a token whose tenant is NUL', method: 'POST', path: INVITE.accept, body: { token: nulTenantToken, password: PASSWORD }, status: [404, 410, 409] },
  { name: 'accepting a token whose tenant is garbage', method: 'POST', path: INVITE.accept, body: { token: garbageTenantToken, password: PASSWORD }, status: [404, 410, 409] },
  // Inspecting answers an unknown link like a dead one (200 `cancelled`) or with a 4xx; never from the database.
  { name: 'inspecting a token whose tenant is NUL', method: 'POST', path: INVITE.inspect, body: { token: nulTenantToken }, status: [200, 404] },
  { name: 'inspecting a token with NUL in it', method: 'POST', path: INVITE.inspect, body: { token: `:token\u0000` }, status: [200, 404, 422] },
  { name: 'Bearer token whose tenant is NUL', method: 'GET', path: '/me', headers: { authorization: `Bearer ${nulTenantToken}` }, status: 401 },
  { name: 'Bearer token whose tenant is garbage', method: 'GET', path: '/me', headers: { authorization: `Bearer ${garbageTenantToken}` }, status: 401 },
  { name: 'session cookie whose tenant is NUL', method: 'GET', path: '/portal/projects', headers: { cookie: `sitegate_session=${nulTenantToken}` }, status: 401 },
  { name: 'NUL-tenant Bearer on a staff route', method: 'GET', path: '/clients', headers: { authorization: `Bearer ${nulTenantToken}`, 'x-test-staff': '' }, status: 401 },
  { name: 'NUL-tenant Bearer signing out', method: 'DELETE', path: '/session', headers: { authorization: `Bearer ${nulTenantToken}` }, status: 204 },
];

/** A store and a way to read everything it holds: equal dumps mean nothing changed. */
interface Store {
  name: string;
  open(): Promise<{ storage: Storage; dump(): Promise<string>; close(): Promise<void> }>;
}

const stores: Store[] = [
  {
    name: 'memory',
    async open() {
      const storage = memoryStorage();
      return { storage, dump: async () => JSON.stringify(await Promise.all(['acme', 'globex'].map((t) => storage.listAudit(t, { limit: 500 })))), close: async () => {} };
    },
  },
  ...sqlBackends().map(({ name, open }) => ({
    name,
    async open() {
      const db: SqlBackend = await open();
      const storage = await db.storage();
      return {
        storage,
        dump: () => dumpTables(db),
        async close() {
          await storage.close();
          await db.close();
        },
      };
    },
  })),
];

for (const store of stores) {
  describe(`bad input on ${store.name} is a 4xx and changes nothing`, () => {
    let opened: Awaited<ReturnType<Store['open']>>;
    let env: ReturnType<typeof makePortal>;
    let handler: (request: Request) => Promise<Response>;
    const errors: unknown[] = [];
    let clientId: string;
    let inviteToken: string;
    let approvalId: string;
    /** Everything the store holds and the API shows. */
    const state = async () => JSON.stringify([await opened.dump(), await snapshot(env.portal, env.mail)]);

    beforeAll(async () => {
      opened = await store.open();
      env = makePortal({ storage: opened.storage });
      handler = createPortalHandler(env.portal, { basePath: '/api/portal', authenticateStaff: testStaffHook, rateLimit: false, onError: (e) => errors.push(e) });
      const alice = { type: 'staff' as const, tenantId: 'acme', userId: 'u-alice' };
      const dana = await env.portal.clients.add(alice, { email: 'dana@example.com', name: 'Dana', projectIds: ['p-maple'] });
      await env.portal.clients.add(alice, { email: 'eve@example.com', projectIds: ['p-maple'] });
      await env.portal.outbox.flush();
      await env.portal.invites.accept(env.lastInviteToken('dana@example.com'), { password: PASSWORD });
      clientId = dana.id;
      inviteToken = env.lastInviteToken('eve@example.com');
      // A shared selection with an open approval: requests about it reach storage unless refused first.
      await env.portal.roles.save(alice, { id: 'owner', name: 'Owner', permissions: [{ module: 'selections', actions: ['approve'] }] });
      await env.portal.clients.update(alice, dana.id, { roleId: 'owner' });
      await env.portal.shares.share(alice, 'p-maple', [{ module: 'selections', id: 'sel-tile', kind: 'item' }]);
      approvalId = (await env.portal.approvals.request(alice, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [dana.id] })).id;
    }, 60_000);
    afterAll(async () => {
      await opened?.close();
    });

    it.each(cases)('$name', async (c) => {
      errors.length = 0;
      const before = await state();
      const path = c.path.replace(':client', clientId).replace(':approval', approvalId);
      const headers = new Headers({ ...asAlice, ...c.headers });
      if (c.body !== undefined) for (const [k, v] of Object.entries(json)) headers.set(k, v);
      const body = c.body === undefined ? undefined : JSON.stringify(c.body).replaceAll(':token', inviteToken).replaceAll(':client', clientId);
      const response = await handler(new Request(`${BASE}${path}`, { method: c.method, headers, body }));
      const text = await response.text();
      expect([c.status].flat(), text).toContain(response.status);
      if (response.status >= 400) {
        const problem = JSON.parse(text);
        expect(problem.status).toBe(response.status);
        if (response.status === 400 && c.path.includes('cursor=')) expect(problem).toMatchObject({ code: 'bad_request', errors: [{ path: ['cursor'] }] });
        if (response.status === 422) expect(problem.errors.length).toBeGreaterThan(0);
        if (c.field) expect(problem.errors.map((e: { path: (string | number)[] }) => e.path.join('.')), text).toEqual([c.field]);
      }
      expect(await state()).toBe(before);
      expect(errors).toEqual([]);
    });

    it('refuses the same strings in the headless core with a ValidationError naming the field', async () => {
      const alice = { type: 'staff' as const, tenantId: 'acme', userId: 'u-alice' };
      const before = await state();
      const refused = [
        env.portal.clients.add(alice, { email: 'x@example.com', name: 'a\ud800', projectIds: [] }),
        env.portal.clients.update(alice, clientId, { name: 'N\u0000' }),
        env.portal.clients.list(alice, { q: '\udfff' }),
        env.portal.updates.publish(alice, 'p-maple', { body: 'x\u0000' }),
        env.portal.roles.save(alice, { id: 'custom', name: '\u0000', permissions: [] }),
      ];
      for (const [i, outcome] of (await Promise.allSettled(refused)).entries()) {
        expect(outcome.status, String(i)).toBe('rejected');
        const reason = (outcome as PromiseRejectedResult).reason;
        expect(reason, String(reason)).toBeInstanceOf(ValidationError);
        expect((reason as ValidationError).issues[0]!.path.length).toBeGreaterThan(0);
      }
      await expect(env.portal.clients.list(alice, { cursor: cursor([1e20, 'x']) })).rejects.toMatchObject({ code: 'bad_request', issues: [{ path: ['cursor'] }] });
      await expect(env.portal.audit.list(alice, { cursor: cursor([0, '../x']) })).rejects.toMatchObject({ code: 'bad_request' });
      expect(await state()).toBe(before);
    });

    it('still pages with the cursors it returns', async () => {
      const alice = { type: 'staff' as const, tenantId: 'acme', userId: 'u-alice' };
      const first = await env.portal.clients.list(alice, { limit: 1 });
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await env.portal.clients.list(alice, { limit: 1, cursor: first.nextCursor! });
      expect(second.items.map((c) => c.id)).not.toEqual(first.items.map((c) => c.id));
    });
  });
}
