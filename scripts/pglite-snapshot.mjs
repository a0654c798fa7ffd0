// Writes the demo's PGlite snapshot (examples/demo/pglite-snapshot/): a data dir already
// through initdb and every migration, which the demo's first start loads instead of running
// initdb. Run it whenever @electric-sql/pglite or adapters/sql/migrations*.ts change; the test
// test/adapters/pglite-snapshot.test.ts fails until you do (the demo falls back to initdb).
//   node scripts/pglite-snapshot.mjs [--check]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const target = join(root, 'examples/demo/pglite-snapshot');
// From the sources (dist/ may be stale), bundled next to node_modules so PGlite resolves.
const outdir = mkdtempSync(join(root, 'node_modules/.cache/pglite-snapshot-'));
try {
  await build({
    entryPoints: [join(root, 'adapters/pglite/snapshot.ts')],
    outfile: join(outdir, 'snapshot.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  const { readSnapshot, writeSnapshot } = await import(pathToFileURL(join(outdir, 'snapshot.mjs')).href);
  let why = '';
  const fits = readSnapshot(target, { why: (reason) => (why = reason) }) !== undefined;
  if (process.argv.includes('--check')) {
    console.log(fits ? 'The PGlite snapshot is up to date.' : `The PGlite snapshot is stale: ${why}`);
    process.exit(fits ? 0 : 1);
  }
  const started = Date.now();
  const { manifest, bytes } = await writeSnapshot(target);
  console.log(`Wrote ${target} (${(bytes / 1024 / 1024).toFixed(1)} MB, PGlite ${manifest.pglite}, migrations up to ${manifest.version}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
