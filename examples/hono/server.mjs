// Serves examples/hono/app.mjs on Node with @hono/node-server (Bun and Deno serve app.fetch as is).
//   PORT        default 3000
//   PUBLIC_URL  where browsers reach the app, for the links in invite emails
import { serve } from '@hono/node-server';
import { createApp } from './app.mjs';

const port = Number(process.env.PORT ?? 3000);
const { app, portal } = createApp({ origin: process.env.PUBLIC_URL ?? `http://localhost:${port}` });

// Close connections that are slow to send their headers or body (Node's defaults are 1 and 5 min).
const serverOptions = { headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1_000 };
const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1', serverOptions }, (info) => {
  console.log(`sitegate API on http://127.0.0.1:${info.port}/api/portal (staff: cookie host_session=demo-staff-session)`);
});
// Delivers invite mail in the background.
const outbox = portal.outbox.start({ intervalMs: 1000 });

const stop = async () => {
  await outbox.stop();
  server.close(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
