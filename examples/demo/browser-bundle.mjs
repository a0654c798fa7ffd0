// The demo pages' browser code (public/builder.ts, public/portal.ts), bundled with esbuild and
// kept in the demo's data dir, so a restart serves the bundle it built last time instead of
// loading esbuild (its import and its service process) and bundling again.
//
// The cache is used only when it was made from exactly these inputs: every file esbuild read
// (sources, sitegate's components, lit, …), the package.json and tsconfig.json files that
// steered how imports resolved, the listings of the directories holding them and this file,
// hashed; and the same esbuild version and build options. Any change, or a damaged cache,
// rebuilds it.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('./', import.meta.url));
const MANIFEST = 'manifest.json';

/** The build's options; they are part of the cache key, so changing one rebuilds. */
const buildOptions = (root, publicDir) => ({
  entryPoints: { builder: join(publicDir, 'builder.ts'), portal: join(publicDir, 'portal.ts') },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  write: false,
  outdir: '/assets',
  absWorkingDir: root,
  logLevel: 'silent',
});

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** The version of the esbuild `runBuild` would load, from its package.json: esbuild itself is not loaded. */
function esbuildVersion() {
  return JSON.parse(readFileSync(createRequire(import.meta.url).resolve('esbuild/package.json'), 'utf8')).version;
}

/** What the cache must have been built with: esbuild's version and the build options. */
function buildKey(root, publicDir) {
  const { entryPoints, ...rest } = buildOptions(root, publicDir);
  const entries = Object.fromEntries(Object.entries(entryPoints).map(([name, path]) => [name, relative(root, path)]));
  return sha256(JSON.stringify({ esbuild: esbuildVersion(), entries, ...rest, absWorkingDir: '.' }));
}

/**
 * Besides the files esbuild read, the package.json and tsconfig.json files above them decide
 * what an import resolves to (`exports`, tsconfig `paths`) and how TypeScript compiles
 * (decorators, class fields): those between each input and `root` count as inputs too. So do
 * the listings of the directories holding inputs (written `dir/`): a file added beside one can
 * change what an import finds (`./x.js` next to `./x.ts`).
 */
function withResolutionFiles(root, files) {
  const top = resolve(root);
  // This file too: how the bundle is built (plugins, options) is written here.
  const all = new Set([...files, relative(top, fileURLToPath(import.meta.url))]);
  const seen = new Set();
  for (const file of files) {
    const first = dirname(resolve(top, file));
    all.add(`${relative(top, first) || '.'}/`);
    for (let dir = first; !seen.has(dir); dir = dirname(dir)) {
      seen.add(dir);
      for (const name of ['package.json', 'tsconfig.json']) if (existsSync(join(dir, name))) all.add(relative(top, join(dir, name)));
      if (dir === top || dir === dirname(dir)) break;
    }
  }
  return [...all].sort();
}

/**
 * One hash over `files` (relative to `root`; `dir/` stands for a directory's listing), names
 * and contents, read through one buffer: a restart checks ~200 of them, and a buffer and a hash
 * object each would cost more than the reading. One that is not there counts as such, so its
 * appearing changes the hash.
 */
function hashFiles(root, files) {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 16);
  for (const file of files) {
    hash.update(`\0${file}\0`);
    if (file.endsWith('/')) {
      try {
        hash.update(readdirSync(join(root, file)).sort().join('\0'));
      } catch {
        hash.update('\0missing');
      }
      continue;
    }
    let fd;
    try {
      fd = openSync(join(root, file), 'r');
    } catch {
      hash.update('\0missing');
      continue;
    }
    try {
      for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, n));
    } finally {
      closeSync(fd);
    }
  }
  return hash.digest('hex');
}

/** The cached bundle in `dir` when it fits these inputs, else `undefined`. */
function readCache(root, publicDir, dir) {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
    if (manifest.key !== buildKey(root, publicDir) || manifest.inputsHash !== hashFiles(root, manifest.inputs)) return undefined;
    const outputs = new Map();
    for (const [path, { file, hash }] of Object.entries(manifest.outputs)) {
      // Served as read: bytes, not decoded to a string and encoded again.
      const code = readFileSync(join(dir, file));
      if (sha256(code) !== hash) return undefined;
      outputs.set(path, code);
    }
    return outputs;
  } catch {
    // No cache yet, or one this version cannot read: build.
    return undefined;
  }
}

/**
 * Bundles with esbuild (loaded only now). Returns the outputs, the files they came from, and
 * whether every source was unchanged from the moment esbuild read it until after the build
 * (a file saved during the build must not be recorded as the input of outputs made without it).
 */
async function runBuild(root, publicDir) {
  const { build } = await import('esbuild');
  const atLoad = new Map();
  const recordLoads = {
    name: 'record-loads',
    setup(b) {
      // Returns nothing: esbuild still loads the file itself; this only notes what it held.
      b.onLoad({ filter: /.*/, namespace: 'file' }, (args) => {
        const file = relative(resolve(root), args.path);
        atLoad.set(file, hashFiles(root, [file]));
        return undefined;
      });
    },
  };
  const result = await build({ ...buildOptions(root, publicDir), metafile: true, plugins: [recordLoads] });
  const outputs = new Map(result.outputFiles.map((f) => [f.path, Buffer.from(f.contents)]));
  const unchanged = [...atLoad].every(([file, hash]) => hashFiles(root, [file]) === hash);
  return { outputs, inputs: withResolutionFiles(root, Object.keys(result.metafile.inputs)), unchanged };
}

function writeCache(root, publicDir, dir, { outputs, inputs }) {
  // Written to a fresh directory, then swapped in: a start that stops halfway leaves either the
  // old cache or none, never outputs under a manifest they do not match.
  const next = `${dir}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  mkdirSync(next, { recursive: true, mode: 0o700 });
  const files = {};
  for (const [path, code] of outputs) {
    const file = path.slice(path.lastIndexOf('/') + 1);
    writeFileSync(join(next, file), code);
    files[path] = { file, hash: sha256(code) };
  }
  writeFileSync(join(next, MANIFEST), JSON.stringify({ key: buildKey(root, publicDir), inputs, inputsHash: hashFiles(root, inputs), outputs: files }, null, 1));
  rmSync(dir, { recursive: true, force: true });
  renameSync(next, dir);
}

/**
 * The browser bundle of `publicDir`'s `builder.ts` and `portal.ts` (imports resolved from
 * `root`): `assets` maps a URL path (`/assets/builder.js`) to its code (bytes), and `cached`
 * says whether it was read from `cacheDir` rather than built. With `cacheDir`, a bundle built
 * from the same inputs before is read from there, and a new one is written there; `log` hears
 * when it could not be.
 */
export async function browserBundle({ root, publicDir = join(here, 'public'), cacheDir, log = () => {} }) {
  const cached = cacheDir ? readCache(root, publicDir, cacheDir) : undefined;
  if (cached) return { assets: cached, cached: true };
  const built = await runBuild(root, publicDir);
  if (cacheDir && built.unchanged) {
    try {
      writeCache(root, publicDir, cacheDir, built);
    } catch (error) {
      // Serving the page matters more than the next start's speed.
      log(`  (the browser bundle could not be cached in ${cacheDir}: ${error.message})`);
    }
  }
  return { assets: built.outputs, cached: false };
}
