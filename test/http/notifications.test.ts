import { describe, expect, it } from 'vitest';
import { createPortalClient } from 'sitegate/client';
import { asAlice, asBob, BASE, makeHttp, ORIGIN } from './support.js';

const MINUTE = 60_000;
const UNSUBSCRIBE = `${BASE}/notifications/unsubscribe?token=`;

/** The handler over a portal with digests on, and a JSON `send` helper. */
function setup() {
  const http = makeHttp(
    { onError: () => {} },
    { notifications: { portalUrl: (_t, projectId) => `${ORIGIN}/portal/${projectId}`, unsubscribeUrl: (token) => `${UNSUBSCRIBE}${encodeURIComponent(token)}` } },
  );
  const { send } = http;
  /** An active client of p-maple: its id and Bearer headers. */
  async function signedInClient(email: string) {
    const { client, headers } = await http.signedInClient(email, ['p-maple']);
    return { id: client.id as string, headers };
  }
  /** Shares a document, moves past the instant window and returns the digest's unsubscribe URL. */
  async function digestUrl(client: { headers: Record<string, string> }) {
    await send('PUT', '/portal/notifications', { body: { frequency: 'instant' }, headers: client.headers });
    await send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'documents', id: 'd-contract', kind: 'item' }] }, headers: asAlice });
    http.clock.advanceMs(6 * MINUTE);
    await http.portal.outbox.flush();
    const mail = http.mail.messages.at(-1)!;
    return /^<(.+)>$/.exec(mail.headers!['List-Unsubscribe']!)![1]!;
  }
  return { ...http, signedInClient, digestUrl };
}

describe('HTTP: notification preferences', () => {
  it('a client reads and sets its own; staff read and set any client of their tenant', async () => {
    const { send, signedInClient } = setup();
    const dana = await signedInClient('dana@example.com');
    expect(await send('GET', '/portal/notifications', { headers: dana.headers })).toMatchObject({ status: 200, json: { frequency: 'daily', isDefault: true, tenantDefault: 'daily' } });
    expect(await send('PUT', '/portal/notifications', { body: { frequency: 'weekly' }, headers: dana.headers })).toMatchObject({ status: 200, json: { frequency: 'weekly', isDefault: false, tenantDefault: 'daily' } });
    expect(await send('GET', `/clients/${dana.id}/notifications`, { headers: asAlice })).toMatchObject({ status: 200, json: { frequency: 'weekly', isDefault: false, tenantDefault: 'daily' } });
    expect(await send('PUT', `/clients/${dana.id}/notifications`, { body: { frequency: 'off' }, headers: asAlice })).toMatchObject({ status: 200, json: { frequency: 'off' } });
    expect(await send('GET', '/portal/notifications', { headers: dana.headers })).toMatchObject({ json: { frequency: 'off', isDefault: false } });
  });

  it('refuses bad input with 422, strangers with 401, other tenants with 404, and changes nothing', async () => {
    const { send, signedInClient } = setup();
    const dana = await signedInClient('dana@example.com');
    const fay = await signedInClient('fay@example.com');
    const bad = await send('PUT', '/portal/notifications', { body: { frequency: 'hourly' }, headers: dana.headers });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toEqual(['frequency']);
    expect((await send('PUT', '/portal/notifications', { body: { frequency: 'off', extra: 1 }, headers: dana.headers })).status).toBe(422);
    expect((await send('PUT', `/clients/${dana.id}/notifications`, { body: {}, headers: asAlice })).status).toBe(422);
    expect((await send('PUT', '/portal/notifications', { body: { frequency: 'off', clientId: fay.id }, headers: dana.headers })).status).toBe(404);
    expect((await send('GET', '/portal/notifications')).status).toBe(401);
    expect((await send('GET', `/clients/${dana.id}/notifications`)).status).toBe(401);
    expect((await send('GET', `/clients/${dana.id}/notifications`, { headers: asBob })).status).toBe(404);
    expect((await send('PUT', `/clients/${dana.id}/notifications`, { body: { frequency: 'off' }, headers: asBob })).status).toBe(404);
    // A client's session does not open staff routes.
    expect((await send('GET', `/clients/${fay.id}/notifications`, { headers: dana.headers })).status).toBe(403);
    expect(await send('GET', '/portal/notifications', { headers: dana.headers })).toMatchObject({ json: { frequency: 'daily', isDefault: true } });
    expect(await send('GET', '/portal/notifications', { headers: fay.headers })).toMatchObject({ json: { frequency: 'daily', isDefault: true } });
  });
});

describe('HTTP: one-click unsubscribe (RFC 8058)', () => {
  it('a mailbox provider’s form POST to the header URL unsubscribes, without signing in, once', async () => {
    const { send, signedInClient, digestUrl } = setup();
    const dana = await signedInClient('dana@example.com');
    const url = await digestUrl(dana);
    expect(url.startsWith(UNSUBSCRIBE)).toBe(true);
    // Link scanners GET: nothing happens.
    expect((await send('GET', url)).status).toBe(405);
    expect(await send('GET', '/portal/notifications', { headers: dana.headers })).toMatchObject({ json: { frequency: 'instant' } });
    const form = { raw: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    expect(await send('POST', url, form)).toMatchObject({ status: 200, json: { frequency: 'off' } });
    expect(await send('GET', '/portal/notifications', { headers: dana.headers })).toMatchObject({ json: { frequency: 'off', isDefault: false } });
    // Replayed: refused.
    expect(await send('POST', url, form)).toMatchObject({ status: 409, json: { code: 'link_used' } });
  });

  it('takes the one-click POST as multipart/form-data, as RFC 8058 asks, and any body beside the query’s token', async () => {
    const form = (...entries: [string, string][]) => entries.reduce((f, [k, v]) => (f.set(k, v), f), new FormData());
    // A FormData body is sent as multipart/form-data with its boundary; a string as text/plain.
    const bodies: [BodyInit, number, string][] = [
      [form(['List-Unsubscribe', 'One-Click']), 200, 'off'],
      ['List-Unsubscribe=One-Click', 200, 'off'],
      // A multipart form still names only what a one-click POST names, and changes nothing else.
      [form(['List-Unsubscribe', 'One-Click'], ['frequency', 'weekly']), 422, 'instant'],
    ];
    for (const [body, status, frequency] of bodies) {
      const { handler, send, signedInClient, digestUrl } = setup();
      const dana = await signedInClient('dana@example.com');
      const response = await handler(new Request(await digestUrl(dana), { method: 'POST', body }));
      expect(response.status, String(body)).toBe(status);
      expect(await send('GET', '/portal/notifications', { headers: dana.headers })).toMatchObject({ json: { frequency } });
    }
  });

  it('takes the token as JSON from the typed client; refuses forged, missing and conflicting tokens', async () => {
    const { handler, send, signedInClient, digestUrl } = setup();
    const dana = await signedInClient('dana@example.com');
    const token = decodeURIComponent(new URL(await digestUrl(dana)).searchParams.get('token')!);
    const forged = `${token.slice(0, -4)}AAAA`;
    expect(await send('POST', '/notifications/unsubscribe', { body: { token: forged } })).toMatchObject({ status: 404, json: { code: 'link_invalid' } });
    expect((await send('POST', '/notifications/unsubscribe', { body: {} })).status).toBe(422);
    expect((await send('POST', '/notifications/unsubscribe', { body: { token: 5 } })).status).toBe(422);
    expect((await send('POST', `/notifications/unsubscribe?token=${encodeURIComponent(token)}`, { body: { token: forged } })).status).toBe(422);
    expect((await send('POST', `/notifications/unsubscribe?token=a&other=b`)).status).toBe(422);
    expect((await send('POST', '/notifications/unsubscribe', { raw: 'token=x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect(await send('GET', '/portal/notifications', { headers: dana.headers })).toMatchObject({ json: { frequency: 'instant' } });
    const client = createPortalClient({ baseUrl: BASE, fetch: (input, init) => handler(new Request(input, init)) });
    expect(await client.notifications.unsubscribe(token)).toEqual({ frequency: 'off' });
  });

  it('limits attempts per token', async () => {
    const { send } = setup();
    const token = `YWNtZQ.${'A'.repeat(43)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await send('POST', `/notifications/unsubscribe?token=${token}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
