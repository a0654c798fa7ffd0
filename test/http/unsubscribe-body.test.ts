import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalHandler, toNodeListener } from 'sitegate/server';
import { makePortal } from '../support/make-portal.js';
import { testStaffHook } from './support.js';

/**
 * A body that never ends: a route that reads it whole before checking its size never answers.
 * `sent` counts the bytes handed over, to show the reading stopped near the limit.
 */
function endlessBody(): { body: ReadableStream<Uint8Array>; sent: () => number } {
  const piece = new TextEncoder().encode(`List-Unsubscribe=One-Click&pad=${'x'.repeat(16_000)}`);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(stream) {
      sent += piece.byteLength;
      stream.enqueue(piece);
    },
  });
  return { body, sent: () => sent };
}

const TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain'];

/** Bytes that are no UTF-8. */
const NOT_UTF8 = new Uint8Array([0x4c, 0xff, 0xfe]);

/** A one-click POST with a (forged) token in the query and `body` of `type`, to a fresh portal's handler. */
function unsubscribeWith(type: string, body: BodyInit): Promise<Response> {
  const { portal } = makePortal();
  const handler = createPortalHandler(portal, { basePath: '/api/portal', authenticateStaff: testStaffHook });
  return handler(new Request('https://portal.example/api/portal/notifications/unsubscribe?token=x', { method: 'POST', headers: { 'content-type': type }, body }));
}

describe('the public unsubscribe route reads at most a small body', () => {
  it('refuses a never-ending body of each type it reads with 413, as it streams in (fetch handler)', async () => {
    const { portal } = makePortal();
    const handler = createPortalHandler(portal, { basePath: '/api/portal', authenticateStaff: testStaffHook });
    for (const type of TYPES) {
      const { body, sent } = endlessBody();
      const request = new Request('https://portal.example/api/portal/notifications/unsubscribe?token=x', {
        method: 'POST',
        headers: { 'content-type': type },
        body,
        duplex: 'half',
      } as RequestInit);
      const response = await handler(request);
      expect(response.status, type).toBe(413);
      expect(await response.json(), type).toMatchObject({ code: 'payload_too_large', detail: expect.stringContaining('4096 bytes') });
      // Stopped within a few pieces of the 4 KiB limit, not at the end of what was offered.
      expect(sent(), type).toBeLessThan(200_000);
    }
  });

  describe('over a real socket (toNodeListener)', () => {
    const { portal } = makePortal();
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createServer(toNodeListener(createPortalHandler(portal, { basePath: '/api/portal', authenticateStaff: testStaffHook })));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/portal`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('answers a chunked, never-ending body with 413 and keeps serving', async () => {
      for (const type of TYPES) {
        const { body } = endlessBody();
        const response = await fetch(`${base}/notifications/unsubscribe?token=x`, { method: 'POST', headers: { 'content-type': type }, body, duplex: 'half' } as RequestInit);
        expect(response.status, type).toBe(413);
        expect((await response.json()).code, type).toBe('payload_too_large');
      }
      // A small one-click POST is still read: a forged token is a 404, not a size refusal.
      const oneClick = await fetch(`${base}/notifications/unsubscribe?token=x`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(oneClick.status).toBe(404);
    });
  });

  it('leaves aside a body of another type whatever its bytes: the token in the query is used', async () => {
    const response = await unsubscribeWith('application/octet-stream', NOT_UTF8);
    // Read and left aside: the forged token is what answers, not the body.
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'link_invalid' });
  });

  it('refuses a form body that is not UTF-8 with a 400 saying so', async () => {
    const response = await unsubscribeWith('application/x-www-form-urlencoded', NOT_UTF8);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ detail: 'The request body is not valid UTF-8.' });
  });
});
