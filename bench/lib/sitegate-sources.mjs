import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The package's public names → their sources (as vitest.config.ts maps them for the tests). */
export const SUBPATHS = {
  sitegate: 'src/index.ts',
  'sitegate/server': 'src/server/index.ts',
  'sitegate/client': 'src/client/index.ts',
  'sitegate/testing': 'src/testing/index.ts',
  'sitegate/mocks': 'src/mocks/index.ts',
  'sitegate/components': 'components/index.ts',
  'sitegate/adapters/memory': 'adapters/memory/index.ts',
  'sitegate/adapters/postgres': 'adapters/postgres/index.ts',
  'sitegate/adapters/pglite': 'adapters/pglite/index.ts',
  'sitegate/adapters/smtp': 'adapters/smtp/index.ts',
};

/** Adapters a suite may find missing (they ship separately and may not exist in this tree). */
const OPTIONAL = { postgresStorage: 'sitegate/adapters/postgres', pgliteStorage: 'sitegate/adapters/pglite' };

/**
 * esbuild plugin: bundles `sitegate/*` from source, so a benchmark measures the tree it runs in
 * without a prior `tsup` build; `bench:optional-adapters` re-exports the SQL adapters that exist
 * and `undefined` for those that do not, so the suites can skip them with a note.
 */
export function sitegateSources(root) {
  return {
    name: 'sitegate-sources',
    setup(build) {
      build.onResolve({ filter: /^sitegate(\/.*)?$/ }, (args) => {
        const file = SUBPATHS[args.path];
        if (!file) return { errors: [{ text: `unknown sitegate subpath ${args.path}` }] };
        return { path: join(root, file) };
      });
      build.onResolve({ filter: /^bench:optional-adapters$/ }, () => ({ path: 'optional-adapters', namespace: 'bench' }));
      build.onLoad({ filter: /.*/, namespace: 'bench' }, () => ({
        resolveDir: root,
        loader: 'ts',
        contents: Object.entries(OPTIONAL)
          .map(([name, subpath]) =>
            existsSync(join(root, SUBPATHS[subpath])) ? `export { ${name} } from '${subpath}';` : `export const ${name} = undefined;`,
          )
          .join('\n'),
      }));
    },
  };
}
