// The demo as its own process, for the crash test: starts on PORT 0 with SITEGATE_DATA_DIR and
// prints one line `READY <url>` once it serves. crash.test.ts points `sitegate` at the sources.
import { scryptPasswords } from 'sitegate';
import { startDemo } from '../../examples/demo/server.mjs';

// Cheap scrypt: the seed accepts an invite at start-up, and the test is about durability, not hashing.
const passwords = scryptPasswords({ N: 2 ** 10, r: 8, p: 1 });
const demo = await startDemo({ port: 0, dataDir: process.env.SITEGATE_DATA_DIR, log: () => {}, portalOptions: { passwords } });
process.stdout.write(`READY ${demo.url.replace('localhost', '127.0.0.1')}\n`);
