import { html, nothing, type TemplateResult } from 'lit';
import type { Receipt } from '../../src/model/receipt.js';
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
 * of its views across the resources. The list comes newest view first, so a client's first
 * receipt is its latest; pages are read only until `SHOWN` clients are found. Each name is read
 * on its own: a viewer no longer on the project (access revoked, or archived) keeps its receipt.
 */
export async function loadReceipts(client: PortalClient, projectId: string, module: Receipt['module'], ids: string[]): Promise<{ receipt: Receipt; name: string }[]> {
  const latest = new Map<string, Receipt>();
  const filter = ids.length === 1 ? { module, id: ids[0]! } : { module, ids };
  let cursor: string | undefined;
  for (let page = 0; page < PAGES && latest.size < SHOWN; page++) {
    const { items, nextCursor } = await client.receipts.list(projectId, { ...filter, limit: PAGE, cursor });
    for (const r of items) if (!latest.has(r.clientId)) latest.set(r.clientId, r);
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  const newest = [...latest.values()].slice(0, SHOWN);
  const names = await Promise.all(newest.map(({ clientId }) => client.clients.get(clientId).then((c) => c.name || c.email, () => clientId)));
  return newest.map((receipt, i) => ({ receipt, name: names[i]! }));
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
