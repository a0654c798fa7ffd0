// The demo's own pages: static HTML, the browser bundle (built once with esbuild on start),
// the host's content API for the builder page, and the dev outbox. Every response carries the
// headers in headers.mjs; nothing here is inline script.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { PAGE_HEADERS } from './headers.mjs';

const here = fileURLToPath(new URL('./', import.meta.url));
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

async function bundle(root) {
  const result = await build({
    entryPoints: { builder: `${here}public/builder.ts`, portal: `${here}public/portal.ts` },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    outdir: '/assets',
    absWorkingDir: root,
    logLevel: 'silent',
  });
  return new Map(result.outputFiles.map((f) => [f.path, f.text]));
}

const HTML = 'text/html; charset=utf-8';

function outboxPage(mail) {
  const rows = [...mail.messages]
    .reverse()
    .map((m) => {
      const link = /https?:\/\/\S+#token=[^\s"<]+/.exec(m.text)?.[0];
      return `<article class="mail">
  <header><strong>To:</strong> ${escape(m.to)} <span class="when">${escape(m.sentAt ?? '')}</span></header>
  <h2>${escape(m.subject)}</h2>
  ${link ? `<p><a class="invite-link" href="${escape(link)}">Open the invite link</a></p>` : ''}
  <pre>${escape(m.text)}</pre>
</article>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dev outbox — sitegate demo</title>
<link rel="stylesheet" href="/assets/demo.css"></head><body>
<nav class="top"><a href="/">sitegate demo</a> · <a href="/builder">Builder</a> · <a href="/portal">Client portal</a> · <strong>Outbox</strong></nav>
<main><h1>Dev outbox</h1><p class="hint">Every email the demo sent, newest first. Open an invite link in another browser (or a private window) to act as the client.</p>
${rows || '<p>No email sent yet. Invite a client on the builder page.</p>'}</main></body></html>`;
}

/** The outbox holds working invite links: only the builder may read it. */
const outboxSignInPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dev outbox — sitegate demo</title>
<link rel="stylesheet" href="/assets/demo.css"></head><body>
<nav class="top"><a href="/">sitegate demo</a> · <a href="/builder">Builder</a> · <a href="/portal">Client portal</a> · <strong>Outbox</strong></nav>
<main><h1>Dev outbox</h1><div class="card" role="alert"><p>The outbox shows working invite links, so it is for the builder only.</p>
<p><a href="/builder">Open the builder page</a> (it signs this browser in as the builder), then come back.</p></div></main></body></html>`;

export function pages({ root, mail, content, tenantId, staff }) {
  const assets = bundle(root);
  const file = (name) => readFile(`${here}public/${name}`);
  const send = (res, status, type, body, headers = {}) => {
    res.writeHead(status, { ...PAGE_HEADERS, 'content-type': type, 'cache-control': 'no-store', ...headers });
    res.end(body);
  };

  return async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const isStaff = staff.has(req.headers.cookie);
      switch (url.pathname) {
        case '/':
          return send(res, 200, HTML, await file('index.html'));
        case '/builder':
          // Stands in for the host's own staff login: this browser becomes the builder.
          return send(res, 200, HTML, await file('builder.html'), isStaff ? {} : { 'set-cookie': staff.issue() });
        case '/portal':
          return send(res, 200, HTML, await file('portal.html'));
        case '/outbox':
          return isStaff ? send(res, 200, HTML, outboxPage(mail)) : send(res, 401, HTML, outboxSignInPage);
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
        default:
          return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
      }
    } catch (error) {
      send(res, 500, 'text/plain; charset=utf-8', 'The demo failed to serve this page.');
      console.error(error);
    }
  };
}
