import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../examples/demo/content.mjs';
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

  it('links only to files the demo itself serves, and each one answers with its type', async () => {
    const links = [...new Set((demoContent().resources as { url?: string; meta?: Record<string, unknown> }[]).flatMap(linksOf))];
    expect(links.length).toBeGreaterThan(40);
    for (const link of links) {
      expect(link, 'a relative link to the demo').toMatch(/^\/demo\//);
      const response = await fetch(new URL(link, demo.url));
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

  it('escapes a file name into the picture and answers 404 for anything else', async () => {
    const svg = await (await fetch(new URL(`/demo/files/${encodeURIComponent('<script>x</script>.jpg')}`, demo.url))).text();
    expect(svg).not.toContain('<script>');
    for (const path of ['/demo/files/', '/demo/files/a%2Fb.pdf', '/demo/files/%E0%A4%A.pdf', '/demo/elsewhere']) {
      const response = await fetch(new URL(path, demo.url));
      await response.arrayBuffer();
      expect(response.status, path).toBe(404);
    }
  });
});
