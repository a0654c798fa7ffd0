import { describe, expect, it } from 'vitest';
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
    expect(listed.json).toEqual([
      expect.objectContaining({ clientId: client.id, module: 'documents', id: 'd-contract', views: 1, firstViewedAt: expect.any(String) }),
    ]);
    expect((await http.send('GET', `/projects/p-maple/receipts?clientId=${client.id}`, { headers: asAlice })).json).toHaveLength(2);
    expect((await http.send('GET', '/projects/p-maple/receipts', { headers: asBob })).json).toEqual([]);
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
    expect((await http.send('GET', '/projects/p-maple/receipts', { headers: asAlice })).json).toEqual([]);
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
    const [receipt] = await asStaff.receipts.list('p-maple', { module: 'drawings' });
    expect(receipt).toMatchObject({ module: 'drawings', id: 'dr-a101', views: 1 });
    expect(receipt!.lastViewedAt).toBeInstanceOf(Date);
  });
});
