// Builds dist/ when it is missing or older than the sources, so `npm test` works on a fresh
// clone (the example and demo tests run the built package, as a host would). When dist/ is up
// to date (CI builds first) this only compares timestamps.
//   node scripts/ensure-build.mjs            JavaScript and declarations (what the tests need)
//   node scripts/ensure-build.mjs --js-only  JavaScript only (what `npm start` needs)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { emitTypes } from './emit-types.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
/** What tsup reads: a change to any of these makes dist/ stale. */
const SOURCES = ['src', 'components', 'adapters', 'tsup.config.ts', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

function newest(path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(full)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** Why dist/ needs building, or null when it is up to date. */
export function staleReason({ jsOnly = false } = {}) {
  const outputs = ['dist/index.js', ...(jsOnly ? [] : ['dist/index.d.ts'])].map((file) => join(root, file));
  const missing = outputs.find((file) => !existsSync(file));
  if (missing) return `${missing.slice(root.length)} is missing`;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const changed = SOURCES.find((path) => newest(path) > built);
  return changed ? `${changed} changed since the last build` : null;
}

/** Builds when stale; returns whether it built. Exits the process if the build fails. */
export function ensureBuild({ jsOnly = false, log = console.log } = {}) {
  const reason = staleReason({ jsOnly });
  if (!reason) return false;
  log(`Building sitegate (${reason})…`);
  const tsup = join(root, 'node_modules/tsup');
  const bin = JSON.parse(readFileSync(join(tsup, 'package.json'), 'utf8')).bin.tsup;
  const result = spawnSync(process.execPath, [join(tsup, bin)], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...(jsOnly ? { SITEGATE_JS_ONLY: '1' } : {}) },
  });
  const status = result.status !== 0 ? result.status : jsOnly ? 0 : emitTypes();
  if (status !== 0) {
    console.error('sitegate: the build failed; see the errors above.');
    process.exit(status ?? 1);
  }
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) ensureBuild({ jsOnly: process.argv.includes('--js-only') });
