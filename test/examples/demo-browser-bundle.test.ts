import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { browserBundle } from '../../examples/demo/browser-bundle.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitegate-browser-bundle-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A small tree of its own: two entry points importing a shared module, a package.json and a tsconfig.json. */
function project() {
  const root = tempDir();
  mkdirSync(join(root, 'public'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'bundle-fixture', type: 'module' }));
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { useDefineForClassFields: false } }));
  writeFileSync(join(root, 'public/greeting.ts'), "export const greeting: string = 'hello from the first build';\n");
  writeFileSync(join(root, 'public/builder.ts'), "import { greeting } from './greeting.js';\nconsole.log('builder', greeting);\n");
  writeFileSync(join(root, 'public/portal.ts'), "import { greeting } from './greeting.js';\nconsole.log('portal', greeting);\n");
  return { root, publicDir: join(root, 'public'), cacheDir: join(tempDir(), 'browser-bundle') };
}

const text = (bundle: { assets: Map<string, Buffer> }, path: string) => bundle.assets.get(path)?.toString('utf8') ?? '';

describe("the demo's browser bundle cache", () => {
  it('builds the real demo pages once; the next start reads the same bytes from the cache', async () => {
    const cacheDir = join(tempDir(), 'browser-bundle');
    const first = await browserBundle({ root: repo, cacheDir });
    expect(first.cached).toBe(false);
    expect([...first.assets.keys()].sort()).toEqual(['/assets/builder.js', '/assets/portal.js']);
    expect(text(first, '/assets/builder.js')).toContain('sg-client-list');
    const again = await browserBundle({ root: repo, cacheDir });
    expect(again.cached).toBe(true);
    expect(again.assets).toEqual(first.assets);
  }, 60_000);

  it('rebuilds when a source changes, and serves the change', async () => {
    const p = project();
    expect((await browserBundle(p)).cached).toBe(false);
    expect((await browserBundle(p)).cached).toBe(true);
    writeFileSync(join(p.publicDir, 'greeting.ts'), "export const greeting: string = 'hello from the second build';\n");
    const changed = await browserBundle(p);
    expect(changed.cached).toBe(false);
    expect(text(changed, '/assets/builder.js')).toContain('hello from the second build');
    expect(text(changed, '/assets/portal.js')).toContain('hello from the second build');
    const again = await browserBundle(p);
    expect(again.cached).toBe(true);
    expect(text(again, '/assets/builder.js')).toContain('hello from the second build');
  }, 60_000);

  it('rebuilds when a file that steers resolution or compiling changes (package.json, tsconfig.json)', async () => {
    const p = project();
    await browserBundle(p);
    writeFileSync(join(p.root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { useDefineForClassFields: true } }));
    expect((await browserBundle(p)).cached).toBe(false);
    expect((await browserBundle(p)).cached).toBe(true);
    writeFileSync(join(p.root, 'package.json'), JSON.stringify({ name: 'bundle-fixture', type: 'module', sideEffects: false }));
    expect((await browserBundle(p)).cached).toBe(false);
  }, 60_000);

  it('rebuilds when a file appears beside an input (it can change what an import finds)', async () => {
    const p = project();
    await browserBundle(p);
    // `./greeting.js` now names a real file, which esbuild takes over greeting.ts.
    writeFileSync(join(p.publicDir, 'greeting.js'), "export const greeting = 'hello from a new file';\n");
    const rebuilt = await browserBundle(p);
    expect(rebuilt.cached).toBe(false);
    expect(text(rebuilt, '/assets/builder.js')).toContain('hello from a new file');
  }, 60_000);

  it('rebuilds when the cached output was altered or the manifest is unreadable', async () => {
    const p = project();
    await browserBundle(p);
    const file = join(p.cacheDir, 'builder.js');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nalert('tampered');`);
    const rebuilt = await browserBundle(p);
    expect(rebuilt.cached).toBe(false);
    expect(text(rebuilt, '/assets/builder.js')).not.toContain('tampered');
    expect((await browserBundle(p)).cached).toBe(true);
    writeFileSync(join(p.cacheDir, 'manifest.json'), '{ not json');
    expect((await browserBundle(p)).cached).toBe(false);
    expect((await browserBundle(p)).cached).toBe(true);
  }, 60_000);

  it('without a cache directory, always builds and writes nothing', async () => {
    const p = project();
    const { cacheDir, ...noCache } = p;
    expect((await browserBundle(noCache)).cached).toBe(false);
    expect((await browserBundle(noCache)).cached).toBe(false);
    expect(existsSync(cacheDir)).toBe(false);
  }, 60_000);
});
