import { describe, expect, it } from 'vitest';
import { createPortalClient } from 'sitegate/client';

/**
 * A call that answers no data (202, 204) still reads the response to its end: a body left
 * unread is cancelled when the response is collected, which a browser logs as a failed request
 * (`net::ERR_ABORTED`) although the call succeeded, and which holds the connection until then.
 */
describe('createPortalClient: answers without data', () => {
  function answering(status: number, chunks: string[]): { fetch: typeof fetch; finished: () => boolean } {
    let finished = false;
    const fetchStub = (async () => {
      let next = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (next < chunks.length) controller.enqueue(new TextEncoder().encode(chunks[next++]));
          else {
            finished = true;
            controller.close();
          }
        },
      });
      return new Response(status === 204 ? null : body, { status });
    }) as typeof fetch;
    return { fetch: fetchStub, finished: () => finished };
  }

  it('reads a 202 to its end before the call resolves', async () => {
    const server = answering(202, ['', '']);
    const client = createPortalClient({ baseUrl: 'http://127.0.0.1:9/api/portal', fetch: server.fetch, retries: 0 });
    await expect(client.passwords.requestReset({ tenantId: 'acme', email: 'dana@example.com' })).resolves.toBeUndefined();
    expect(server.finished()).toBe(true);
  });

  it('resolves a 204 with no body at all', async () => {
    const server = answering(204, []);
    const client = createPortalClient({ baseUrl: 'http://127.0.0.1:9/api/portal', fetch: server.fetch, retries: 0 });
    await expect(client.sessions.signOut()).resolves.toBeUndefined();
  });
});
