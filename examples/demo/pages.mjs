// The demo's own pages: static HTML (the builder and portal pages in the language chosen with
// the switch of language.mjs), the browser bundle (browser-bundle.mjs: built with
// esbuild, or read from its cache, on start), the host's content API for the builder page, and
// the dev outbox. Every response carries the headers in headers.mjs; nothing here is inline script.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { browserBundle } from './browser-bundle.mjs';
import { PAGE_HEADERS } from './headers.mjs';
import { backPath, inLanguage, languageCookie, languageOf } from './language.mjs';
import { fileUnavailablePage, payPage, sampleFile } from './sample-files.mjs';

const here = fileURLToPath(new URL('./', import.meta.url));
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const HTML = 'text/html; charset=utf-8';

/** What a link in an email opens, by the path it points at (invites open `/portal/accept`). */
const LINK_KINDS = { '/portal/reset': 'password reset', '/portal/sign-in-link': 'sign-in', '/portal/confirm-email': 'email confirmation' };

/** The top navigation's dev pages, by label. */
const NAV = [['/builder', 'Builder'], ['/portal', 'Client portal'], ['/outbox', 'Outbox'], ['/events', 'Events']];

/** A dev page: its title, the navigation with `current` marked, and `main`. */
function devPage(title, current, main) {
  const nav = NAV.map(([href, label]) => (label === current ? `<strong>${label}</strong>` : `<a href="${href}">${label}</a>`)).join(' · ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — sitegate demo</title>
<link rel="stylesheet" href="/assets/demo.css"></head><body>
<nav class="top"><a href="/">sitegate demo</a> · ${nav}</nav>
<main>${main}</main></body></html>`;
}

/** What a builder-only dev page shows anyone else: why, and how to become the builder. */
function builderOnlyPage(title, current, why) {
  return devPage(title, current, `<h1>${title}</h1><div class="card" role="alert"><p>${why}</p>
<p><a href="/builder">Open the builder page</a> (it signs this browser in as the builder), then come back.</p></div>`);
}

/** An ISO instant as a reader scans it ("2026-12-05 15:42:20 UTC"), kept whole in a `<time>`. */
function when(iso) {
  if (!iso) return '';
  return `<time datetime="${escape(iso)}">${escape(String(iso).replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC'))}</time>`;
}

function outboxPage(mail) {
  const rows = [...mail.messages]
    .reverse()
    .map((m) => {
      const link = /https?:\/\/\S+#token=[^\s"<]+/.exec(m.text)?.[0];
      const kind = link ? LINK_KINDS[new URL(link).pathname] : undefined;
      return `<article class="mail">
  <header><strong>To:</strong> ${escape(m.to)} <span class="when">${when(m.sentAt)}</span></header>
  <h2>${escape(m.subject)}</h2>
  ${link ? `<p><a class="${kind ? 'mail-link' : 'invite-link'}" href="${escape(link)}">Open the ${kind ?? 'invite'} link</a></p>` : ''}
  ${m.listUnsubscribe ? `<p class="digest"><strong>Digest</strong> · List-Unsubscribe: <code class="list-unsubscribe">${escape(m.listUnsubscribe)}</code></p>` : ''}
  <pre>${escape(m.text)}</pre>
</article>`;
    })
    .join('\n');
  return devPage('Dev outbox', 'Outbox', `<h1>Dev outbox</h1><p class="hint">Every email the demo sent, newest first. Open an invite, password reset or sign-in link in another browser (or a private window) to act as the client.</p>
${rows || '<p>No email sent yet. Invite a client on the builder page.</p>'}`);
}

function eventsPage(heard) {
  const rows = [...heard.events]
    .reverse()
    .map((e) => {
      const cause = typeof e.data?.cause === 'string' ? ` · ${escape(e.data.cause)}` : '';
      return `<article class="event">
  <header><h2><code>${escape(e.type)}</code>${cause}</h2> <span class="when">${when(e.at)} · <code>${escape(e.id)}</code></span></header>
  <pre>${escape(JSON.stringify(e.data, null, 2))}</pre>
</article>`;
    })
    .join('\n');
  return devPage('Host events', 'Events', `<h1>Host events</h1><p class="hint">What the demo host's <code>onEvent</code> heard, newest first: accepted invites, first views, approvals, revoked access. A platform forwards these to its webhooks or CRM.</p>
${rows || '<p>Nothing heard yet. Accept an invite, open a document as the client, or revoke access on the builder page.</p>'}`);
}

/** The outbox holds working invite links: only the builder may read it. */
const outboxSignInPage = builderOnlyPage('Dev outbox', 'Outbox', 'The outbox shows working invite links, so it is for the builder only.');

/** What clients did and what was revoked: for the builder only, like the outbox. */
const eventsSignInPage = builderOnlyPage('Host events', 'Events', 'The events say what each client did, so they are for the builder only.');

/** A small JSON request body; anything unreadable is `null`. */
async function readJson(req) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 10_000) return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Sets `meta.amount` of one resource of the demo content; the changed resource, or null. */
function changeAmount(content, tenantId, body) {
  const { projectId, module, id, amount } = body ?? {};
  if (typeof projectId !== 'string' || typeof id !== 'string' || typeof amount !== 'number' || !Number.isFinite(amount)) return null;
  const found = content.list(tenantId, projectId).find((r) => r.module === module && r.id === id);
  if (!found) return null;
  const changed = { ...found, meta: { ...found.meta, amount }, updatedAt: new Date() };
  content.put(changed);
  return changed;
}

/**
 * The portal page as served: marked `data-signed-out` when the request has no live client
 * session. The session cookie is HttpOnly, so only the server can tell; a page that asked
 * `GET /me` to find out would log a failed 401 request in the console of every signed-out visit.
 * A session that cannot be read now (storage busy) leaves the page unmarked, to ask itself.
 */
async function portalPage(html, clientOf, req) {
  const signedOut = await clientOf(req).then((client) => client === null, () => false);
  return signedOut ? html.replace('<html lang="en">', '<html lang="en" data-signed-out>') : html;
}

/** `bundleCache`: where the built browser bundle is kept across starts (see browser-bundle.mjs). */
/** `heard`: the host's events (host-events.mjs), for the dev events page. */
/** `mayOpenFile(req, pathname)`: whether this request may open that sample file (file-access.mjs). */
/** `clientOf(req)`: the API's `handler.clientOf`, the client signed in behind a request, or null. */
export function pages({ root, mail, heard, content, tenantId, staff, mayOpenFile, clientOf, bundleCache, log }) {
  const assets = browserBundle({ root, cacheDir: bundleCache, log }).then((bundle) => bundle.assets);
  const file = (name) => readFile(`${here}public/${name}`);
  const send = (res, status, type, body, headers = {}) => {
    res.writeHead(status, { ...PAGE_HEADERS, 'content-type': type, 'cache-control': 'no-store', ...headers });
    res.end(body);
  };

  return async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const isStaff = staff.has(req.headers.cookie);
      // The pages with sitegate's elements come in the language chosen with the switch (language.mjs).
      const lang = languageOf(req.headers.cookie);
      switch (url.pathname) {
        case '/':
          return send(res, 200, HTML, await file('index.html'));
        case '/builder':
          // Stands in for the host's own staff login: this browser becomes the builder.
          return send(res, 200, HTML, inLanguage(String(await file('builder.html')), lang, url.pathname), isStaff ? {} : { 'set-cookie': staff.issue() });
        case '/portal':
        case '/portal/accept':
        case '/portal/reset':
        case '/portal/sign-in-link':
        case '/portal/confirm-email':
          return send(res, 200, HTML, inLanguage(await portalPage(String(await file('portal.html')), clientOf, req), lang, url.pathname));
        case '/demo/language': {
          // The language switch: the page's script POSTs and reloads the page itself (keeping its
          // fragment and history state); a plain link's GET is sent back to the page it came from.
          const cookie = { 'set-cookie': languageCookie(url.searchParams.get('lang')) };
          if (req.method === 'POST') return send(res, 204, 'text/plain; charset=utf-8', '', cookie);
          return send(res, 303, 'text/plain; charset=utf-8', '', { ...cookie, location: backPath(url.searchParams.get('back')) });
        }
        case '/outbox':
          return isStaff ? send(res, 200, HTML, outboxPage(mail)) : send(res, 401, HTML, outboxSignInPage);
        case '/events':
          return isStaff ? send(res, 200, HTML, eventsPage(heard)) : send(res, 401, HTML, eventsSignInPage);
        case '/assets/demo.css':
          return send(res, 200, 'text/css; charset=utf-8', await file('demo.css'));
        case '/assets/builder.js':
        case '/assets/portal.js': {
          const code = (await assets).get(url.pathname);
          return code ? send(res, 200, 'text/javascript; charset=utf-8', code) : send(res, 404, 'text/plain; charset=utf-8', 'Not found');
        }
        case '/demo/content': {
          // The host's own API: its content for the builder page. Only for signed-in staff.
          if (!isStaff) return send(res, 401, 'application/json', '{"error":"staff only"}');
          const projectId = url.searchParams.get('projectId') ?? '';
          return send(res, 200, 'application/json', JSON.stringify(content.list(tenantId, projectId)));
        }
        case '/demo/content/amount': {
          // Dev only: the host edits a change order's amount (what makes a pending approval stale).
          // Staff only, POST with a JSON body (a cross-site form cannot send one without a preflight).
          if (!isStaff) return send(res, 401, 'application/json', '{"error":"staff only"}');
          if (req.method !== 'POST' || !/^application\/json\b/.test(req.headers['content-type'] ?? '')) return send(res, 405, 'application/json', '{"error":"POST JSON"}');
          const changed = changeAmount(content, tenantId, await readJson(req));
          return changed ? send(res, 200, 'application/json', JSON.stringify(changed)) : send(res, 422, 'application/json', '{"error":"projectId, module, id of an existing resource and a finite amount"}');
        }
        case '/favicon.ico':
          // No icon, and no 404 in every page's console.
          return send(res, 204, 'image/x-icon', '', { 'cache-control': 'max-age=86400' });
        default: {
          // The demo's sample photos, drawings and PDFs, to whoever may read them (not found to
          // anyone else, as for a file that is not there), and its stand-in payment page.
          const sample = sampleFile(url.pathname);
          if (sample && (await mayOpenFile(req, url.pathname))) return send(res, 200, sample.type, sample.body, { 'cache-control': 'private, no-cache' });
          // One the visitor may not open (no longer shared, access revoked, never shared) says so
          // as a page in the demo's language, pointing back to the portal.
          if (sample) return send(res, 404, HTML, fileUnavailablePage(url.pathname, lang));
          const pay = payPage(url.pathname);
          if (pay) return send(res, 200, HTML, pay);
          return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
        }
      }
    } catch (error) {
      send(res, 500, 'text/plain; charset=utf-8', 'The demo failed to serve this page.');
      console.error(error);
    }
  };
}
