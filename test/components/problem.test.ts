import { describe, expect, it } from 'vitest';
import { createPortalClient } from 'sitegate/client';
import { en } from '../../components/i18n/en.js';
import { fr } from '../../components/i18n/fr.js';
import { problemMessage } from '../../components/util/problem.js';
import { ERROR_CODES } from '../../src/errors/codes.js';
import { busy, SitegateError } from '../../src/errors/index.js';

/**
 * What a person reads for an error, in every language: a request that got no answer says to
 * check the connection, a known code its own words (never the server's English), a busy server
 * how long to wait.
 */

/** The error the api client rejects with when `fetch` does what `respond` says. */
async function clientError(respond: typeof fetch, timeout?: number): Promise<unknown> {
  const client = createPortalClient({ baseUrl: 'https://portal.test/api/portal', fetch: respond, retries: 0, ...(timeout ? { timeout } : {}) });
  return client.sessions.signIn({ tenantId: 'acme', email: 'dana@example.com', password: 'secret' }).then(
    () => expect.fail('resolved'),
    (error: unknown) => error,
  );
}

const wrapped = (cause: unknown) => new SitegateError('The portal could not be reached: …', { code: 'internal', cause });

describe('problemMessage', () => {
  it('says "check your connection" for a fetch that failed, in English and French', async () => {
    const error = await clientError(() => Promise.reject(new TypeError('Failed to fetch')));
    expect((error as { code?: unknown }).code).to.equal('internal');
    expect(problemMessage(error, en)).toBe(en.error_network);
    expect(problemMessage(error, fr)).toBe(fr.error_network);
  });

  it('says the same for a timeout: ky’s TimeoutError, and a DOMException TimeoutError or AbortError', async () => {
    const hang: typeof fetch = (input) => new Promise((_, reject) => (input as Request).signal.addEventListener('abort', () => reject((input as Request).signal.reason)));
    const timedOut = await clientError(hang, 20);
    expect((timedOut as { cause?: { name?: unknown } }).cause?.name).toBe('TimeoutError');
    expect(problemMessage(timedOut, en)).toBe(en.error_network);
    expect(problemMessage(wrapped(new DOMException('signal timed out', 'TimeoutError')), fr)).toBe(fr.error_network);
    expect(problemMessage(wrapped(new DOMException('aborted', 'AbortError')), en)).toBe(en.error_network);
    expect(problemMessage(new TypeError('Failed to fetch'), en)).toBe(en.error_network);
  });

  it('keeps a server fault a server fault: a 500, or an answer that is not JSON', async () => {
    const failed = await clientError(async () => new Response('oops', { status: 500 }));
    expect(problemMessage(failed, en)).toBe(en.error_internal);
    expect(problemMessage(wrapped(new SyntaxError('Unexpected token')), en)).toBe(en.error_internal);
    expect(problemMessage(new SitegateError('The portal could not be reached', { code: 'internal' }), en)).toBe(en.error_internal);
  });

  it('says how long a busy server asks to wait, in the page’s language', async () => {
    expect(problemMessage(busy(3), en)).toBe('The server is busy. Try again in 3 seconds.');
    expect(problemMessage(busy(1), en)).toBe('The server is busy. Try again in 1 second.');
    expect(problemMessage(busy(3), fr)).toBe('Le serveur est occupé. Réessayez dans 3\u00a0secondes.');
    expect(problemMessage({ code: 'busy', message: 'The server is busy. Try again shortly.' }, fr)).toBe(fr.error_busy);
    // As the api client rebuilds it from a 503 problem response.
    const answered = await clientError(
      async () =>
        new Response(JSON.stringify({ type: 'about:blank', title: 'Busy', status: 503, code: 'busy', detail: 'Too many sign-ins are being checked right now. Try again in 2 seconds.', retryAfterSeconds: 2 }), {
          status: 503,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '2' },
        }),
    );
    expect(problemMessage(answered, fr)).toBe('Le serveur est occupé. Réessayez dans 2\u00a0secondes.');
  });

  it('has words of its own for every code of the catalogue: the server’s message never shows', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      expect(en[`error_${code}` as keyof typeof en], `en: error_${code}`).toBeTypeOf('string');
      expect(fr[`error_${code}` as keyof typeof fr], `fr: error_${code}`).toBeTypeOf('string');
      const error = { code, message: 'SERVER WORDS' };
      expect(problemMessage(error, en), code).not.toBe('SERVER WORDS');
      expect(problemMessage(error, fr), code).not.toBe('SERVER WORDS');
    }
    // A code newer than these elements still shows what the server said.
    expect(problemMessage({ code: 'from_the_future', message: 'Words from a newer server.' }, en)).toBe('Words from a newer server.');
  });
});
