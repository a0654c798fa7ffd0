import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scryptPasswords } from 'sitegate';

/** Cheap scrypt, so tests do not spend seconds per password (the parameters travel with each hash). */
export const testPasswords = scryptPasswords({ N: 2 ** 10, r: 8, p: 1 });

/** The invite token in an email's text, from the link that starts with `acceptPage`. */
export function inviteToken(text: string, acceptPage: string): string {
  const start = text.indexOf(`${acceptPage}?token=`);
  if (start < 0) throw new Error(`no link to ${acceptPage} in the email:\n${text}`);
  const link = new URL(text.slice(start).split(/\s/)[0]!);
  return link.searchParams.get('token')!;
}

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** Fails with what to do when the package has not been built (CI builds before testing). */
export function requireBuild(...files: string[]): void {
  for (const file of ['dist/index.js', ...files]) {
    if (!existsSync(`${root}${file}`)) throw new Error(`${file} is missing: run \`npm run build\` first (the examples use the built package).`);
  }
}

/**
 * Runs an example with plain `node`, as a host would after `npm run build`, on a free port;
 * resolves to the first `http://` URL it prints, and a `stop()`.
 */
export function runExample(script: string, env: Record<string, string> = {}): Promise<{ url: string; output: () => string; stop: () => Promise<void> }> {
  requireBuild();
  const child = spawn(process.execPath, [script], { cwd: root, env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`${script} printed no URL within 15 s:\n${output}`))), 15_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/[\w.:[\]-]+/.exec(output)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({ url, output: () => output, stop });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  });
}
