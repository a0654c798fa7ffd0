// `npm start` entry. The demo host app lands with the demo; until then say so plainly.
import { existsSync } from 'node:fs';
const server = new URL('./server.mjs', import.meta.url);
if (existsSync(server)) {
  await import(server.href);
} else {
  console.log('demo not yet built — see README.md for the headless quick start.');
}
