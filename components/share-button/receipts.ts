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
 * The ids go in runs short enough for one request's query string, one run after another (as the
 * api client sends `shares.status`'s); each run gives its own newest viewers, and the newest
 * across runs are among them (a viewer newest of all is newest in its run). A run whose pages
 * ran out before `SHOWN` viewers may hide one as recent as the last view it read: a viewer of
 * another run older than that is not shown, since it may not be among the newest.
 */
export async function loadReceipts(client: PortalClient, projectId: string, module: Receipt['module'], ids: string[]): Promise<{ receipt: Receipt; name: string }[]> {
  const found: Receipt[] = [];
  let floor = -Infinity;
  for (const run of idChunks(ids)) {
    const { viewers, readTo } = await newestViewers(client, projectId, run.length === 1 ? { module, id: run[0]! } : { module, ids: run });
    found.push(...viewers);
    if (readTo !== undefined) floor = Math.max(floor, readTo);
  }
  const latest = new Map<string, Receipt>();
  for (const r of found.sort((a, b) => time(b) - time(a))) {
    if (!latest.has(r.clientId) && time(r) >= floor) latest.set(r.clientId, r);
  }
  const newest = [...latest.values()].slice(0, SHOWN);
  const names = await Promise.all(newest.map(({ clientId }) => client.clients.get(clientId).then((c) => c.name || c.email, () => clientId)));
  return newest.map((receipt, i) => ({ receipt, name: names[i]! }));
}

const time = (r: Receipt): number => new Date(r.lastViewedAt).getTime();

/**
 * Up to `SHOWN` viewers of these resources, each by its latest view, newest first. The list
 * comes newest view first, so a client's first receipt is its latest: pages are read only until
 * `SHOWN` clients are found. `readTo`: the time of the last view read, when the pages ran out
 * first with more to read.
 */
async function newestViewers(client: PortalClient, projectId: string, filter: ReceiptListInput): Promise<{ viewers: Receipt[]; readTo?: number }> {
  const latest = new Map<string, Receipt>();
  let cursor: string | undefined;
  let last: Receipt | undefined;
  for (let page = 0; page < PAGES; page++) {
    const { items, nextCursor } = await client.receipts.list(projectId, { ...filter, limit: PAGE, cursor });
    for (const r of items) if (!latest.has(r.clientId)) latest.set(r.clientId, r);
    last = items[items.length - 1] ?? last;
    if (!nextCursor || latest.size >= SHOWN) return { viewers: [...latest.values()] };
    cursor = nextCursor;
  }
  return { viewers: [...latest.values()], ...(last ? { readTo: time(last) } : {}) };
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
