import { describe, expect, it } from 'vitest';
import { createPortalClient } from 'sitegate/client';
import { asAlice, makeHttp, PASSWORD } from './support.js';

describe('a client’s email language over HTTP', () => {
  it('POST /clients and PATCH /clients/:id take `language`; staff records return it; null clears it', async () => {
    const http = makeHttp();
    const added = await http.send('POST', '/clients', { body: { email: 'lea@example.com', projectIds: ['p-maple'], language: 'fr-ca' }, headers: asAlice });
    expect(added).toMatchObject({ status: 201, json: { language: 'fr-CA' } });
    const id = added.json.id as string;
    expect((await http.send('GET', `/clients/${id}`, { headers: asAlice })).json.language).toBe('fr-CA');
    expect((await http.send('GET', '/clients', { headers: asAlice })).json.items[0].language).toBe('fr-CA');

    const bad = await http.send('PATCH', `/clients/${id}`, { body: { language: 'français' }, headers: asAlice });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    expect(bad.json.errors).toEqual([expect.objectContaining({ path: ['language'], message: 'must be a language tag such as en, fr or fr-CA' })]);

    const cleared = await http.send('PATCH', `/clients/${id}`, { body: { language: null }, headers: asAlice });
    expect(cleared.status).toBe(200);
    expect(cleared.json).not.toHaveProperty('language');
  });

  it('POST /invites/accept keeps the page’s `language` for a client without one; GET /me shows it', async () => {
    const http = makeHttp();
    const { token } = await http.invite('lea@example.com');
    const accepted = await http.send('POST', '/invites/accept', { body: { token, password: PASSWORD, language: 'fr' } });
    expect(accepted.status).toBe(201);
    expect(accepted.json.client.language).toBe('fr');
    const me = await http.send('GET', '/me', { headers: { authorization: `Bearer ${accepted.json.session.token}` } });
    expect(me.json.client.language).toBe('fr');
  });

  it('the typed client sends and returns it', async () => {
    const http = makeHttp();
    const client = createPortalClient({
      baseUrl: 'http://portal.test/api/portal',
      retries: 0,
      fetch: (input, init) => {
        const request = new Request(input as RequestInfo, init);
        request.headers.set('x-test-staff', asAlice['x-test-staff']);
        return http.handler(request);
      },
    });
    const added = await client.clients.add({ email: 'sam@example.com', projectIds: ['p-maple'], language: 'en-GB' });
    expect(added.language).toBe('en-GB');
    expect((await client.clients.update(added.id, { language: 'fr-CA' })).language).toBe('fr-CA');
    expect((await client.clients.get(added.id)).language).toBe('fr-CA');
    expect(await client.clients.update(added.id, { language: null })).not.toHaveProperty('language');
  });
});
