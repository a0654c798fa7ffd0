import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

/** One entry per subpath export in package.json; the names are the public contract. */
const entry = {
  index: 'src/index.ts',
  'server/index': 'src/server/index.ts',
  'client/index': 'src/client/index.ts',
  'components/index': 'components/index.ts',
  'adapters/memory/index': 'adapters/memory/index.ts',
  'adapters/postgres/index': 'adapters/postgres/index.ts',
  'adapters/pglite/index': 'adapters/pglite/index.ts',
  'adapters/smtp/index': 'adapters/smtp/index.ts',
  'testing/index': 'src/testing/index.ts',
  'mocks/index': 'src/mocks/index.ts',
};

export default defineConfig({
  entry: Object.fromEntries(Object.entries(entry).filter(([, file]) => existsSync(file))),
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  // `npm start` builds the JavaScript only (SITEGATE_JS_ONLY=1): the demo needs no declarations.
  dts: process.env.SITEGATE_JS_ONLY ? false : { compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  // Runtime dependencies and optional peers stay imports; the host's bundler resolves them.
  external: [/^node:/, 'pg', '@electric-sql/pglite', 'nodemailer', 'vitest', 'msw', /^msw\//, 'lit', /^lit\//, /^@lit\//, 'ky', 'zod', /^zod\//, '@casl/ability', /^@casl\//, /^@noble\//],
});
