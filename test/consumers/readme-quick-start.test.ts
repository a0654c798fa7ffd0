import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { root } from './host.js';

/** The first ```ts block under the README's "Quick start" heading, as a reader copies it. */
export function readmeQuickStart(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Quick start'));
  const code = section && /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error('README.md has no ```ts block under "## Quick start"');
  return code;
}

/** `console.log(x); // value` lines: what the snippet says each log prints, in order. */
function claims(code: string): string[] {
  return code
    .split('\n')
    .filter((line) => /^\s*console\.log\(/.test(line))
    .map((line) => {
      const claim = /\/\/\s*(.+?)\s*$/.exec(line)?.[1];
      if (claim === undefined) throw new Error(`a console.log in the quick start says nothing about what it prints: ${line}`);
      return claim;
    });
}

describe('the README quick start', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is at most 30 lines and imports only the package by its public names', () => {
    const code = readmeQuickStart();
    expect(code.trimEnd().split('\n').length).toBeLessThanOrEqual(30);
    const imports = [...code.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const name of imports) expect(name).toMatch(/^sitegate(\/[\w/]+)?$/);
  });

  it('runs as written and prints what its comments say', async () => {
    const code = readmeQuickStart();
    const expected = claims(code);
    expect(expected.length).toBeGreaterThan(0);

    // Runs as a module of its own; `sitegate/*` resolves to the sources (vitest.config.ts aliases).
    const dir = mkdtempSync(join(tmpdir(), 'sitegate-readme-'));
    dirs.push(dir);
    const file = join(dir, 'quick-start.ts');
    writeFileSync(file, code);
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void printed.push(values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(' ')));
    await import(pathToFileURL(file).href);

    expect(printed).toEqual(expected);
  });
});
