import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Serves `/__sitegate-copy/NAME.js`: `sitegate/components` bundled on its own with its own
 * copy of Lit, as a host app or a widget would ship it. Each NAME is a separate bundle and a
 * separate module graph in the page, so two of them are two independent copies.
 */
export function bundledCopiesPlugin() {
  return {
    name: 'sg-bundled-copies',
    async serve(context) {
      const match = /^\/__sitegate-copy\/([a-z]+)\.js$/.exec(context.path);
      if (!match) return undefined;
      const result = await build({
        entryPoints: [`${root}components/index.ts`],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        write: false,
        banner: { js: `/* bundle ${match[1]} */` },
        logLevel: 'silent',
        tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
      });
      return { body: result.outputFiles[0].text, type: 'js' };
    },
  };
}
