import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../examples/demo/content.mjs';
import { DEMO_CLIENT } from '../../examples/demo/seed.mjs';
import { startDemo } from '../../examples/demo/server.mjs';

/** Every link of the demo's content, the way the portal finds them: the resource, and in `meta`. */
function linksOf(resource: { url?: string; meta?: Record<string, unknown> }): string[] {
  const meta = resource.meta ?? {};
  const nested = [...((meta.revisions as { url?: string }[] | undefined) ?? []), ...((meta.photos as { url?: string }[] | undefined) ?? [])];
  return [resource.url, meta.pdfUrl, meta.payUrl, ...nested.map((n) => n.url)].filter((u): u is string => typeof u === 'string');
}

/** The demo serves its own sample files: every thumbnail, drawing, document and "Pay" link opens offline. */
describe('the demo content opens', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  const dataDir = mkdtempSync(join(tmpdir(), 'sitegate-demo-files-'));
  beforeAll(async () => {
    demo = await startDemo({ port: 0, dataDir, databaseUrl: '', smtpUrl: '', log: () => {} });
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The builder's cookie, as a browser gets it by opening the builder page. */
  async function builderCookie(): Promise<string> {
    const response = await fetch(new URL('/builder', demo.url));
    await response.arrayBuffer();
    return response.headers.get('set-cookie')!.split(';')[0]!;
  }

  it('links only to files the demo itself serves, and each one answers the builder with its type', async () => {
    const links = [...new Set((demoContent().resources as { url?: string; meta?: Record<string, unknown> }[]).flatMap(linksOf))];
    expect(links.length).toBeGreaterThan(40);
    const cookie = await builderCookie();
    for (const link of links) {
      expect(link, 'a relative link to the demo').toMatch(/^\/demo\//);
      const response = await fetch(new URL(link, demo.url), { headers: { cookie } });
      const body = Buffer.from(await response.arrayBuffer());
      expect(response.status, link).toBe(200);
      expect(body.byteLength, link).toBeLessThan(8_000);
      const type = response.headers.get('content-type') ?? '';
      if (link.endsWith('.pdf')) {
        expect(type).toBe('application/pdf');
        expect(body.subarray(0, 8).toString()).toBe('%PDF-1.4');
        expect(body.toString()).toMatch(/startxref\n\d+\n%%EOF\n$/);
      } else if (/\.(jpe?g|svg)$/.test(link)) {
        expect(type).toBe('image/svg+xml');
        expect(body.toString()).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      } else if (link.startsWith('/demo/pay/')) {
        expect(type, link).toMatch(/^text\/html/);
      } else {
        expect(type, link).toMatch(/^text\/plain/);
      }
      expect(response.headers.get('content-security-policy'), link).toContain("script-src 'self'");
    }
  });

  it('serves a client only the files of what it may read, asked afresh on every request', async () => {
    const signIn = await fetch(new URL('/api/portal/session', demo.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: demo.url },
      body: JSON.stringify({ tenantId: 'acme', email: DEMO_CLIENT.email, password: DEMO_CLIENT.password }),
    });
    expect(signIn.status).toBe(201);
    const session = signIn.headers.get('set-cookie')!;
    // Scoped to the whole site (`cookie.path: '/'`), so the browser sends it to the file route too.
    expect(session).toMatch(/; Path=\/;/);
    const client = { cookie: session.split(';')[0]! };
    const status = async (link: string, headers: Record<string, string> = {}) => {
      const response = await fetch(new URL(link, demo.url), { headers });
      await response.arrayBuffer();
      return response.status;
    };
    // Seeded shares: the contracts folder and drawing A-101 (its revisions too), the foundation album.
    const shared = ['/demo/files/maple-12-contract.pdf', '/demo/files/maple-12-a101-c.svg', '/demo/files/maple-12-a101-a.svg', '/demo/files/maple-12-1.jpg'];
    for (const link of shared) expect(await status(link, client), link).toBe(200);
    for (const link of shared) expect(await status(link), `${link} without a session`).toBe(404);
    // Never shared: the builder's internal budget, drawing E-101, a file no resource links to.
    for (const link of ['/demo/files/maple-12-budget.xlsx', '/demo/files/maple-12-e101-a.svg', '/demo/files/made-up.pdf']) {
      expect(await status(link, client), link).toBe(404);
    }
    const drawing = { projectId: 'maple-12', module: 'drawings', id: 'maple-12-a101' } as const;
    const staff = { type: 'staff', tenantId: 'acme', userId: 'u-check' } as const;
    const share = (await demo.portal.shares.list(staff, 'maple-12')).items.find((s) => s.module === drawing.module && s.resourceId === drawing.id)!;
    await demo.portal.shares.unshare(staff, 'maple-12', share.id);
    expect(await status('/demo/files/maple-12-a101-c.svg', client)).toBe(404);
    expect(await status('/demo/files/maple-12-a101-c.svg', { cookie: await builderCookie() })).toBe(200);
  });

  it('answers a file the visitor may not open with a page in the chosen language that leads back to the portal', async () => {
    const page = async (path: string, cookie = '') => {
      const response = await fetch(new URL(path, demo.url), { headers: cookie ? { cookie } : {} });
      return { status: response.status, type: response.headers.get('content-type') ?? '', csp: response.headers.get('content-security-policy') ?? '', body: await response.text() };
    };
    const english = await page('/demo/files/maple-12-contract.pdf');
    expect(english.status).toBe(404);
    expect(english.type).toMatch(/^text\/html/);
    expect(english.csp).toContain("script-src 'self'");
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('This file is no longer available');
    expect(english.body).toContain('<a href="/portal">Back to the client portal</a>');
    expect(english.body).toContain('maple-12-contract.pdf');

    const french = await page('/demo/files/maple-12-contract.pdf', 'sitegate_demo_lang=fr');
    expect(french.status).toBe(404);
    expect(french.body).toContain('<html lang="fr">');
    expect(french.body).toContain('Ce fichier n’est plus disponible');
    expect(french.body).toContain('Retour au portail client');

    // The name in the address is shown as text, never as markup.
    const hostile = await page(`/demo/files/${encodeURIComponent('<img src=x onerror=alert(1)>.pdf')}`);
    expect(hostile.status).toBe(404);
    expect(hostile.body).not.toContain('<img');
    expect(hostile.body).toContain('&#60;img src=x onerror=alert(1)&#62;.pdf');
  });

  it('escapes a file name into the picture and answers 404 for anything else', async () => {
    const cookie = await builderCookie();
    const svg = await (await fetch(new URL(`/demo/files/${encodeURIComponent('<script>x</script>.jpg')}`, demo.url), { headers: { cookie } })).text();
    expect(svg).not.toContain('<script>');
    for (const path of ['/demo/files/', '/demo/files/a%2Fb.pdf', '/demo/files/%E0%A4%A.pdf', '/demo/elsewhere']) {
      const response = await fetch(new URL(path, demo.url), { headers: { cookie } });
      await response.arrayBuffer();
      expect(response.status, path).toBe(404);
    }
  });
});
