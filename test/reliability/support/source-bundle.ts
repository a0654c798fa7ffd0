import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Lets a child process run the current sources, not a possibly stale dist/: the package's
 * entry points are bundled (other packages stay external) under node_modules, so pg and friends
 * resolve, and a resolve hook points `sitegate/*` at them. Start the child with
 * `node --import <register> script.mjs`.
 */
export async function bundleSources(name: string): Promise<{ register: string; dispose: () => void }> {
  const outdir = join(root, `node_modules/.cache/sitegate-${name}/${process.pid}`);
  mkdirSync(outdir, { recursive: true });
  const entries: Record<string, string> = {
    sitegate: 'src/index.ts',
    'sitegate/server': 'src/server/index.ts',
    'sitegate/adapters/memory': 'adapters/memory/index.ts',
    'sitegate/adapters/pglite': 'adapters/pglite/index.ts',
    'sitegate/adapters/postgres': 'adapters/postgres/index.ts',
    'sitegate/adapters/smtp': 'adapters/smtp/index.ts',
  };
  const file = (entry: string) => entry.replaceAll('/', '-');
  await build({
    entryPoints: Object.entries(entries).map(([entry, path]) => ({ in: join(root, path), out: file(entry) })),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  const urls = Object.fromEntries(Object.keys(entries).map((entry) => [entry, pathToFileURL(join(outdir, `${file(entry)}.mjs`)).href]));
  writeFileSync(
    join(outdir, 'hooks.mjs'),
    `const urls = ${JSON.stringify(urls)};
export async function resolve(specifier, context, next) {
  return urls[specifier] ? { url: urls[specifier], shortCircuit: true } : next(specifier, context);
}
`,
  );
  writeFileSync(join(outdir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
  return { register: pathToFileURL(join(outdir, 'register.mjs')).href, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
}
