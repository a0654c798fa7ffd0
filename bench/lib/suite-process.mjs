import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

/**
 * Runs one suite in a Node process of its own, as `main.mjs <suite> <out.json> [flags]` (with
 * `--expose-gc`, which the sampler needs): its progress goes to our stderr, its rows to `out`.
 * Answers the rows it wrote, or `undefined` when it wrote none, with its exit code.
 */
export function runSuiteProcess({ main, suite, out, flags = [], cwd, env }) {
  return new Promise((resolve) => {
    const done = (code) => {
      let rows;
      try {
        rows = JSON.parse(readFileSync(out, 'utf8'));
      } catch {
        rows = undefined;
      }
      rmSync(out, { force: true });
      resolve({ rows, code });
    };
    const child = spawn(process.execPath, ['--expose-gc', main, suite, out, ...flags], { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', done);
    child.on('error', () => done(null));
  });
}
