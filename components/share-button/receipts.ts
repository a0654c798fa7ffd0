import { html, nothing, type TemplateResult } from 'lit';
import type { Receipt, ReceiptListInput } from '../../src/model/receipt.js';
import { idChunks } from '../../src/client/id-chunks.js';
import type { PortalClient } from '../context.js';
import type { SgStrings } from '../i18n/en.js';
import { timeAgo } from '../util/relative-time.js';

/** Receipts are shown for the few most recent viewers; the rest are in `receipts.list`. */
const SHOWN = 3;
/** Receipts read a page, and pages read at most, looking for `SHOWN` viewers among them. */
const PAGE = 100;
const PAGES = 5;

/**
 * The few most recent viewers of these resources, newest first: one line per client, the latest
 * of its views across the resources. Each name is read on its own: a viewer no longer on the
 * project (access revoked, or archived) keeps its receipt.
 *
 * The ids go in runs short enough for one request's query string; each run gives its own newest
 * viewers, and the newest across runs are among them (a viewer newest of all is newest in its run).
 */
export async function loadReceipts(client: PortalClient, projectId: string, module: Receipt['module'], ids: string[]): Promise<{ receipt: Receipt; name: string }[]> {
  const runs = await Promise.all(idChunks(ids).map((run) => newestViewers(client, projectId, run.length === 1 ? { module, id: run[0]! } : { module, ids: run })));
  const latest = new Map<string, Receipt>();
  for (const r of runs.flat().sort((a, b) => new Date(b.lastViewedAt).getTime() - new Date(a.lastViewedAt).getTime())) {
    if (!latest.has(r.clientId)) latest.set(r.clientId, r);
  }
  const newest = [...latest.values()].slice(0, SHOWN);
  const names = await Promise.all(newest.map(({ clientId }) => client.clients.get(clientId).then((c) => c.name || c.email, () => clientId)));
  return newest.map((receipt, i) => ({ receipt, name: names[i]! }));
}

/**
 * Up to `SHOWN` viewers of these resources, each by its latest view, newest first. The list
 * comes newest view first, so a client's first receipt is its latest: pages are read only until
 * `SHOWN` clients are found.
 */
async function newestViewers(client: PortalClient, projectId: string, filter: ReceiptListInput): Promise<Receipt[]> {
  const latest = new Map<string, Receipt>();
  let cursor: string | undefined;
  for (let page = 0; page < PAGES && latest.size < SHOWN; page++) {
    const { items, nextCursor } = await client.receipts.list(projectId, { ...filter, limit: PAGE, cursor });
    for (const r of items) if (!latest.has(r.clientId)) latest.set(r.clientId, r);
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return [...latest.values()];
}

/** "Viewed by Dana · 2 hours ago", one line per viewer; "Not viewed yet" while shared and unopened. */
export function receiptsLine(
  t: (key: keyof SgStrings, params?: Record<string, string | number>) => string,
  locale: string | undefined,
  receipts: { receipt: Receipt; name: string }[] | undefined,
  shared: boolean,
): TemplateResult | typeof nothing {
  if (!receipts) return nothing;
  if (!receipts.length) return shared ? html`<span part="receipts" class="receipts">${t('receiptNotViewed')}</span>` : nothing;
  return html`<ul part="receipts" class="receipts" aria-label=${t('receiptsLabel')}>
    ${receipts.slice(0, SHOWN).map(
      ({ receipt, name }) => html`<li>
        <time datetime=${new Date(receipt.lastViewedAt).toISOString()}>${t('receiptViewedBy', { name, when: timeAgo(receipt.lastViewedAt, locale) })}</time
        >
      </li>`,
    )}
  </ul>`;
}
