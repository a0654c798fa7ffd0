import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * What only the access module may say: the CASL `Resource` subject (where `shared` is decided),
 * the states a module shows in, and the coverage lookups. Anything outside it that says them
 * is a second copy of the rule.
 */
const RULE = [/subject\(\s*'Resource'/, /shared:\s*(true|false)/, /status\s*[!=]==\s*'completed'/, /\.findAttached\(/, /\.readGrants\(/];

describe('the visibility rule lives in src/access', () => {
  it('is not restated anywhere else in src/', () => {
    const outside = sources(join(root, 'src')).filter((file) => !relative(root, file).startsWith(join('src', 'access')) && !relative(root, file).startsWith(join('src', 'testing')));
    const found = outside.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return RULE.filter((pattern) => pattern.test(text)).map((pattern) => `${relative(root, file)}: ${pattern}`);
    });
    expect(found).toEqual([]);
  });
});
