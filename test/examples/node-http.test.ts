import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalClient } from 'sitegate/client';
import { start } from '../../examples/node-http/server.mjs';
import { inviteToken, runExample, testPasswords } from './support.js';

describe('examples/node-http', () => {
  let app: Awaited<ReturnType<typeof start>>;
  let api: string;

  beforeAll(async () => {
    app = await start({ port: 0, passwords: testPasswords });
    api = `${app.url}/api/portal`;
  });
  afterAll(() => app?.close());

  it('invites a client, who accepts the emailed link and sees only what was shared', async () => {
    const staff = createPortalClient({ baseUrl: api, headers: { authorization: 'Bearer sk_demo_alice' } });
    const added = await staff.clients.add({ email: 'dana@example.com', name: 'Dana', projectIds: ['p-maple'] });
    expect(added.status).toBe('invited');
    await staff.shares.share('p-maple', [{ module: 'documents', id: 'd-contracts', kind: 'folder' }]);

    await app.portal.outbox.flush();
    const email = app.mail.messages.at(-1)!;
    expect(email.to).toBe('dana@example.com');
    const token = inviteToken(email.text, `${app.url}/portal/accept`);

    const browser = createPortalClient({ baseUrl: api });
    expect(await browser.invites.inspect(token)).toMatchObject({ status: 'pending', tenantName: 'Acme Builders' });
    const { client } = await browser.invites.accept(token, { password: 'a long passphrase' });
    expect(client.status).toBe('active');

    const feed = await browser.view.feed('p-maple');
    expect(feed.modules.documents?.map((d) => d.id)).toEqual(['d-contracts']);
    const folder = await browser.view.open('p-maple', 'documents', 'd-contracts');
    expect(folder.children?.map((d) => d.name)).toEqual(['Building contract.pdf']);
    await expect(browser.view.open('p-maple', 'documents', 'd-budget')).rejects.toMatchObject({ code: 'not_found' });
    // The client's session is not a staff key.
    await expect(browser.clients.list()).rejects.toMatchObject({ status: 403 });
  });

  it('turns away a wrong staff key, and leaves the host its other routes', async () => {
    const intruder = createPortalClient({ baseUrl: api, headers: { authorization: 'Bearer sk_guessed' } });
    await expect(intruder.clients.list()).rejects.toMatchObject({ code: 'unauthenticated', status: 401 });
    const home = await fetch(`${app.url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('/api/portal');
    expect((await fetch(`${app.url}/elsewhere`)).status).toBe(404);
  });

  it('closes slow connections and tells browsers not to sniff', async () => {
    expect(app.server.headersTimeout).toBe(10_000);
    expect(app.server.requestTimeout).toBe(30_000);
    const response = await fetch(`${app.url}/api/portal/me`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('examples/node-http with plain node and the built package', () => {
  it('starts, prints its URL and answers a staff request', async () => {
    const run = await runExample('examples/node-http/server.mjs');
    try {
      const response = await fetch(`${run.url}/api/portal/projects`, { headers: { authorization: 'Bearer sk_demo_alice' } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual([expect.objectContaining({ id: 'p-maple', name: '12 Maple Street' })]);
    } finally {
      await run.stop();
    }
  });
});
