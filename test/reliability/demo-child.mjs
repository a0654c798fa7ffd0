// The demo as its own process, for the crash test: starts on PORT 0 with SITEGATE_DATA_DIR and
// prints one line `READY <url>` once it serves. crash.test.ts points `sitegate` at the sources.
import { startDemo } from '../../examples/demo/server.mjs';

const demo = await startDemo({ port: 0, dataDir: process.env.SITEGATE_DATA_DIR, log: () => {} });
process.stdout.write(`READY ${demo.url.replace('localhost', '127.0.0.1')}\n`);
