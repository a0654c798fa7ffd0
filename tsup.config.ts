import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { cssTemplatesPlugin } from './build/css-templates.mjs';

/** One entry per subpath export in package.json; the names are the public contract. */
const entry = {
  index: 'src/index.ts',
  'server/index': 'src/server/index.ts',
  'client/index': 'src/client/index.ts',
  'components/index': 'components/index.ts',
  // One element each, for a page that uses only some: `import 'sitegate/components/share-button'`.
  'components/accept-invite/index': 'components/accept-invite/index.ts',
  'components/approval-button/index': 'components/approval-button/index.ts',
  'components/client-list/index': 'components/client-list/index.ts',
  'components/confirm-email/index': 'components/confirm-email/index.ts',
  'components/portal-provider/index': 'components/portal-provider/index.ts',
  'components/portal-view/index': 'components/portal-view/index.ts',
  'components/reset-password/index': 'components/reset-password/index.ts',
  'components/share-button/index': 'components/share-button/index.ts',
  'components/sign-in/index': 'components/sign-in/index.ts',
  // A locale apart, so pages in English do not load it: `import 'sitegate/components/i18n/fr'`.
  'components/i18n/fr': 'components/i18n/fr.ts',
  // Types-only entries: JSX / template typings of the elements for React and Vue.
  'components/react': 'components/react.ts',
  'components/vue': 'components/vue.ts',
  'adapters/memory/index': 'adapters/memory/index.ts',
  'adapters/postgres/index': 'adapters/postgres/index.ts',
  'adapters/pglite/index': 'adapters/pglite/index.ts',
  'adapters/smtp/index': 'adapters/smtp/index.ts',
  'testing/index': 'src/testing/index.ts',
  'mocks/index': 'src/mocks/index.ts',
};

const existing = (entries: Record<string, string>) => Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

export default defineConfig({
  entry: existing(entry),
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  // Declarations come from tsc (scripts/emit-types.mjs), one file per source, not from chunks.
  dts: false,
  // No source maps: they would point at sources the package does not ship.
  sourcemap: false,
  clean: true,
  splitting: true,
  treeshake: true,
  // The elements' stylesheets ship without their source indentation (see build/css-templates.mjs).
  esbuildPlugins: [cssTemplatesPlugin()],
  // Runtime dependencies and optional peers stay imports; the host's bundler resolves them.
  external: [/^node:/, 'pg', '@electric-sql/pglite', 'nodemailer', 'vitest', 'msw', /^msw\//, 'lit', /^lit\//, /^@lit\//, 'ky', 'zod', /^zod\//, '@casl/ability', /^@casl\//, /^@noble\//],
});
