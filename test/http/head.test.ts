import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNodeListener } from 'sitegate/server';
import { asAlice, makeHttp, rawRequest } from './support.js';

/** The headers two answers should share: all but the request id, which is each request's own. */
const sameHeaders = (headers: Headers | Record<string, unknown>) => {
  const entries = headers instanceof Headers ? [...headers] : Object.entries(headers);
  return Object.fromEntries(entries.filter(([name]) => name !== 'x-request-id' && name !== 'date' && name !== 'connection' && name !== 'keep-alive'));
};

describe('HEAD', () => {
  it('is answered as the GET of its path, without the body', async () => {
    const http = makeHttp();
    const get = await http.handler(new Request('http://portal.test/api/portal/projects', { headers: asAlice }));
    const head = await http.handler(new Request('http://portal.test/api/portal/projects', { method: 'HEAD', headers: asAlice }));
    expect(head.status).toBe(200);
    expect(sameHeaders(head.headers)).toEqual(sameHeaders(get.headers));
    expect(head.headers.get('x-request-id')).toBeTruthy();
    expect(head.body).toBeNull();
    // A refusal too: the GET's status and headers.
    const missing = await http.handler(new Request('http://portal.test/api/portal/clients/nobody', { method: 'HEAD', headers: asAlice }));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(missing.body).toBeNull();
  });

  it('is refused where the GET records being asked: a probe is no client\'s view or visit', async () => {
    const http = makeHttp();
    const { client, headers } = await http.signedInClient();
    await http.send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'drawings', id: 'dr-a101', kind: 'item' }] }, headers: asAlice });
    for (const path of ['/portal/projects/p-maple/drawings/dr-a101', '/portal/projects/p-maple']) {
      const head = await http.send('HEAD', path, { headers });
      expect(head.status, path).toBe(405);
      expect(head.headers.get('allow'), path).toBe('GET');
    }
    expect((await http.send('GET', `/projects/p-maple/receipts?clientId=${client.id}`, { headers: asAlice })).json.items).toEqual([]);
    expect((await http.portal.outbox.events('acme')).filter((e) => e.type === 'client.viewed')).toEqual([]);
    // The GET records the view, as before.
    expect((await http.send('GET', '/portal/projects/p-maple/drawings/dr-a101', { headers })).status).toBe(200);
    expect((await http.send('GET', `/projects/p-maple/receipts?clientId=${client.id}`, { headers: asAlice })).json.items).toHaveLength(1);
  });

  it('is refused where no GET is, with the path\'s Allow', async () => {
    const http = makeHttp();
    const head = await http.send('HEAD', '/session');
    expect(head.status).toBe(405);
    expect(head.headers.get('allow')).toBe('POST, DELETE');
  });
});

describe('HEAD over toNodeListener', () => {
  const http = makeHttp();
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer(toNodeListener(http.handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/portal`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** The answer as it came off the socket: fetch would hide a body sent after a HEAD. */
  const raw = (method: string, path: string) => rawRequest(`${base}${path}`, method, asAlice);

  it('sends the GET\'s status and headers, its length included, and no body', async () => {
    const get = await raw('GET', '/projects');
    const head = await raw('HEAD', '/projects');
    expect(head.status).toBe(200);
    expect(sameHeaders(head.headers)).toEqual(sameHeaders(get.headers));
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(get.body));
    expect(head.body).toBe('');
    // The connection still serves the next request.
    expect((await raw('GET', '/projects')).status).toBe(200);
  });
});
