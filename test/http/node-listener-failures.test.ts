import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toNodeListener } from 'sitegate/server';
import { asAlice, makeHttp } from './support.js';

/**
 * What `toNodeListener` does, without Express's `next`, with a failure the handler did not
 * answer itself: reported as the handler reports its own, and answered as it answers one.
 */
describe('toNodeListener with a failure outside the handler', () => {
  let server: Server | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function serve(listener: RequestListener): Promise<string> {
    server = createServer(listener);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/portal`;
  }

  /** The 500 every such failure gets: the handler's own problem, under a request id, never cached. */
  async function expectInternalProblem(response: Response): Promise<string> {
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(await response.json()).toEqual({
      type: 'urn:sitegate:problem:internal',
      title: 'Internal error',
      status: 500,
      code: 'internal',
      detail: 'Something went wrong on our side. Try again later.',
      requestId,
    });
    return requestId!;
  }

  it('reports to console.error, under the request id, what a function around the handler threw', async () => {
    const http = makeHttp();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const bug = new Error('host wrapper bug: postgres://user:secret@db');
    const base = await serve(
      toNodeListener(async (request) => {
        if (request.headers.has('x-bad')) throw bug;
        return http.handler(request);
      }),
    );
    const response = await fetch(`${base}/projects`, { headers: { ...asAlice, 'x-bad': '1' } });
    const requestId = await expectInternalProblem(response);
    // Its words go to the log only: the answer is the fixed problem above.
    expect(logged.mock.calls).toEqual([[`sitegate: request ${requestId} failed`, bug]]);
  });

  it('reports to the handler\'s onError when it is the portal handler itself', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const reports: { error: unknown; requestId: string; url: string }[] = [];
    const { handler } = makeHttp({ onError: (error, request, { requestId }) => reports.push({ error, requestId, url: request.url }) });
    const listener = toNodeListener(handler);
    // A host's middleware before the listener that sets a header no fetch `Headers` may hold.
    const base = await serve((req: IncomingMessage, res) => {
      req.headers['x-user'] = 'line\nbreak';
      listener(req, res);
    });
    const requestId = await expectInternalProblem(await fetch(`${base}/projects`, { headers: asAlice }));
    expect(reports).toEqual([{ error: expect.any(TypeError), requestId, url: `${base}/projects` }]);
    expect(logged).not.toHaveBeenCalled();
  });
});
