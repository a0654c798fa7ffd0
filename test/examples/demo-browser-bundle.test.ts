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

/** Bundles and expects a fresh build (`cached: false`) or the cache's bytes (`cached: true`). */
async function bundleExpecting(options: Parameters<typeof browserBundle>[0], cached: boolean) {
  const bundle = await browserBundle(options);
  expect(bundle.cached).toBe(cached);
  return bundle;
}

/**
 * A `project()` built once and then served from its cache: a rebuild after a change is then
 * owed to the change, not to a cache that never held anything.
 */
async function cachedProject() {
  const p = project();
  await bundleExpecting(p, false);
  await bundleExpecting(p, true);
  return p;
}

describe("the demo's browser bundle cache", () => {
  it('builds the real demo pages once; the next start reads the same bytes from the cache', async () => {
    const cacheDir = join(tempDir(), 'browser-bundle');
    const first = await bundleExpecting({ root: repo, cacheDir }, false);
    expect([...first.assets.keys()].sort()).toEqual(['/assets/builder.js', '/assets/portal.js']);
    expect(text(first, '/assets/builder.js')).toContain('sg-client-list');
    const again = await bundleExpecting({ root: repo, cacheDir }, true);
    expect(again.assets).toEqual(first.assets);
  }, 60_000);

  it('rebuilds when a source changes, and serves the change', async () => {
    const p = await cachedProject();
    writeFileSync(join(p.publicDir, 'greeting.ts'), "export const greeting: string = 'hello from the second build';\n");
    const changed = await bundleExpecting(p, false);
    expect(text(changed, '/assets/builder.js')).toContain('hello from the second build');
    expect(text(changed, '/assets/portal.js')).toContain('hello from the second build');
    const again = await bundleExpecting(p, true);
    expect(text(again, '/assets/builder.js')).toContain('hello from the second build');
  }, 60_000);

  it('rebuilds when a file that steers resolution or compiling changes (package.json, tsconfig.json)', async () => {
    const p = await cachedProject();
    writeFileSync(join(p.root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { useDefineForClassFields: true } }));
    await bundleExpecting(p, false);
    await bundleExpecting(p, true);
    writeFileSync(join(p.root, 'package.json'), JSON.stringify({ name: 'bundle-fixture', type: 'module', sideEffects: false }));
    await bundleExpecting(p, false);
  }, 60_000);

  it('rebuilds when a file appears beside an input (it can change what an import finds)', async () => {
    const p = await cachedProject();
    // `./greeting.js` now names a real file, which esbuild takes over greeting.ts.
    writeFileSync(join(p.publicDir, 'greeting.js'), "export const greeting = 'hello from a new file';\n");
    const rebuilt = await bundleExpecting(p, false);
    expect(text(rebuilt, '/assets/builder.js')).toContain('hello from a new file');
  }, 60_000);

  it('rebuilds when the cached output was altered or the manifest is unreadable', async () => {
    const p = await cachedProject();
    const file = join(p.cacheDir, 'builder.js');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nalert('tampered');`);
    const rebuilt = await bundleExpecting(p, false);
    expect(text(rebuilt, '/assets/builder.js')).not.toContain('tampered');
    await bundleExpecting(p, true);
    writeFileSync(join(p.cacheDir, 'manifest.json'), '{ not json');
    await bundleExpecting(p, false);
    await bundleExpecting(p, true);
  }, 60_000);

  it('without a cache directory, always builds and writes nothing', async () => {
    const p = project();
    const { cacheDir, ...noCache } = p;
    await bundleExpecting(noCache, false);
    await bundleExpecting(noCache, false);
    expect(existsSync(cacheDir)).toBe(false);
  }, 60_000);
});
