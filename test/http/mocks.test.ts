import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockPortal, MOCK_PASSWORD, portalHandlers } from 'sitegate/mocks';
import { createPortalClient } from 'sitegate/client';

const mock = createMockPortal();
const server = setupServer(...portalHandlers({ mock, baseUrl: 'http://portal.test/api/portal' }));
const api = (path: string) => `http://portal.test/api/portal${path}`;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => server.close());

describe('sitegate/mocks under msw setupServer', () => {
  it('serves the seeded clients to staff', async () => {
    const response = await fetch(api('/clients'));
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: { email: string; status: string }[] };
    const byEmail = Object.fromEntries(items.map((c) => [c.email, c.status]));
    expect(byEmail).toEqual({
      'gus@example.com': 'expired',
      'dana@example.com': 'active',
      'eli@example.com': 'invited',
      'fay@example.com': 'not_invited',
      'hal@example.com': 'disabled',
    });
  });

  it('invites through the API and hands out the link', async () => {
    const response = await fetch(api('/clients'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'new@example.com', projectIds: ['p-maple'] }),
    });
    expect(response.status).toBe(201);
    const token = mock.inviteToken('new@example.com')!;
    expect(mock.inviteLink('new@example.com')).toContain(encodeURIComponent(token));
    const info = await fetch(api('/invites/inspect'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    expect(await info.json()).toMatchObject({ status: 'pending', email: 'new@example.com', tenantName: 'Acme Builders' });
  });

  it('signs clients in with signInAs and serves their portal', async () => {
    const token = await mock.signInAs('dana@example.com');
    const me = await fetch(api('/me'), { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { client: { email: string } }).client.email).toBe('dana@example.com');
    const feed = await fetch(api('/portal/projects/p-maple'), { headers: { authorization: `Bearer ${token}` } });
    const body = (await feed.json()) as { modules: { documents: { id: string }[]; updates: unknown[] } };
    expect(body.modules.documents.map((d) => d.id)).toEqual(['d-contracts']);
    expect(body.modules.updates).toHaveLength(1);
    // A client session never reaches staff routes.
    expect((await fetch(api('/clients'), { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    // An invited client gets a session by accepting.
    expect(await mock.signInAs('eli@example.com')).toMatch(/\./);
  });

  it('serves approvals: staff request, the client sees it waiting and decides', async () => {
    const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({ method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    await fetch(api('/roles/owner'), json('PUT', { name: 'Owner', permissions: [{ module: 'changeOrders', actions: ['approve'] }] }));
    const { items } = (await (await fetch(api('/clients?q=dana'))).json()) as { items: { id: string }[] };
    const danaId = items[0]!.id;
    await fetch(api(`/clients/${danaId}`), json('PATCH', { roleId: 'owner' }));
    await fetch(api('/projects/p-maple/shares'), json('POST', { resources: [{ module: 'changeOrders', id: 'co-1', kind: 'item' }] }));
    const requested = await fetch(api('/projects/p-maple/approvals'), json('POST', { module: 'changeOrders', id: 'co-1', approvers: [danaId] }));
    expect(requested.status).toBe(201);
    const token = await mock.signInAs('dana@example.com');
    const client = createPortalClient({ baseUrl: 'http://portal.test/api/portal', token, retries: 0 });
    const [waiting] = await client.approvals.listMine('p-maple');
    expect(waiting).toMatchObject({ status: 'pending', waitingOn: [danaId], snapshot: { name: 'CO-1 Extra outlet', amount: 420 } });
    expect(await client.approvals.decide('p-maple', waiting!.id, { decision: 'approved' })).toMatchObject({ status: 'approved' });
  });

  it('resets to the seeded state', async () => {
    await fetch(api('/clients'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x@example.com', projectIds: [] }) });
    await mock.reset();
    const { items } = (await (await fetch(api('/clients'))).json()) as { items: unknown[] };
    expect(items).toHaveLength(5);
  });

  it('answers unauthenticated when staff is switched off', async () => {
    mock.staff = null;
    expect((await fetch(api('/clients'))).status).toBe(401);
  });

  it('works with the typed client: a signed-in client instance is that client until it signs out', async () => {
    const browser = createPortalClient({ baseUrl: 'http://portal.test/api/portal' });
    expect((await browser.clients.list()).items).toHaveLength(5);
    await browser.sessions.signIn({ tenantId: 'acme', email: 'dana@example.com', password: MOCK_PASSWORD });
    expect((await browser.me()).client.email).toBe('dana@example.com');
    await expect(browser.clients.list()).rejects.toMatchObject({ code: 'forbidden' });
    await browser.sessions.signOut();
    expect((await browser.clients.list()).items).toHaveLength(5);
  });

  it('treats a stale session cookie as no session, so staff are not locked out after reset', async () => {
    const token = await mock.signInAs('dana@example.com');
    const cookie = `sitegate_session=${encodeURIComponent(token)}`;
    expect((await fetch(api('/clients'), { headers: { cookie } })).status).toBe(403);
    await mock.reset();
    expect((await fetch(api('/clients'), { headers: { cookie } })).status).toBe(200);
    expect((await fetch(api('/me'), { headers: { cookie } })).status).toBe(401);
  });

  it('still refuses cookie mutations from another origin', async () => {
    const token = await mock.signInAs('dana@example.com');
    const res = await fetch(api('/session'), { method: 'DELETE', headers: { cookie: `sitegate_session=${token}`, origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
  });
});
