import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { notMeasured, type Row, type SuiteOptions } from '../lib/row.js';
import { fmtRatio, ms, summarise } from '../lib/stats.js';

const SECTION = 'Demo cold start (`startDemo`, PGlite)';

/**
 * Milliseconds from spawning `node` until the child prints `ready` — for the demo, after its
 * server has answered a first page request. Rejects with the child's stderr when it fails.
 */
function timeToReady(args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let done = false;
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      if (!done && chunk.toString().includes('ready')) {
        done = true;
        resolve(performance.now() - started);
      }
    });
    child.on('exit', (code) => {
      if (!done) reject(new Error(stderr.trim().split('\n').slice(-3).join(' ') || `exit ${code}`));
    });
  });
}

const script = (server: string, dataDir: string) => `
  const { startDemo } = await import(${JSON.stringify(server)});
  const demo = await startDemo({ port: 0, dataDir: ${JSON.stringify(dataDir)}, databaseUrl: '', log: () => {} });
  const response = await fetch(demo.url + '/builder');
  await response.arrayBuffer();
  console.log('ready', response.status);
  await demo.close();
  process.exit(0);`;

export async function demo(options: SuiteOptions): Promise<Row[]> {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const server = join(root, 'examples/demo/server.mjs');
  // The demo imports the package by name, i.e. the built dist/; the bench does not rebuild it.
  if (!existsSync(server)) return [notMeasured(SECTION, 'Demo cold start', 'examples/demo/server.mjs is not in this tree')];
  if (!existsSync(join(root, 'dist/adapters/pglite/index.js'))) {
    return [notMeasured(SECTION, 'Demo cold start', 'dist/ has no PGlite adapter yet (run `npx tsup` once adapters/pglite has landed)')];
  }
  const runs = options.quick ? 1 : 5;
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) bare.push(await timeToReady(['-e', "console.log('ready')"], root));
  const first: number[] = [];
  const again: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'sitegate-demo-bench-'));
      try {
        const code = script(pathToFileURL(server).href, dataDir);
        first.push(await timeToReady(['--input-type=module', '-e', code], root));
        again.push(await timeToReady(['--input-type=module', '-e', code], root));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } catch (error) {
    return [notMeasured(SECTION, 'Demo cold start', `the demo failed to start: ${(error as Error).message}`)];
  }
  const nodeStart = summarise(bare).p50;
  const row = (figure: string, samples: number[], note: string): Row => {
    const p50 = summarise(samples).p50;
    return {
      section: SECTION,
      figure,
      value: `${ms(p50)} ms (p50 of ${samples.length})`,
      baseline: `bare \`node -e\`: ${ms(nodeStart)} ms`,
      ratio: fmtRatio(p50 / nodeStart),
      note,
    };
  };
  return [
    row('First start, empty data dir', first, 'spawn → first page served; includes creating the PGlite database, migrating and seeding'),
    row('Restart, existing data dir', again, 'spawn → first page served; reopens the PGlite data dir'),
  ];
}
