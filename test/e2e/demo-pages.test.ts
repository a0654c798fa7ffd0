import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../examples/demo/server.mjs';

/** The demo's pages over real HTTP: protective headers, the outbox and events behind the builder's sign-in, slow clients cut off. */
describe('the demo host pages', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  const dataDir = mkdtempSync(join(tmpdir(), 'sitegate-demo-pages-'));
  const timeouts = { headersMs: 1_000, requestMs: 2_000, checkIntervalMs: 200 };

  beforeAll(async () => {
    demo = await startDemo({ port: 0, dataDir, databaseUrl: '', smtpUrl: '', log: () => {}, timeouts });
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (path: string, cookie?: string) => fetch(`${demo.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  /** Signs in as the builder the way a browser does: by opening the builder page. */
  async function builderCookie(): Promise<string> {
    const response = await get('/builder');
    await response.arrayBuffer();
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^demo_staff=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    return cookie.split(';')[0]!;
  }

  it('sends a Content-Security-Policy without inline script, no framing, no referrer and nosniff on every page and file', async () => {
    const cookie = await builderCookie();
    for (const path of ['/', '/builder', '/portal', '/portal/accept', '/outbox', '/events', '/assets/demo.css', '/assets/builder.js', '/assets/portal.js', '/demo/content?projectId=maple-12', '/nowhere']) {
      for (const who of [undefined, cookie]) {
        const response = await get(path, who);
        await response.arrayBuffer();
        const csp = response.headers.get('content-security-policy') ?? '';
        const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
        expect(directives.get('script-src'), path).toEqual(["'self'"]);
        expect(directives.get('default-src'), path).toEqual(["'self'"]);
        expect(directives.get('frame-ancestors'), path).toEqual(["'none'"]);
        expect(directives.get('object-src'), path).toEqual(["'none'"]);
        expect(directives.get('base-uri'), path).toEqual(["'none'"]);
        expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
        expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      }
    }
    // No icon, and no 404 for the browser to log on every page.
    const icon = await get('/favicon.ico');
    await icon.arrayBuffer();
    expect(icon.status).toBe(204);
    const api = await get('/api/portal/me');
    expect(api.status).toBe(401);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves pages with no inline script or style', async () => {
    const cookie = await builderCookie();
    for (const path of ['/', '/builder', '/portal', '/outbox', '/events']) {
      const html = await (await get(path, cookie)).text();
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, path).toMatch(/\bsrc="\/assets\/[\w-]+\.js"/);
      expect(html, path).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
      expect(html, path).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    }
  });

  it('shows the outbox, with its working invite links, only to the signed-in builder', async () => {
    await demo.portal.clients.add({ type: 'staff', tenantId: 'acme', userId: 'demo-builder' }, { email: 'wren@example.com', projectIds: ['maple-12'] });
    await demo.portal.outbox.flush();
    for (const cookie of [undefined, 'demo_staff=1', `demo_staff=${'A'.repeat(43)}`]) {
      const response = await get('/outbox', cookie);
      expect(response.status, cookie).toBe(401);
      const html = await response.text();
      expect(html).toContain('for the builder only');
      expect(html).not.toContain('wren@example.com');
      expect(html).not.toContain('#token=');
      // The same forged cookies are no staff session for the API or the host's content either.
      expect((await get('/api/portal/clients', cookie)).status).toBe(401);
      expect((await get('/demo/content?projectId=maple-12', cookie)).status).toBe(401);
    }
    const signedIn = await get('/outbox', await builderCookie());
    expect(signedIn.status).toBe(200);
    const html = await signedIn.text();
    expect(html).toContain('wren@example.com');
    // When it was sent, as a reader scans it and whole (it never wraps mid-date at 390 px).
    expect(html).toMatch(/<span class="when"><time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC<\/time><\/span>/);
    const link = /class="invite-link" href="([^"]+)"/.exec(html)?.[1];
    expect(link).toMatch(new RegExp(`^${demo.url.replace(/[.]/g, '\\.')}/portal/accept#token=`));
  });

  it('shows reset and sign-in link emails in the outbox, linking to portal pages that serve', async () => {
    await demo.portal.passwords.requestReset({ tenantId: 'acme', email: 'dana@example.com' });
    await demo.portal.sessions.requestLink({ tenantId: 'acme', email: 'dana@example.com' });
    await demo.portal.outbox.flush();
    const html = await (await get('/outbox', await builderCookie())).text();
    const links = [...html.matchAll(/class="mail-link" href="([^"]+)">Open the ([\w -]+) link</g)].map((m) => [new URL(m[1]!.replace(/&amp;/g, '&')).pathname, m[2]]);
    expect(links).toEqual(expect.arrayContaining([['/portal/reset', 'password reset'], ['/portal/sign-in-link', 'sign-in']]));
    for (const path of ['/portal/reset', '/portal/sign-in-link', '/portal/confirm-email']) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).toContain('src="/assets/portal.js"');
    }
  });

  it('keeps no more at rest than the outbox page shows: no HTML part, readable by its owner only', async () => {
    await demo.portal.clients.add({ type: 'staff', tenantId: 'acme', userId: 'demo-builder' }, { email: 'yan@example.com', projectIds: ['maple-12'] });
    await demo.portal.outbox.flush();
    const file = join(dataDir, 'outbox.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
    expect(stored.length).toBeGreaterThan(0);
    for (const message of stored) expect(Object.keys(message).sort()).toEqual(['sentAt', 'subject', 'text', 'to']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('shows what the host heard, escaped, only to the signed-in builder, and keeps it owner-only at rest', async () => {
    const staff = { type: 'staff', tenantId: 'acme', userId: 'demo-builder' } as const;
    const zoe = await demo.portal.clients.add(staff, { email: 'zoe@example.com', projectIds: ['maple-12'], invite: false });
    await demo.portal.clients.revokeProject(staff, zoe.id, 'maple-12');
    // The seeded home owner is asked, then the builder withdraws with a reason that holds markup.
    const dana = (await demo.portal.clients.list(staff, { q: 'dana@example.com' })).items[0]!;
    const asked = await demo.portal.approvals.request(staff, 'maple-12', { module: 'changeOrders', id: 'maple-12-co-2', approvers: [dana.id] });
    await demo.portal.approvals.withdraw(staff, 'maple-12', asked.id, { reason: '<img src=x onerror=alert(1)>' });
    await demo.portal.outbox.flush();

    for (const cookie of [undefined, 'demo_staff=1']) {
      const response = await get('/events', cookie);
      expect(response.status, cookie).toBe(401);
      const html = await response.text();
      expect(html).toContain('for the builder only');
      expect(html).not.toContain(zoe.id);
    }
    const html = await (await get('/events', await builderCookie())).text();
    // Newest first: the withdrawal, its request, the revocation, and the seed's accepted invite.
    const heard = [...html.matchAll(/<h2><code>([\w.]+)<\/code>(?: · (\w+))?<\/h2>/g)].map((m) => [m[1], m[2]]);
    expect(heard.slice(0, 3)).toEqual([['approval.withdrawn', undefined], ['approval.requested', undefined], ['access.revoked', 'project_removed']]);
    expect(heard).toContainEqual(['invite.accepted', undefined]);
    expect(html).toContain(zoe.id);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');

    const file = join(dataDir, 'events.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { id: string; type: string }[];
    expect(new Set(stored.map((e) => e.id)).size).toBe(stored.length);
    expect(stored.map((e) => e.type)).toContain('access.revoked');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('starts with an unreadable events file set aside, and keeps the events it hears', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'sitegate-demo-events-'));
    try {
      // A demo stopped while writing an older file: half a list.
      writeFileSync(join(broken, 'events.json'), '[{"id":"ev_1","type":"invite.accepted"');
      const lines: string[] = [];
      const other = await startDemo({ port: 0, dataDir: broken, databaseUrl: '', smtpUrl: '', log: (line) => lines.push(line), timeouts });
      try {
        expect(readFileSync(join(broken, 'events.json.bad'), 'utf8')).toContain('ev_1');
        expect(lines.join('\n')).toContain('moved to');
        // The seed's accepted invites are heard, and written whole.
        await other.portal.outbox.flush();
        const stored = JSON.parse(readFileSync(join(broken, 'events.json'), 'utf8')) as { type: string }[];
        expect(stored.map((e) => e.type)).toContain('invite.accepted');
        expect(other.heard.events).toHaveLength(stored.length);
      } finally {
        await other.close();
      }
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  }, 120_000);

  /** Opens a raw connection, writes `head`, and resolves with what the server sent once it closed the socket. */
  function slowClient(head: string): Promise<{ closedAfterMs: number; answer: string }> {
    const url = new URL(demo.url);
    return new Promise((resolve, reject) => {
      const started = Date.now();
      let answer = '';
      const socket = connect(Number(url.port), url.hostname, () => socket.write(head));
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('error', reject);
      socket.on('close', () => resolve({ closedAfterMs: Date.now() - started, answer }));
      setTimeout(() => {
        socket.destroy();
        reject(new Error('the server kept a slow connection open for 15 s'));
      }, 15_000);
    });
  }

  it('closes a connection whose body never finishes arriving (requestTimeout)', async () => {
    const { closedAfterMs, answer } = await slowClient(
      'POST /api/portal/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"tenantId":',
    );
    expect(closedAfterMs).toBeGreaterThanOrEqual(timeouts.requestMs - 100);
    expect(closedAfterMs).toBeLessThan(10_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection whose headers never finish arriving (headersTimeout)', async () => {
    const { closedAfterMs } = await slowClient('GET /portal HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    expect(closedAfterMs).toBeGreaterThanOrEqual(timeouts.headersMs - 100);
    expect(closedAfterMs).toBeLessThan(10_000);
  });
});
