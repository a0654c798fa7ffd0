import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** A browser entry: what a page would import, written as module source. */
export interface BrowserEntry {
  name: string;
  contents: string;
}

const posix = (path: string) => path.split('\\').join('/');

/** Every `sg-*` element, found by its `@customElement('sg-…')` decorator: tag → source file. */
export function elementFiles(root: string): Map<string, string> {
  const found = new Map<string, string>();
  const dir = join(root, 'components');
  for (const sub of readdirSync(dir, { withFileTypes: true })) {
    if (!sub.isDirectory()) continue;
    for (const file of readdirSync(join(dir, sub.name))) {
      if (!file.endsWith('.ts') || file.endsWith('.styles.ts')) continue;
      const match = /@customElement\('(sg-[a-z-]+)'\)/.exec(readFileSync(join(dir, sub.name, file), 'utf8'));
      if (match) found.set(match[1]!, `./${posix(relative(root, join(dir, sub.name, file)))}`);
    }
  }
  return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The package's browser entries as a page imports them. Elements register themselves as a side
 * effect, so importing the file is the honest measure; `export *` keeps a whole API entry.
 */
export function browserEntries(root: string): BrowserEntry[] {
  return [
    { name: 'sitegate/components (all elements)', contents: `import './components/index.ts';` },
    ...[...elementFiles(root)].map(([tag, file]) => ({ name: `<${tag}> alone`, contents: `import '${file}';` })),
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
    name: 'ky + one zod schema',
    contents: `import ky from 'ky'; import * as z from 'zod';
      const S = z.object({ id: z.string() });
      export const get = async (url: string) => S.parse(await ky.get(url).json());`,
  },
  core: {
    name: 'CASL ability + one zod schema',
    contents: `import { createMongoAbility } from '@casl/ability'; import * as z from 'zod';
      export const S = z.object({ id: z.string() }); export const a = (rules: any[]) => createMongoAbility(rules);`,
  },
};

export interface BundleSize {
  /** Minified bytes a page loads up front: the entry chunk and what it imports statically. */
  min: number;
  /** The same, gzipped at level 9 file by file (as a server sends them). */
  gz: number;
  /** Gzipped bytes of chunks loaded only on first use (dynamic `import()`), if any. */
  lazyGz: number;
}

/**
 * Minified, bundled with every dependency for the browser, gzipped at level 9. Code split, so a
 * dynamic `import()` (the provider loads the api client on first use) counts as lazy, not as
 * part of what every page pays.
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
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  });
  const outputs = result.metafile.outputs;
  const files = new Map(result.outputFiles.map((file) => [posix(relative(root, file.path)), file.contents]));
  const gz = (path: string) => gzipSync(files.get(path)!, { level: 9 }).byteLength;
  const entryPath = Object.keys(outputs).find((path) => outputs[path]!.entryPoint !== undefined)!;
  // Up front: the entry and, transitively, its static imports.
  const eager = new Set<string>();
  const visit = (path: string) => {
    if (eager.has(path)) return;
    eager.add(path);
    for (const imported of outputs[path]?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entryPath);
  const js = Object.keys(outputs).filter((path) => path.endsWith('.js'));
  const sum = (paths: string[], size: (path: string) => number) => paths.reduce((total, path) => total + size(path), 0);
  return {
    min: sum([...eager], (path) => files.get(path)!.byteLength),
    gz: sum([...eager], gz),
    lazyGz: sum(js.filter((path) => !eager.has(path)), gz),
  };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
