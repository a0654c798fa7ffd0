import { describe, expect, it } from 'vitest';
import { memoryStorage } from 'sitegate/adapters/memory';
import { handOffClient, takeHandedClient } from '../../src/access/client-scope.js';
import { client } from '../../src/testing/storage/records.js';
import { countingStorage } from '../support/counting-storage.js';
import { asAlice, makeHttp } from './support.js';

/** A portal over a storage that counts its calls, with a signed-in client and a shared folder. */
async function counted() {
  const counting = countingStorage(memoryStorage());
  const http = makeHttp({}, { storage: counting.storage });
  const signedIn = await http.signedInClient();
  await http.send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'documents', id: 'd-contracts', kind: 'folder' }] }, headers: asAlice });
  counting.calls.length = 0;
  const ops = () => counting.calls.map((c) => c.op);
  return { http, ...signedIn, counting, ops };
}

describe('what one signed-in request reads', () => {
  it('GET /me reads the session and its client once, in one storage read', async () => {
    const { http, headers, ops } = await counted();
    const me = await http.send('GET', '/me', { headers });
    expect(me.status).toBe(200);
    expect(me.json.projects.map((p: { id: string }) => p.id).sort()).toEqual(['p-harbor', 'p-maple']);
    expect(ops()).toEqual(['getSessionWithClient']);
  });

  it('opening a folder reads the client once and the grants around the folder and its children once', async () => {
    const { http, headers, ops, counting, client: dana } = await counted();
    const folder = await http.send('GET', '/portal/projects/p-maple/documents/d-contracts', { headers });
    expect(folder.json.children.map((r: { id: string }) => r.id).sort()).toEqual(['d-contract', 'd-permits']);
    const reads = ops();
    expect(reads.filter((op) => op === 'getClient')).toEqual([]);
    expect(reads.filter((op) => op === 'readGrants')).toEqual(['readGrants']);
    expect(reads.filter((op) => op === 'findShares' || op === 'findAttached')).toEqual([]);
    // Opened again within the minute: the receipt comes in the grants' read and, being recent,
    // is neither read again nor written.
    counting.calls.length = 0;
    expect((await http.send('GET', '/portal/projects/p-maple/documents/d-contracts', { headers })).status).toBe(200);
    expect(ops().filter((op) => op === 'listReceipts' || op === 'recordView' || op === 'readGrants')).toEqual(['readGrants']);
    expect(counting.results('readGrants')[0]).toMatchObject({ receipt: { clientId: dana.id, module: 'documents', id: 'd-contracts', views: 1 } });
    // A folder the client may not see still shows nothing, children included.
    expect((await http.send('GET', '/portal/projects/p-maple/documents/d-budget', { headers })).status).toBe(404);
  });

  it('over a storage that does not answer the receipt with the grants, an open reads it on its own and still writes once a minute', async () => {
    const inner = memoryStorage();
    // An adapter written before `receiptOf`: its grants' answer has no `receipt`.
    const readGrants: typeof inner.readGrants = async (...args) => {
      const { shares, attached } = await inner.readGrants(...args);
      return { shares, attached };
    };
    const counting = countingStorage(Object.assign(Object.create(inner) as typeof inner, { readGrants }));
    const http = makeHttp({}, { storage: counting.storage });
    const { headers } = await http.signedInClient();
    await http.send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'documents', id: 'd-contracts', kind: 'folder' }] }, headers: asAlice });
    const open = () => http.send('GET', '/portal/projects/p-maple/documents/d-contracts', { headers });
    expect((await open()).status).toBe(200);
    expect((await open()).status).toBe(200);
    const ops = counting.calls.map((c) => c.op).filter((op) => op === 'listReceipts' || op === 'recordView');
    expect(ops).toEqual(['listReceipts', 'recordView', 'listReceipts']);
    const receipts = await http.portal.receipts.list({ type: 'staff', tenantId: 'acme', userId: 'u-alice' }, 'p-maple');
    expect(receipts.items.map((r) => [r.id, r.views])).toEqual([['d-contracts', 1]]);
  });

  it('shares one resource with its audit line in one storage write, and logs nothing for one already shared', async () => {
    const { http, ops, counting } = await counted();
    const body = { resources: [{ module: 'documents', id: 'd-permit', kind: 'item' }] };
    expect((await http.send('POST', '/projects/p-maple/shares', { body, headers: asAlice })).status).toBe(201);
    expect(ops().filter((op) => op.startsWith('insert'))).toEqual(['insertShareAudited']);
    const audit = await http.send('GET', '/audit?projectId=p-maple', { headers: asAlice });
    expect(audit.json.items.filter((e: { action: string }) => e.action === 'share.created')).toHaveLength(2);
    counting.calls.length = 0;
    expect((await http.send('POST', '/projects/p-maple/shares', { body, headers: asAlice })).status).toBe(201);
    expect((await http.send('GET', '/audit?projectId=p-maple', { headers: asAlice })).json.items).toHaveLength(audit.json.items.length);
  });

  it('reads the client afresh on the next request, and on every call of a host that kept the actor', async () => {
    const { http, client: added, session, headers } = await counted();
    const kept = await http.portal.sessions.resolve(session);
    expect((await http.portal.view.me(kept!)).projects.map((p) => p.id).sort()).toEqual(['p-harbor', 'p-maple']);
    expect((await http.send('GET', '/me', { headers })).json.projects).toHaveLength(2);
    expect((await http.send('DELETE', `/clients/${added.id}/projects/p-maple`, { headers: asAlice })).status).toBe(200);
    expect((await http.send('GET', '/me', { headers })).json.projects.map((p: { id: string }) => p.id)).toEqual(['p-harbor']);
    expect((await http.portal.view.me(kept!)).projects.map((p) => p.id)).toEqual(['p-harbor']);
    expect((await http.send('PATCH', `/clients/${added.id}`, { body: { portalAccess: false }, headers: asAlice })).status).toBe(200);
    await expect(http.portal.view.me(kept!)).rejects.toMatchObject({ code: 'not_found' });
    expect((await http.send('GET', '/me', { headers })).status).toBe(401);
  });
});

describe('the hand-off of a client record to a request’s scope', () => {
  it('is taken once, and only with the very actor object it was handed with', () => {
    const actor = { type: 'client' as const, tenantId: 'acme', clientId: 'cl-1' };
    const record = client();
    handOffClient(actor, record);
    expect(takeHandedClient({ ...actor })).toBeUndefined();
    expect(takeHandedClient(null)).toBeUndefined();
    expect(takeHandedClient(actor)).toBe(record);
    expect(takeHandedClient(actor)).toBeUndefined();
  });
});
