// Notifications in the demo: the page behind a digest's unsubscribe link (the one-click POST of
// a mailbox provider, RFC 8058, and a person's click on the visible link), and a dev-only clock a
// tester moves forward to see digests go out without waiting for their window.
import { PAGE_HEADERS } from './headers.mjs';

const HTML = 'text/html; charset=utf-8';
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
/** The largest jump one request may make: a year. */
const MAX_ADVANCE_MINUTES = 366 * 24 * 60;

/** Real time plus an offset the dev clock route moves; the demo portal's `now`. */
export function demoClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(minutes) {
      offsetMs += minutes * 60_000;
    },
    get offsetMinutes() {
      return offsetMs / 60_000;
    },
  };
}

const page = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} — sitegate demo</title>
<link rel="stylesheet" href="/assets/demo.css"></head><body>
<nav class="top"><a href="/">sitegate demo</a> · <a href="/portal">Client portal</a></nav>
<main><h1>${escape(title)}</h1>${body}</main></body></html>`;

/** A small body (a form or JSON); anything longer is cut off and fails to parse. */
async function readBody(req) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 10_000) return null;
  }
  return text;
}

/**
 * `/unsubscribe?token=…` (the `unsubscribeUrl` the portal puts in each digest) and the dev
 * route `POST /dev/clock` `{ advanceMinutes }`. Returns a request handler that answers `true`
 * when it served the request.
 */
export function notificationPages({ portal, staff, clock }) {
  const send = (res, status, type, body) => {
    res.writeHead(status, { ...PAGE_HEADERS, 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };

  async function unsubscribe(req, res, url) {
    const token = url.searchParams.get('token') ?? '';
    if (req.method === 'GET' || req.method === 'HEAD') {
      // Opening the link changes nothing (mail scanners open links): the button posts.
      return send(
        res,
        200,
        HTML,
        page(
          'Stop notification emails',
          `<div class="card"><p>Stop emails about new things shared with you in the portal? You can turn them back on in the portal, under “Email notifications”.</p>
<form method="post" action="/unsubscribe?token=${escape(encodeURIComponent(token))}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button class="btn primary" type="submit">Unsubscribe</button></form></div>`,
        ),
      );
    }
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'GET or POST');
    // A mailbox provider's one-click POST carries `List-Unsubscribe=One-Click`, the token stays in the query.
    const body = await readBody(req);
    if (body === null) return send(res, 413, 'text/plain; charset=utf-8', 'Too large');
    try {
      await portal.notifications.unsubscribe(token);
      return send(res, 200, HTML, page('You are unsubscribed', '<div class="card" role="status"><p>You will get no more emails about new things. Everything stays in the portal when you sign in.</p></div>'));
    } catch (error) {
      const status = typeof error?.status === 'number' && error.status < 500 ? error.status : 400;
      // A second click: the first one did turn the emails off (unless the client turned them on
      // again since, in the portal), so "does not work" would read as still subscribed.
      if (error?.code === 'link_used') {
        return send(res, status, HTML, page('This unsubscribe link was already used', '<div class="card" role="status"><p>It turned off your emails about new things. To change that, sign in to the portal and open “Email notifications”.</p></div>'));
      }
      // Unknown, forged and malformed tokens look alike.
      return send(res, status, HTML, page('This unsubscribe link does not work', '<div class="card" role="alert"><p>Sign in to the portal and change “Email notifications” there.</p></div>'));
    }
  }

  async function devClock(req, res) {
    // Dev only, like the other dev routes: staff only, POST with a JSON body (a cross-site form cannot send one).
    if (!staff.has(req.headers.cookie)) return send(res, 401, 'application/json', '{"error":"staff only"}');
    if (req.method !== 'POST' || !/^application\/json\b/.test(req.headers['content-type'] ?? '')) return send(res, 405, 'application/json', '{"error":"POST JSON"}');
    let minutes;
    try {
      minutes = JSON.parse((await readBody(req)) ?? '')?.advanceMinutes;
    } catch {
      minutes = undefined;
    }
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_ADVANCE_MINUTES) {
      return send(res, 422, 'application/json', JSON.stringify({ error: `advanceMinutes: a number of minutes above 0, at most ${MAX_ADVANCE_MINUTES}` }));
    }
    clock.advance(minutes);
    // What fell due goes out now, not at the worker's next tick.
    const flushed = await portal.outbox.flush();
    return send(res, 200, 'application/json', JSON.stringify({ now: clock.now().toISOString(), offsetMinutes: clock.offsetMinutes, flushed }));
  }

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = url.pathname === '/unsubscribe' ? () => unsubscribe(req, res, url) : url.pathname === '/dev/clock' ? () => devClock(req, res) : undefined;
    if (!route) return false;
    try {
      await route();
    } catch (error) {
      console.error(error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'The demo failed to serve this page.');
      else res.end();
    }
    return true;
  };
}
