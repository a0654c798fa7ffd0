import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Tests import the package by its public names (`sitegate/testing`, …), as a host or an
 * adapter author would; these aliases point those names at the sources.
 */
const alias = [
  { find: /^sitegate$/, replacement: src('./src/index.ts') },
  { find: /^sitegate\/server$/, replacement: src('./src/server/index.ts') },
  { find: /^sitegate\/client$/, replacement: src('./src/client/index.ts') },
  { find: /^sitegate\/testing$/, replacement: src('./src/testing/index.ts') },
  { find: /^sitegate\/mocks$/, replacement: src('./src/mocks/index.ts') },
  { find: /^sitegate\/components$/, replacement: src('./components/index.ts') },
  { find: /^sitegate\/adapters\/(memory|postgres|pglite|smtp)$/, replacement: src('./adapters/$1/index.ts') },
];

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    environment: 'node',
    // Vitest's default is one worker fewer than the cores: one on a two-core CI machine. Most
    // suites, the browser walks of the demo included, wait on PostgreSQL, PGlite's statements,
    // timers or Chromium more than they compute, so two files at a time there nearly halves the
    // Node suites' run and takes a quarter off the demo's. The process-fault suites, which time
    // a recovery, run alone (`test:faults`, `--no-file-parallelism`).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.ci/results/vitest.json' },
  },
});
