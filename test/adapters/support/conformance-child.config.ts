import { defineConfig } from 'vitest/config';
import base from '../../../vitest.config.js';

/**
 * The repository's vitest setup (the `sitegate/*` aliases) for one conformance file that is not
 * a test of its own, with a JSON report to `SITEGATE_CONFORMANCE_REPORT`.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/adapters/support/*.conformance.ts'],
    reporters: ['json'],
    outputFile: { json: process.env.SITEGATE_CONFORMANCE_REPORT ?? '.ci/results/conformance-child.json' },
  },
});
