import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Serves msw's service worker at /mockServiceWorker.js (no `msw init`, nothing copied into the repo). */
export function mswWorkerPlugin() {
  const require = createRequire(import.meta.url);
  const file = require.resolve('msw/mockServiceWorker.js');
  return {
    name: 'sg-msw-worker',
    serve(context) {
      if (context.path === '/mockServiceWorker.js') return { body: readFileSync(file, 'utf8'), type: 'js' };
      return undefined;
    },
  };
}
