import { html, nothing, type TemplateResult } from 'lit';
import type { Receipt } from '../../src/model/receipt.js';
import type { PortalClient } from '../context.js';
import type { SgStrings } from '../i18n/en.js';
import { timeAgo } from '../util/relative-time.js';

/** Receipts are shown for the few most recent viewers; the rest are in `receipts.list`. */
const SHOWN = 3;

/**
 * Who opened these resources, newest view first, with each client's name as the builder knows it.
 * A viewer no longer on the project (access revoked, or archived) is not in its client list but
 * keeps its receipt: its name is read on its own, for the few lines shown.
 */
export async function loadReceipts(client: PortalClient, projectId: string, module: Receipt['module'], ids: string[]): Promise<{ receipt: Receipt; name: string }[]> {
  const [receipts, clients] = await Promise.all([
    ids.length === 1 ? client.receipts.list(projectId, { module, id: ids[0]! }) : client.receipts.list(projectId, { module }),
    client.clients.list({ projectId, limit: 500 }),
  ]);
  const names = new Map(clients.items.map((c) => [c.id, c.name || c.email]));
  const wanted = new Set(ids);
  // One line per client: the latest of its views across the resources.
  const latest = new Map<string, Receipt>();
  for (const r of receipts) {
    if (!wanted.has(r.id)) continue;
    const seen = latest.get(r.clientId);
    if (!seen || new Date(r.lastViewedAt) > new Date(seen.lastViewedAt)) latest.set(r.clientId, r);
  }
  const newest = [...latest.values()].sort((a, b) => new Date(b.lastViewedAt).getTime() - new Date(a.lastViewedAt).getTime());
  const missing = newest.slice(0, SHOWN).filter((r) => !names.has(r.clientId));
  await Promise.all(
    missing.map(async ({ clientId }) => {
      const known = await client.clients.get(clientId).catch(() => undefined);
      if (known) names.set(clientId, known.name || known.email);
    }),
  );
  return newest.map((receipt) => ({ receipt, name: names.get(receipt.clientId) ?? receipt.clientId }));
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
