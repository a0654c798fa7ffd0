import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveScript, type ServedScript } from '../support/serve-script.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const projects = fileURLToPath(new URL('./projects/', import.meta.url));

/**
 * Tools the scratch projects use, linked from this repository's node_modules instead of being
 * installed in every run: the frameworks, compilers and bundlers, and sitegate's optional peers
 * (so every entry point can load). sitegate itself and its dependencies come from the tarball.
 */
const LINKED = [
  'react', 'react-dom', '@types/react', '@types/react-dom', 'vue', 'vue-tsc', 'vite', '@vitejs/plugin-react',
  '@vitejs/plugin-vue', 'typescript', '@types/node', 'pg', '@types/pg', '@electric-sql/pglite', '@types/emscripten',
  'nodemailer', '@types/nodemailer', 'msw', 'vitest',
];

export interface RunResult {
  code: number | null;
  output: string;
}

/** npm passes its own settings to scripts as npm_* variables; a nested npm must not see them. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, ...extra };
}

/** Runs a command to the end (killed after `timeoutMs`), collecting stdout and stderr. */
export function run(command: string, args: string[], cwd: string, timeoutMs = 170_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: cleanEnv({ NO_COLOR: '1', FORCE_COLOR: '0' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs} ms]`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** `node <repo tool bin> …` — the linked tools, run with the current Node. */
export function tool(host: string, bin: string, args: string[], cwd: string, timeoutMs?: number): Promise<RunResult> {
  return run(process.execPath, [join(host, 'node_modules', bin), ...args], cwd, timeoutMs);
}

export interface Host {
  /** The scratch host: its node_modules holds sitegate from the tarball; projects are subfolders. */
  dir: string;
  tarball: string;
  /** The files in the tarball, as `npm pack` listed them. */
  files: string[];
  cleanup(): void;
}

/** Fails with what to do when dist/ is missing or predates the typings entries. */
export function requireBuild(): void {
  for (const file of ['dist/index.js', 'dist/components/index.js', 'dist/components/react.d.ts', 'dist/components/vue.d.ts']) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run \`npm run build\` first (the consumer tests pack the built package).`);
  }
}

/**
 * Packs the built package with `npm pack`, installs the tarball into a scratch host under the
 * system temp dir (so nothing resolves from this repository by accident), links the tools and
 * copies the consumer projects in.
 */
export async function createHost(): Promise<Host> {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), 'sitegate-consumers-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const packed = await run('npm', ['pack', '--json', '--pack-destination', dir], root);
    if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
    const [info] = JSON.parse(packed.output.slice(packed.output.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
    const tarball = join(dir, info.filename);

    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'sitegate-consumers', private: true, type: 'module' }, null, 2));
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', '--ignore-scripts', tarball], dir, 150_000);
    if (installed.code !== 0) throw new Error(`npm install of the tarball failed:\n${installed.output}`);

    for (const name of LINKED) {
      const target = join(dir, 'node_modules', name);
      if (existsSync(target)) continue; // installed as a dependency of sitegate: keep the host's copy
      mkdirSync(dirname(target), { recursive: true });
      symlinkSync(join(root, 'node_modules', name), target, 'dir');
    }
    cpSync(projects, dir, { recursive: true });
    for (const project of ['esm-nodenext', 'cjs']) cpSync(join(dir, 'shared/every-entry.ts'), join(dir, project, 'every-entry.ts'));
    return { dir, tarball, files: info.files.map((file) => file.path), cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** Starts `node <script>` in `cwd`; resolves to the first http:// URL it prints and a `stop()`. */
export function serve(script: string, cwd: string): Promise<ServedScript> {
  return serveScript(script, { cwd, env: cleanEnv(), timeoutMs: 30_000 });
}
