/**
 * The measured server, in a process of its own so its CPU time is its own: the portal handler
 * behind `toNodeListener` on node:http, over PGlite or PostgreSQL, seeded like a real builder.
 * Bundled by bench/run.mjs as `http-server.mjs`; started by bench/suites/http.ts with an IPC
 * channel: it answers `{ type: 'ready', … }` once listening, `cpu` with its CPU time (and that of
 * its PostgreSQL backends), and exits on `stop`. On PostgreSQL it also records the statements it
 * sends between `record` and `recorded`, for an endpoint's own floor.
 */
import { createServer } from 'node:http';
import { createPortalHandler, toNodeListener } from 'sitegate/server';
import { benchPortal, cheapPasswords, staff, TENANT } from '../lib/bench-portal.js';
import { MEASURED_EMAIL, MEASURED_PASSWORD, seedBuilder } from '../lib/builder-seed.js';
import { rowsOf } from '../lib/sql-seed.js';
import { storageChoices } from '../lib/storages.js';
import { backendCpu } from './cpu.js';
import { serveMeasured, startMeasured } from './measured-process.js';
import { statementRecorder } from './statement-recorder.js';
import { BASE_PATH, FOLDER_CHILDREN, STAFF_HEADER } from './protocol.js';

async function main(): Promise<void> {
  const backend = process.argv[2];
  const choice = storageChoices({ database: 'sitegate_bench_http' }).find((c) => c.name === backend);
  if (!choice || 'skipped' in choice) throw new Error(choice ? choice.skipped : `unknown backend ${backend}`);
  const started = performance.now();
  const opened = await choice.open();
  await seedBuilder(opened);
  const seedSeconds = (performance.now() - started) / 1000;

  const { portal } = benchPortal(opened.storage, { passwords: cheapPasswords, folderChildren: FOLDER_CHILDREN });
  const handler = createPortalHandler(portal, {
    basePath: BASE_PATH,
    authenticateStaff: (request) => (request.headers.get(STAFF_HEADER) === staff.userId ? staff : null),
    cookie: { secure: false },
  });
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { session } = await portal.sessions.signIn({ tenantId: TENANT, email: MEASURED_EMAIL, password: MEASURED_PASSWORD });

  // PostgreSQL does the queries in processes of its own: their CPU is part of a request's cost.
  const databaseCpu = opened.bulk && backend === 'PostgreSQL' ? await backendCpu(opened.bulk.db) : undefined;

  // On PostgreSQL, an endpoint's floor replays the statements one of its requests sent.
  const statements =
    backend === 'PostgreSQL' && opened.bulk
      ? { recorder: statementRecorder(), database: (await rowsOf<{ name: string }>(opened.bulk.db, 'SELECT current_database() AS name'))[0]!.name }
      : undefined;

  serveMeasured(server, { databaseCpu, close: () => opened.close(), ready: { sessionToken: session.token, seedSeconds }, ...(statements ? { statements } : {}) });
}

startMeasured(main);
