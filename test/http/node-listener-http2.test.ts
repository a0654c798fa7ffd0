import { connect, createServer, type ClientHttp2Session, type Http2Server, type OutgoingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNodeListener } from 'sitegate/server';
import { asAlice, makeHttp } from './support.js';

describe('toNodeListener on node:http2', () => {
  const http = makeHttp();
  let server: Http2Server;
  let session: ClientHttp2Session;
  let origin: string;

  beforeAll(async () => {
    server = createServer(toNodeListener(http.handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    session = connect(origin);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => session.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** One request on the session: HTTP/2 names the method, path and host in pseudo-headers alone. */
  function send(method: string, path: string, headers: OutgoingHttpHeaders = {}, body?: string): Promise<{ status: number; headers: OutgoingHttpHeaders; text: string }> {
    return new Promise((resolve, reject) => {
      const stream = session.request({ ':method': method, ':path': `/api/portal${path}`, ...headers }, { endStream: body === undefined });
      let answer: OutgoingHttpHeaders = {};
      let text = '';
      stream.setEncoding('utf8');
      stream.on('response', (received) => (answer = received));
      stream.on('data', (chunk: string) => (text += chunk));
      stream.on('end', () => resolve({ status: Number(answer[':status']), headers: answer, text }));
      stream.on('error', reject);
      if (body !== undefined) stream.end(body);
    });
  }

  it('answers a GET, a HEAD and a write with a body', async () => {
    const listed = await send('GET', '/projects', asAlice);
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.text)).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'p-maple' })]));
    const head = await send('HEAD', '/projects', asAlice);
    expect(head).toMatchObject({ status: 200, text: '', headers: { 'content-length': String(Buffer.byteLength(listed.text)) } });
    const added = await send('POST', '/clients', { ...asAlice, 'content-type': 'application/json' }, JSON.stringify({ email: 'h2@example.com', projectIds: ['p-maple'] }));
    expect(added.status).toBe(201);
    expect(JSON.parse(added.text)).toMatchObject({ email: 'h2@example.com' });
    expect(http.errors).toEqual([]);
  });

  it('reads the host from :authority, so a cookie-carrying write from the page\'s own origin passes', async () => {
    const write = await send('POST', '/clients', { ...asAlice, cookie: 'host_session=1', origin, 'content-type': 'application/json' }, JSON.stringify({ email: 'own-origin@example.com', projectIds: ['p-maple'] }));
    expect(write.status).toBe(201);
    const elsewhere = await send('POST', '/clients', { ...asAlice, cookie: 'host_session=1', origin: 'http://evil.example', 'content-type': 'application/json' }, JSON.stringify({ email: 'evil@example.com', projectIds: ['p-maple'] }));
    expect(elsewhere.status).toBe(403);
  });
});
