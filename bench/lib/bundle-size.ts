import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { cssTemplatesPlugin } from '../../build/css-templates.mjs';

/** A browser entry: what a page would import, written as module source. */
export interface BrowserEntry {
  name: string;
  contents: string;
}

const posix = (path: string) => path.split('\\').join('/');

/** Every `sg-*` element, found by the `defineElement('sg-…', …)` call that registers it: tag → that file. */
export function elementFiles(root: string): Map<string, string> {
  const found = new Map<string, string>();
  const dir = join(root, 'components');
  for (const sub of readdirSync(dir, { withFileTypes: true })) {
    if (!sub.isDirectory()) continue;
    for (const file of readdirSync(join(dir, sub.name))) {
      if (!file.endsWith('.ts') || file.endsWith('.styles.ts')) continue;
      const match = /defineElement\('(sg-[a-z-]+)'/.exec(readFileSync(join(dir, sub.name, file), 'utf8'));
      if (match) found.set(match[1]!, `./${posix(relative(root, join(dir, sub.name, file)))}`);
    }
  }
  return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
}

/** The page scenarios with a size target, by name (see `browserEntries`). */
export const ALL_ELEMENTS = 'sitegate/components (all elements)';
export const SHARE_BUTTON_PAGE = '<sg-share-button> + <sg-portal-provider>';

/**
 * The package's browser entries as a page imports them. An element's registration file imports
 * its class and registers it, so importing that file is the honest measure; `export *` keeps a
 * whole API entry.
 */
export function browserEntries(root: string): BrowserEntry[] {
  const elements = elementFiles(root);
  const file = (tag: string) => elements.get(tag) ?? `./components/missing/${tag}.ts`;
  return [
    { name: ALL_ELEMENTS, contents: `import './components/index.ts';` },
    { name: SHARE_BUTTON_PAGE, contents: `import '${file('sg-share-button')}'; import '${file('sg-portal-provider')}';` },
    ...[...elements].map(([tag, path]) => ({ name: `<${tag}> alone`, contents: `import '${path}';` })),
    { name: 'sitegate/client', contents: `export * from './src/client/index.ts';` },
    { name: 'sitegate (core)', contents: `export * from './src/index.ts';` },
  ];
}

/** What the dependencies alone cost, the floor each entry is compared against. */
export const FLOORS: Record<string, BrowserEntry> = {
  element: {
    name: 'one empty LitElement',
    contents: `import { LitElement, html } from 'lit'; import { customElement } from 'lit/decorators.js';
      @customElement('x-floor') export class XFloor extends LitElement { render() { return html\`<p>floor</p>\`; } }`,
  },
  client: {
    name: 'ky alone',
    contents: `import ky from 'ky'; export const get = (url: string) => ky.get(url).json();`,
  },
  core: {
    name: 'CASL ability + one zod schema',
    contents: `import { createMongoAbility } from '@casl/ability'; import * as z from 'zod';
      export const S = z.object({ id: z.string() }); export const a = (rules: any[]) => createMongoAbility(rules);`,
  },
};

export interface BundleSize {
  /**
   * Gzipped bytes of everything the page loads before it can show data: the entry chunk and,
   * transitively, every chunk it imports statically or dynamically (the provider loads the api
   * client with `import()` before any element can fetch). Gzipped file by file, level 9, as a
   * server sends them.
   */
  gz: number;
  /** The same, minified and not gzipped. */
  min: number;
  /** Of `gz`, what the entry and its static imports take (the rest arrives by `import()`). */
  eagerGz: number;
  /** The JavaScript files counted, for reports. */
  files: number;
  /** Minified bytes of zod among them (the browser entries carry none). */
  zod: number;
}

/**
 * Bundles the entry the way a host's bundler would (esbuild: every dependency bundled, minified,
 * code split, for the browser) and measures the whole graph a page loads: lazy chunks count too.
 */
export async function gzipSize(root: string, entry: BrowserEntry): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: entry.contents, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    splitting: true,
    outdir: join(root, 'node_modules/.cache/sitegate-size'),
    entryNames: 'entry',
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    // As tsup builds the package: a host bundles the stylesheets as dist/ has them.
    plugins: [cssTemplatesPlugin()],
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  });
  const outputs = result.metafile.outputs;
  const files = new Map(result.outputFiles.map((file) => [posix(relative(root, file.path)), file.contents]));
  const gz = (path: string) => gzipSync(files.get(path)!, { level: 9 }).byteLength;
  const entryPath = Object.keys(outputs).find((path) => outputs[path]!.entryPoint !== undefined)!;
  const reach = (kinds: ReadonlySet<string>) => {
    const seen = new Set<string>();
    const visit = (path: string) => {
      if (seen.has(path)) return;
      seen.add(path);
      for (const imported of outputs[path]?.imports ?? []) if (kinds.has(imported.kind) && !imported.external) visit(imported.path);
    };
    visit(entryPath);
    return [...seen];
  };
  const loaded = reach(new Set(['import-statement', 'dynamic-import']));
  const eager = reach(new Set(['import-statement']));
  const external = Object.values(outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  if (external.length) throw new Error(`${entry.name}: imports left unbundled (${external.join(', ')})`);
  const sum = (paths: string[], size: (path: string) => number) => paths.reduce((total, path) => total + size(path), 0);
  return {
    gz: sum(loaded, gz),
    min: sum(loaded, (path) => files.get(path)!.byteLength),
    eagerGz: sum(eager, gz),
    files: loaded.length,
    zod: sum(loaded, (path) => Object.entries(outputs[path]!.inputs).reduce((n, [input, use]) => n + (/node_modules\/zod\//.test(input) ? use.bytesInOutput : 0), 0)),
  };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
