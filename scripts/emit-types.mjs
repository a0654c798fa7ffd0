// Emits the package's declarations with tsc, one `.d.ts` beside each source path under
// dist/types/ (dist/types/src/ports/storage.d.ts, dist/types/src/errors/NotFoundError.d.ts, …),
// so every record, port and error type sits in a file named after what it holds, with its JSDoc,
// instead of in a bundler chunk whose name carries a hash. Each subpath export then gets a
// one-line entry (dist/index.d.ts, dist/server/index.d.ts, …) that re-exports its source's
// declarations: the names in package.json stay the contract.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** `./dist/adapters/memory/index.d.ts` → `adapters/memory/index.ts` (or `src/…` when it lives there). */
function sourceOf(typesPath) {
  const bare = typesPath.replace(/^\.\/dist\//, '').replace(/\.d\.ts$/, '.ts');
  const source = [join('src', bare), bare].find((candidate) => existsSync(join(root, candidate)));
  if (!source) throw new Error(`No source for the declaration entry ${typesPath}`);
  return source;
}

/** Every `types` file the package exports, once. */
function declarationEntries() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const files = new Set([pkg.types]);
  for (const target of Object.values(pkg.exports)) if (typeof target === 'object' && target.types) files.add(target.types);
  return [...files];
}

export function emitTypes() {
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) return result.status ?? 1;
  for (const entry of declarationEntries()) {
    const file = join(root, entry);
    const target = join(root, 'dist/types', sourceOf(entry)).replace(/\.ts$/, '.js');
    let specifier = relative(dirname(file), target).split('\\').join('/');
    if (!specifier.startsWith('.')) specifier = `./${specifier}`;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `export * from '${specifier}';\n`);
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = emitTypes();
