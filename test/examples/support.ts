import { expect } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scryptPasswords } from 'sitegate';
import { serveScript, type ServedScript } from '../support/serve-script.js';

/** Cheap scrypt, so tests do not spend seconds per password (the parameters travel with each hash). */
export const testPasswords = scryptPasswords({ N: 2 ** 10, r: 8, p: 1 });

/** The invite token in an email's text, from the fragment of the link to `acceptPage`. */
export function inviteToken(text: string, acceptPage: string): string {
  const start = text.indexOf(`${acceptPage}#token=`);
  if (start < 0) throw new Error(`no link to ${acceptPage}#token=… in the email:\n${text}`);
  const link = new URL(text.slice(start).split(/\s/)[0]!);
  expect(link.search).toBe('');
  return new URLSearchParams(link.hash.slice(1)).get('token')!;
}

export const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Fails with what to do when the package has not been built. `npm test` builds it first when
 * it is missing or older than the sources (scripts/ensure-build.mjs); a single file run with
 * `npx vitest` after changing the sources needs `npm run build`.
 */
export function requireBuild(): void {
  for (const file of ['dist/index.js', 'dist/server/index.js', 'dist/client/index.js', 'dist/components/index.js', 'dist/adapters/memory/index.js']) {
    if (!existsSync(`${root}${file}`)) throw new Error(`${file} is missing: run \`npm run build\` (\`npm test\` does it for you); the examples use the built package.`);
  }
}

/**
 * Runs an example with plain `node`, as a host would after `npm run build`, on a free port;
 * resolves to the first `http://` URL it prints, and a `stop()`.
 */
export function runExample(script: string, env: Record<string, string> = {}): Promise<ServedScript> {
  requireBuild();
  return serveScript(script, { cwd: root, env: { ...process.env, PORT: '0', ...env }, timeoutMs: 15_000 });
}
