#!/usr/bin/env node
/**
 * `npm run bench [-- --quick | --full | --only=permissions,feed]`: bundles the TypeScript suites
 * against the package sources with esbuild, runs each in its own Node process, and prints one
 * markdown table (also written to bench/results/latest.md). Benchmarks report; they never fail
 * on timing — a suite that breaks becomes a "not measured" row, not a failed run.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sitegateSources } from './lib/sitegate-sources.mjs';
import { runSuiteProcess } from './lib/suite-process.mjs';
import { machineInfo, renderTable } from './lib/report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Inside the repository, so the bundle's bare imports (pg, @electric-sql/pglite) resolve.
const outdir = join(root, 'node_modules/.cache/sitegate-bench');
const SUITES = ['permissions', 'feed', 'clients', 'client-list-browser', 'bundle', 'invites', 'demo', 'http', 'sign-in-flood', 'digests', 'events'];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const full = args.includes('--full');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const chosen = only ?? SUITES;

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
await build({
  // The HTTP suite's measured servers run in processes of their own: entry points of their own.
  entryPoints: {
    main: join(root, 'bench/main.ts'),
    'http-server': join(root, 'bench/http/server.ts'),
    'statement-floor': join(root, 'bench/http/statement-floor.ts'),
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  plugins: [sitegateSources(root)],
  logLevel: 'warning',
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
});

/** Runs one suite in a child process; its progress goes to our stderr, its rows to a file. */
async function runSuite(name) {
  const flags = [quick && '--quick', full && '--full'].filter(Boolean);
  const started = Date.now();
  const { rows, code } = await runSuiteProcess({ main: join(outdir, 'main.mjs'), suite: name, out: join(outdir, `${name}.json`), flags, cwd: root });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.error(`bench: ${name} finished in ${seconds} s (exit ${code})`);
  return rows ?? [{ section: name, figure: `suite \`${name}\``, value: `not measured: the suite exited with code ${code}`, baseline: '—', ratio: '—' }];
}

const rows = [];
for (const name of chosen) {
  console.error(`bench: running ${name}${quick ? ' (quick)' : ''}…`);
  rows.push(...(await runSuite(name)));
}

const table = renderTable(machineInfo(), rows, { quick, full });
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/latest.md'), table);
process.stdout.write(table);
