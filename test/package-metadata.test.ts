import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

describe('package.json as npm reads it on install', () => {
  it('asks for no peer a host must install: every one is optional', () => {
    for (const name of Object.keys(pkg.peerDependencies)) expect(pkg.peerDependenciesMeta[name]?.optional, name).toBe(true);
  });

  it('keeps the test helpers’ and typings’ peers open upward, so a host on a newer major can still install', () => {
    // npm refuses the whole install (ERESOLVE) when a host has an optional peer outside its range,
    // even a host that never imports `sitegate/testing`, `sitegate/mocks` or the React typings.
    for (const name of ['vitest', 'msw', '@types/react']) expect(pkg.peerDependencies[name], name).toMatch(/^>=\d+(\.\d+){0,2}$/);
  });
});
