import { describe, expect, it } from 'vitest';
import { createPortalClient, ValidationError } from 'sitegate/client';
import { staffA } from '../../src/testing/fixtures.js';
import { asAlice, asBob, makeHttp } from './support.js';

/** p-maple with a shared change order; Dana and Eve may approve it, Gus keeps the default role. */
async function setup() {
  const http = makeHttp();
  const { portal } = http;
  await portal.roles.save(staffA, { id: 'owner', name: 'Owner', permissions: [{ module: 'changeOrders', actions: ['approve'] }] });
  await portal.shares.share(staffA, 'p-maple', [{ module: 'changeOrders', id: 'co-1', kind: 'item' }]);
  const dana = await http.signedInClient('dana@example.com', ['p-maple']);
  const eve = await http.signedInClient('eve@example.com', ['p-maple']);
  const gus = await http.signedInClient('gus@example.com', ['p-maple']);
  for (const c of [dana, eve]) await portal.clients.update(staffA, c.client.id, { roleId: 'owner' });
  const ask = (query: string, headers: Record<string, string> = asAlice, project = 'p-maple') =>
    http.send('GET', `/projects/${project}/approvals/approvers${query}`, { headers });
  return { ...http, dana, eve, gus, ask };
}

describe('GET /projects/:projectId/approvals/approvers', () => {
  it('answers 200: each active client of the project, with why it cannot decide; the typed client too', async () => {
    const { ask, handler, dana, eve, gus } = await setup();
    const expected = [{ clientId: dana.client.id }, { clientId: eve.client.id }, { clientId: gus.client.id, code: 'may_not_approve' }].sort((a, b) =>
      a.clientId < b.clientId ? -1 : 1,
    );
    const answer = await ask('?module=changeOrders&id=co-1');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(expected);

    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => handler(new Request(input, init))) as typeof globalThis.fetch;
    const staff = createPortalClient({ baseUrl: 'http://portal.test/api/portal', headers: asAlice, retries: 0, fetch });
    expect(await staff.approvals.approvers('p-maple', { module: 'changeOrders', id: 'co-1' })).toEqual(expected);
    const refused = await staff.approvals.approvers('p-maple', { module: 'changeOrders', id: 'co-ghost' }).catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused.issues.map((i: { path: unknown[] }) => i.path)).toEqual([['id']]);
  });

  it('is for staff: 401 without anyone signed in, 403 for a client session', async () => {
    const { ask, dana } = await setup();
    expect((await ask('?module=changeOrders&id=co-1', {})).status).toBe(401);
    const client = await ask('?module=changeOrders&id=co-1', dana.headers);
    expect(client.status).toBe(403);
    expect(JSON.stringify(client.json)).not.toContain(dana.client.id);
  });

  it.each([
    ['no module', '?id=co-1', [['module']]],
    ['no id', '?module=changeOrders', [['id']]],
    ['an unknown module', '?module=gossip&id=co-1', [['module']]],
    ['an unknown key', '?module=changeOrders&id=co-1&status=pending', [[]]],
    ['no query', '', [['module'], ['id']]],
  ])('refuses %s: 422 with the field paths', async (_, query, paths) => {
    const { ask } = await setup();
    const answer = await ask(query);
    expect(answer.status).toBe(422);
    expect(answer.json.code).toBe('validation_failed');
    expect(answer.json.errors.map((e: { path: unknown[] }) => e.path)).toEqual(paths);
  });

  it('refuses a resource the project does not have as a request does (422 on id), an unknown project with 404', async () => {
    const { ask, send } = await setup();
    const unknown = await ask('?module=changeOrders&id=co-ghost');
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ path: ['id'] })]);
    const requested = await send('POST', '/projects/p-maple/approvals', { body: { module: 'changeOrders', id: 'co-ghost', approvers: ['cl-x'] }, headers: asAlice });
    expect(requested.json.errors).toEqual(unknown.json.errors);
    expect((await ask('?module=changeOrders&id=co-1', asAlice, 'p-nowhere')).status).toBe(404);
  });

  it('keeps tenants apart: another tenant’s staff get 404 for a project not theirs, and none of its clients', async () => {
    const { ask, dana } = await setup();
    const other = await ask('?module=changeOrders&id=co-1', asBob, 'p-oak');
    expect(other.status).toBe(404);
    // Globex has a p-maple of its own (ids reuse Acme's): its answer holds none of Acme's clients.
    const own = await ask('?module=documents&id=d-contract', asBob);
    expect(own.status).toBe(200);
    expect(own.json).toEqual([]);
    expect(JSON.stringify((await ask('?module=changeOrders&id=co-1', asBob)).json)).not.toContain(dana.client.id);
  });
});
