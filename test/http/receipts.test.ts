import { describe, expect, it } from 'vitest';
import { encodeTimeCursor } from 'sitegate';
import { createPortalClient } from 'sitegate/client';
import { asAlice, asBob, BASE, makeHttp } from './support.js';

describe('receipts over HTTP', () => {
  it('records a host-served file for the signed-in client (204) and lists receipts for staff', async () => {
    const http = makeHttp();
    const { client, headers } = await http.signedInClient();
    await http.send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'documents', id: 'd-contracts', kind: 'folder' }] }, headers: asAlice });

    const recorded = await http.send('POST', '/portal/projects/p-maple/receipts', { body: { module: 'documents', id: 'd-contract' }, headers });
    expect(recorded.status).toBe(204);
    // Opening through the portal records too.
    expect((await http.send('GET', '/portal/projects/p-maple/documents/d-permit', { headers })).status).toBe(200);

    const listed = await http.send('GET', '/projects/p-maple/receipts?module=documents&id=d-contract', { headers: asAlice });
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual({
      items: [expect.objectContaining({ clientId: client.id, module: 'documents', id: 'd-contract', views: 1, firstViewedAt: expect.any(String) })],
      nextCursor: null,
    });
    expect((await http.send('GET', `/projects/p-maple/receipts?clientId=${client.id}`, { headers: asAlice })).json.items).toHaveLength(2);
    expect((await http.send('GET', '/projects/p-maple/receipts', { headers: asBob })).json).toEqual({ items: [], nextCursor: null });
  });

  it('pages newest view first, and narrows to a selection of resources by repeated or comma-separated ids', async () => {
    const http = makeHttp();
    const { headers } = await http.signedInClient();
    await http.send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'documents', id: 'd-contracts', kind: 'folder' }] }, headers: asAlice });
    for (const id of ['d-contract', 'd-permit']) {
      expect((await http.send('POST', '/portal/projects/p-maple/receipts', { body: { module: 'documents', id }, headers })).status).toBe(204);
      http.clock.advanceMs(60_000);
    }
    const ids = async (query: string) => {
      const answer = await http.send('GET', `/projects/p-maple/receipts?${query}`, { headers: asAlice });
      expect(answer.status, query).toBe(200);
      return answer.json as { items: { id: string }[]; nextCursor: string | null };
    };
    const first = await ids('limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await ids(`limit=1&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((r) => r.id)).toEqual(['d-permit', 'd-contract']);
    expect((await ids('ids=d-permit&ids=d-budget')).items.map((r) => r.id)).toEqual(['d-permit']);
    expect((await ids('ids=d-permit,d-contract')).items.map((r) => r.id).sort()).toEqual(['d-contract', 'd-permit']);
    expect(http.errors).toEqual([]);
  });

  it('answers bad input with a 4xx and records nothing', async () => {
    const http = makeHttp();
    const { headers } = await http.signedInClient();
    const unshared = await http.send('POST', '/portal/projects/p-maple/receipts', { body: { module: 'documents', id: 'd-budget' }, headers });
    expect(unshared.status).toBe(404);
    const badModule = await http.send('POST', '/portal/projects/p-maple/receipts', { body: { module: 'blueprints', id: 'x' }, headers });
    expect(badModule.status).toBe(422);
    expect(badModule.json.errors[0].path).toEqual(['module']);
    expect((await http.send('POST', '/portal/projects/p-maple/receipts', { body: { module: 'documents', id: 'd-contract' } })).status).toBe(401);
    for (const body of [['documents'], 'documents', null, { module: 'documents' }, { module: 'documents', id: 'd-contract', projectId: 'p-harbor' }]) {
      const answer = await http.send('POST', '/portal/projects/p-maple/receipts', { body, headers });
      expect([400, 404, 422], JSON.stringify(body)).toContain(answer.status);
    }
    const unreadable = await http.send('POST', '/portal/projects/p-maple/receipts', { raw: '{"module":', headers: { ...headers, 'content-type': 'application/json' } });
    expect(unreadable.status).toBe(400);
    expect((await http.send('GET', '/projects/p-maple/receipts?module=nope', { headers: asAlice })).status).toBe(422);
    expect((await http.send('GET', '/projects/p-maple/receipts?colour=red', { headers: asAlice })).status).toBe(422);
    // A client is not staff.
    expect((await http.send('GET', '/projects/p-maple/receipts', { headers })).status).toBe(403);
    expect((await http.send('GET', '/projects/p-maple/receipts', { headers: asAlice })).json).toEqual({ items: [], nextCursor: null });
    // A page's size and place are checked like any input: a 4xx naming what was wrong.
    for (const [query, status, path] of [
      ['limit=0', 422, ['query', 'limit']],
      ['limit=501', 422, ['query', 'limit']],
      ['limit=ten', 422, ['query', 'limit']],
      ['ids=..', 422, ['query', 'ids', 0]],
      ['cursor=not-ours', 400, ['cursor']],
      // A cursor of another list: a time and one id, where a receipt's key has three.
      [`cursor=${encodeTimeCursor(new Date(0), 'cl-1')}`, 400, ['cursor']],
    ] as const) {
      const answer = await http.send('GET', `/projects/p-maple/receipts?${query}`, { headers: asAlice });
      expect(answer.status, query).toBe(status);
      expect(answer.json.errors, query).toEqual([expect.objectContaining({ path })]);
    }
    expect(http.errors).toEqual([]);
  });

  it('is in the typed client: staff list with dates revived, a client records', async () => {
    const http = makeHttp();
    const { headers } = await http.signedInClient();
    await http.send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'drawings', id: 'dr-a101', kind: 'item' }] }, headers: asAlice });
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => http.handler(new Request(input, init))) as typeof globalThis.fetch;
    const asClient = createPortalClient({ baseUrl: BASE, headers, retries: 0, fetch });
    const asStaff = createPortalClient({ baseUrl: BASE, headers: asAlice, retries: 0, fetch });
    await asClient.receipts.record({ projectId: 'p-maple', module: 'drawings', id: 'dr-a101' });
    const [receipt] = (await asStaff.receipts.list('p-maple', { module: 'drawings' })).items;
    expect(receipt).toMatchObject({ module: 'drawings', id: 'dr-a101', views: 1 });
    expect(receipt!.lastViewedAt).toBeInstanceOf(Date);
    // An empty selection is refused, not sent as no filter at all (every receipt of the project).
    await expect(asStaff.receipts.list('p-maple', { ids: [] })).rejects.toMatchObject({ status: 422, issues: [expect.objectContaining({ path: ['query', 'ids'] })] });
  });
});
