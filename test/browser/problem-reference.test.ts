import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import { problemMessage, type SgConfirmEmail } from '../../components/index.js';
import { en } from '../../components/i18n/en.js';
import { fr } from '../../components/i18n/fr.js';
import { createPortalClient } from '../../src/client/index.js';
import { $, until } from './support/helpers.js';

/**
 * A server fault (a 5xx but `busy`) ends with the id it was answered under, exactly as it came,
 * for a person to quote to support; what a person can fix or wait out does not.
 */

const ID = '3f2a9c0e5b7d41a8a6e2c4f1b0d9e8c7';
const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, detail: 'Server words.', requestId: ID, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json', 'x-request-id': ID },
  });

/** The error the api client rejects with when the server answers `answer()`. */
function failing(answer: () => Response | Promise<Response>) {
  return createPortalClient({ baseUrl: 'https://portal.test/api/portal', fetch: async () => answer(), retries: 0 });
}
const errorOf = (answer: () => Response | Promise<Response>) =>
  failing(answer).sessions.signIn({ tenantId: 'acme', email: 'dana@example.com', password: 'secret' }).then(
    () => expect.fail('resolved'),
    (error: unknown) => error,
  );

describe('problemMessage: a reference for server faults', () => {
  it('adds the request id to a 500, a storage failure and a mail failure, in English and French', async () => {
    expect(problemMessage(await errorOf(() => problem(500, 'internal')), en)).to.equal(`Something went wrong on the server. Please try again. Reference: ${ID}`);
    expect(problemMessage(await errorOf(() => problem(500, 'internal')), fr)).to.equal(`${fr.error_internal} Référence\u00a0: ${ID}`);
    expect(problemMessage(await errorOf(() => problem(503, 'storage_failed', { retryAfterSeconds: 1 })), en)).to.equal(`${en.error_storage_failed} Reference: ${ID}`);
    expect(problemMessage(await errorOf(() => problem(502, 'mail_failed')), en)).to.equal(`${en.error_mail_failed} Reference: ${ID}`);
  });

  it('shows a proxy’s id as it came, on its own error page', async () => {
    const id = 'edge-7:Root=1-65f/ab+c=d@lb.example';
    const error = await errorOf(() => new Response('<h1>Bad gateway</h1>', { status: 502, headers: { 'x-request-id': id } }));
    expect(problemMessage(error, en)).to.equal(`${en.error_internal} Reference: ${id}`);
  });

  it('adds nothing to what a person can fix or wait out, to a network failure, or without an id', async () => {
    for (const [status, code] of [[503, 'busy'], [429, 'rate_limited'], [409, 'conflict'], [422, 'validation_failed'], [401, 'invalid_credentials']] as const) {
      expect(problemMessage(await errorOf(() => problem(status, code)), en), code).not.to.contain('Reference');
    }
    expect(problemMessage(await errorOf(() => Promise.reject(new TypeError('Failed to fetch'))), en)).to.equal(en.error_network);
    expect(problemMessage(await errorOf(() => new Response('oops', { status: 500 })), en)).to.equal(en.error_internal);
  });

  it('shows in an element, as text', async () => {
    const id = 'edge-7:Root=1-65f/ab+c=d@lb.example';
    const client = createPortalClient({ baseUrl: 'https://portal.test/api/portal', retries: 0, fetch: async () => new Response('', { status: 500, headers: { 'x-request-id': id } }) });
    const el = await fixture<SgConfirmEmail>(html`<sg-confirm-email token="t1" .client=${client}></sg-confirm-email>`);
    const alert = await until(() => $(el, '.notice.error[role=alert]'));
    expect(alert.textContent!.trim()).to.equal(`${en.error_internal} Reference: ${id}`);
  });

  it('leaves out an id in no shape the server gives (markup, words, a long one) that something in between answered with', async () => {
    for (const id of ['<img src=x onerror=alert(1)>', 'Call 555-0100 for a refund', 'x'.repeat(129)]) {
      const error = await errorOf(() => new Response('', { status: 500, headers: { 'x-request-id': id } }));
      expect(problemMessage(error, en), id).to.equal(en.error_internal);
    }
    const client = createPortalClient({ baseUrl: 'https://portal.test/api/portal', retries: 0, fetch: async () => new Response('', { status: 500, headers: { 'x-request-id': '<img src=x onerror=alert(1)>' } }) });
    const el = await fixture<SgConfirmEmail>(html`<sg-confirm-email token="t1" .client=${client}></sg-confirm-email>`);
    const alert = await until(() => $(el, '.notice.error[role=alert]'));
    expect(alert.textContent!.trim()).to.equal(en.error_internal);
    expect(alert.querySelector('img')).to.equal(null);
  });
});
