/**
 * One benchmark suite per process, so one suite's heap and JIT state never colour another's.
 * `bench/run.mjs` bundles this file and calls it as `main.mjs <suite> <out.json> [--quick] [--full]`.
 */
import { writeFileSync } from 'node:fs';
import type { Suite } from './lib/row.js';
import { bundle } from './suites/bundle.js';
import { clientListBrowser } from './suites/client-list-browser.js';
import { clients } from './suites/clients.js';
import { demo } from './suites/demo.js';
import { digests } from './suites/digests.js';
import { events } from './suites/events.js';
import { feed } from './suites/feed.js';
import { http } from './suites/http.js';
import { invites } from './suites/invites.js';
import { permissions } from './suites/permissions.js';
import { signInFlood } from './suites/sign-in-flood.js';

const suites: Record<string, Suite> = { permissions, feed, clients, 'client-list-browser': clientListBrowser, bundle, invites, demo, http, 'sign-in-flood': signInFlood, digests, events };

const [name, out] = process.argv.slice(2);
const suite = name ? suites[name] : undefined;
if (!suite || !out) {
  console.error(`usage: main.mjs <${Object.keys(suites).join('|')}> <out.json> [--quick] [--full]`);
  process.exit(2);
}
const rows = await suite({ quick: process.argv.includes('--quick'), full: process.argv.includes('--full') });
writeFileSync(out, JSON.stringify(rows));
// Open handles (pools, timers of a demo) must not keep a finished suite alive.
process.exit(0);
