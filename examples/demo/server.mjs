// The demo host app: one Node process serving the sitegate API under /api/portal, a builder
// page, a client portal page, and dev pages for the outbox and the host's events, on PGlite
// persisted in .sitegate-data/.
//   DATABASE_URL  use PostgreSQL instead of PGlite
//   SMTP_URL      also deliver mail over SMTP (the outbox page keeps a copy)
//   PORT          default 3000
//   SITEGATE_DATA_DIR  where PGlite, the outbox copy and the events heard live (default .sitegate-data/demo)
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { createPortal, scryptPasswords } from 'sitegate';
import { createPortalHandler, toNodeListener } from 'sitegate/server';
import { memoryContent } from 'sitegate/adapters/memory';
import { demoContent, demoTenant, DEMO_TENANT } from './content.mjs';
import { settleDecidedItem } from './host-decisions.mjs';
import { fileAccess } from './file-access.mjs';
import { hostEvents } from './host-events.mjs';
import { outboxMail } from './outbox-mail.mjs';
import { seedIfEmpty, demoStaff, DEMO_CLIENT } from './seed.mjs';
import { seededPasswords } from './seed-passwords.mjs';
import { pages } from './pages.mjs';
import { API_HEADERS, serverOptions } from './headers.mjs';
import { staffSessions } from './staff-session.mjs';
import { demoClock, notificationPages } from './notification-pages.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function openStorage({ databaseUrl, dataDir, log }) {
  if (databaseUrl) {
    const { postgresStorage } = await import('sitegate/adapters/postgres');
    return postgresStorage({ connectionString: databaseUrl });
  }
  // PGlite's engine is 9 MB of WebAssembly. V8 compiles it with its baseline compiler (Liftoff),
  // then recompiles each function that runs often with its optimising one (TurboFan) on
  // background threads: measured, ~1.7 s of CPU during a first start and ~0.7 s during a
  // restart, while the demo's requests cost no more without it (their time is JavaScript). Set
  // before PGlite compiles its module; it affects only WebAssembly compiled after it.
  setFlagsFromString('--liftoff-only');
  // V8 compiles each function on its first call but still validates all of them (thousands) up
  // front; most never run in the demo. Validated on first call instead (PGlite's module is the
  // only WebAssembly here, and a shipped, trusted one).
  setFlagsFromString('--wasm-lazy-validation');
  const { pgliteStorage, readSnapshot, isEmptyDataDir } = await import('sitegate/adapters/pglite');
  // A first start loads a data dir already through initdb and the migrations (made by
  // scripts/pglite-snapshot.mjs) instead of running initdb: seconds saved. One that does not fit
  // this PGlite or these migrations is not used, and PGlite runs initdb as before.
  const initialDataDir =
    readSnapshot && isEmptyDataDir(dataDir)
      ? readSnapshot(fileURLToPath(new URL('./pglite-snapshot', import.meta.url)), { why: (reason) => log(`  (first start without the PGlite snapshot: ${reason})`) })
      : undefined;
  // PGlite zero-fills all of its shared memory on every start, in WebAssembly. PostgreSQL's
  // default 128 MB of shared buffers is far more than the demo's whole database (~9 MB, and
  // the pages its requests touch are a fraction of that), and 100 connections' worth of
  // process and lock tables serve PGlite's one: 4 MB and 4 connections make 8 MB to clear
  // instead of 24 MB (16 MB of buffers) or 145 MB (the defaults).
  return pgliteStorage({ dataDir, initialDataDir, settings: { shared_buffers: '4MB', max_connections: 4 } });
}

async function openMail({ smtpUrl, dataDir }) {
  let forward;
  if (smtpUrl) {
    const { smtpMail } = await import('sitegate/adapters/smtp');
    forward = smtpMail({ url: smtpUrl, from: 'Acme Builders <portal@acme.example>' });
  }
  return outboxMail(`${dataDir}/outbox.json`, forward);
}

/**
 * Starts the demo. Returns its URL and a `close()` that stops the outbox worker, the server
 * and the storage. Used by `npm start` and by the end-to-end tests.
 */
export async function startDemo(options = {}) {
  const port = Number(options.port ?? process.env.PORT ?? 3000);
  const dataDir = options.dataDir ?? process.env.SITEGATE_DATA_DIR ?? `${root}.sitegate-data/demo`;
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const smtpUrl = options.smtpUrl ?? process.env.SMTP_URL;
  const log = options.log ?? console.log;

  const storage = await openStorage({ databaseUrl, dataDir: `${dataDir}/pglite`, log });
  const mail = await openMail({ smtpUrl, dataDir });
  const content = memoryContent(demoContent());
  // What the host hears (`onEvent`), kept for the dev events page.
  const heard = hostEvents(`${dataDir}/events.json`, log);
  // The content starts from its fixture on every run: the decisions heard before bring it up to date.
  for (const event of heard.events) await settleDecidedItem(content, event);
  let origin = `http://localhost:${port}`;
  // Real time plus what the dev clock route added (see notification-pages.mjs).
  const clock = demoClock();
  // The seeded clients' passwords come pre-hashed (see seed-passwords.mjs) unless the caller
  // brings its own hasher, whose hashes these would not be.
  const passwords = options.portalOptions?.passwords ? null : seededPasswords(scryptPasswords());
  const portal = createPortal({
    storage,
    mail,
    content,
    // The token rides in the fragment: browsers send it to no server and in no Referer. The
    // accept page has a path of its own, so a reload there is still the accept page.
    acceptUrl: (token) => `${origin}/portal/accept#token=${encodeURIComponent(token)}`,
    // Account links open the portal page too, each at a path of its own.
    resetUrl: (token) => `${origin}/portal/reset#token=${encodeURIComponent(token)}`,
    signInLinkUrl: (token) => `${origin}/portal/sign-in-link#token=${encodeURIComponent(token)}`,
    confirmEmailUrl: (token) => `${origin}/portal/confirm-email#token=${encodeURIComponent(token)}`,
    tenants: async (tenantId) => (tenantId === DEMO_TENANT ? demoTenant : null),
    staffName: async () => 'Alex Morgan',
    now: clock.now,
    // Digests link to the project in the portal and carry the one-click unsubscribe link.
    portalUrl: (_tenantId, projectId) => `${origin}/portal#sg-project=${encodeURIComponent(projectId)}`,
    unsubscribeUrl: (token) => `${origin}/unsubscribe?token=${encodeURIComponent(token)}`,
    onError: (error) => log(`[sitegate] ${error instanceof Error ? error.message : error}`),
    // Kept for the events page, then acted on as a host would: a settled approval settles the item.
    onEvent: async (event) => {
      heard.onEvent(event);
      await settleDecidedItem(content, event);
    },
    ...(passwords ? { passwords: passwords.hasher } : {}),
    ...(options.portalOptions ?? {}),
  });

  const staff = staffSessions();
  const api = createPortalHandler(portal, {
    basePath: '/api/portal',
    // The demo's "host login": the builder page signs the browser in; a real host checks its own session.
    authenticateStaff: (request) => (staff.has(request.headers.get('cookie')) ? demoStaff : null),
    // Sent to the whole site, so the demo's file route can read the client's session too.
    cookie: { secure: false, path: '/' },
    rateLimit: options.rateLimit,
    onError: (error) => log(`[sitegate] request failed: ${error instanceof Error ? error.message : error}`),
  });
  const mayOpenFile = fileAccess({ portal, api, content, tenantId: DEMO_TENANT, staff });
  const site = pages({ root, mail, heard, content, tenantId: DEMO_TENANT, staff, mayOpenFile, clientOf: api.clientOf, bundleCache: `${dataDir}/browser-bundle`, log });
  const apiListener = toNodeListener(api);
  const notificationSite = notificationPages({ portal, staff, clock });

  // Timeouts close connections that send their headers or body too slowly.
  const server = createServer(serverOptions(options.timeouts), (req, res) => {
    if (req.url === '/api/portal' || req.url?.startsWith('/api/portal/')) {
      for (const [name, value] of Object.entries(API_HEADERS)) res.setHeader(name, value);
      return apiListener(req, res);
    }
    void notificationSite(req, res).then((served) => served || site(req, res));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host ?? '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  // A chosen port is shown as localhost for people; an ephemeral one (tests) names the address
  // actually bound, so nothing listening on ::1 with the same number can answer instead.
  origin = `http://${port === 0 ? '127.0.0.1' : 'localhost'}:${actualPort}`;

  const seed = () => seedIfEmpty(portal, { acceptToken: (email) => latestToken(mail, email) });
  const seeded = await (passwords ? passwords.seeding(seed) : seed());
  const worker = portal.outbox.start({ intervalMs: 500 });
  // Expired sessions and links, sent mail and delivered events go once ended 30 days
  // (docs/retention.md): daily, the first a minute after start so it never delays one.
  let purging = Promise.resolve();
  const purge = () => {
    purging = portal.retention.purge().then(undefined, (error) => log(`retention purge failed: ${error.message}`));
  };
  const purgeTimers = [setTimeout(purge, 60_000), setInterval(purge, 24 * 60 * 60 * 1000)];
  for (const timer of purgeTimers) timer.unref();

  log(`sitegate demo on ${origin}`);
  log(`  builder (staff) page   ${origin}/builder`);
  log(`  client portal          ${origin}/portal   (sign in as ${DEMO_CLIENT.email} / ${DEMO_CLIENT.password})`);
  log(`  forgot password        ${origin}/portal   ("Forgot password?"; the reset email shows in the dev outbox)`);
  log(`  dev outbox             ${origin}/outbox`);
  log(`  host events            ${origin}/events   (what onEvent heard)`);
  log(`  storage: ${storage.name}${databaseUrl ? '' : ` in ${dataDir}`}; mail: ${mail.name}${seeded ? '; seeded demo data' : ''}`);

  let closing;
  return {
    url: origin,
    portal,
    mail,
    heard,
    content,
    close() {
      closing ??= (async () => {
        for (const timer of purgeTimers) clearTimeout(timer);
        await Promise.all([worker.stop(), purging]);
        await new Promise((resolve) => server.close(resolve));
        server.closeAllConnections?.();
        await storage.close();
      })();
      return closing;
    },
  };
}

export function latestToken(mail, email) {
  const message = [...mail.messages].reverse().find((m) => m.to === email);
  const match = message && /#token=([^\s"&<]+)/.exec(message.text);
  return match ? decodeURIComponent(match[1]) : undefined;
}
