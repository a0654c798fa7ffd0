import { html, nothing, type TemplateResult } from 'lit';
import type { Resource } from '../../src/model/resource.js';
// The shapes read here are documented and typed in src/model/resource-meta.ts (docs/modules.md).
import type { ChangeOrderMeta, DailyLogMeta, DrawingMeta, InvoiceMeta, ReportMeta, SelectionMeta } from '../../src/model/resource-meta.js';
import type { SgStrings } from '../i18n/en.js';
import { safeImageUrl, safeUrl } from '../util/safe-url.js';

/** What the detail renderers need from `<sg-portal-view>`: strings, dates and money in the tenant's way. */
export interface DetailsHost {
  t(key: keyof SgStrings, params?: Record<string, string | number>): string;
  date(value: Date | string | undefined): string;
  money(amount: number, currency?: string): string;
  /** A status from the host's content in the page's language (see `statusText`). */
  status(value: string): string;
  /** The client's own decision on the item in this visit ("Approved by you"), shown for its status. */
  yours(resource: Resource): [said: string, decision: string] | undefined;
  /** A link of the resource's was followed (a revision, its PDF, a photo of the day): its view is recorded as its name link's is. */
  opened(resource: Resource): void;
}

/** Modules whose items carry details worth a panel; the others open by their link. */
export const DETAIL_MODULES = new Set(['reports', 'dailyLogs', 'selections', 'changeOrders', 'invoices', 'drawings']);

// `meta` comes from the host unchecked: every reader takes only values of the type it shows.
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
/** Only http(s) for links a client is sent to pay or download through. */
const webUrl = (v: unknown): string | undefined => {
  const url = safeUrl(v);
  return url && /^https?:/i.test(url) ? url : undefined;
};

/** The client's decision just made, else the item's status (`meta.status`, else the resource's) in the page's language. */
const statusOf = (host: DetailsHost, r: Resource, meta: { status?: unknown }): string | undefined => {
  const value = str(meta.status) ?? str(r.status);
  return host.yours(r)?.[0] ?? (value && host.status(value));
};

type Row = [label: string, value: TemplateResult | string | undefined];

const rows = (entries: Row[]): TemplateResult | typeof nothing => {
  const shown = entries.filter(([, value]) => value !== undefined && value !== '');
  return shown.length ? html`<dl class="facts">${shown.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>` : nothing;
};

const amountOf = (host: DetailsHost, r: Resource, value: unknown): string | undefined => {
  const n = num(value);
  return n === undefined ? undefined : host.money(n, str(r.meta?.currency));
};

function report(host: DetailsHost, r: Resource): TemplateResult {
  const m = rec(r.meta) as ReportMeta;
  const fields = list(m.fields).map(rec).filter((f) => str(f.label));
  // One list, so the report's own fields line up with the inspector and the date.
  return html`${rows([
    [host.t('portalInspector'), str(m.inspector)],
    [host.t('portalCompleted'), str(m.completedAt) && host.date(str(m.completedAt))],
    ...fields.map((f): Row => [str(f.label)!, typeof f.value === 'boolean' ? (f.value ? '✓' : '✗') : (str(f.value) ?? '—')]),
  ])}`;
}

function dailyLog(host: DetailsHost, r: Resource): TemplateResult {
  const m = rec(r.meta) as DailyLogMeta;
  const crew = list(m.crew)
    .map((c) => {
      if (typeof c === 'string') return c;
      const { name, count } = rec(c);
      const n = num(count);
      return str(name) && (n === undefined ? str(name)! : host.t('portalCrewCount', { name: str(name)!, count: n }));
    })
    .filter((c): c is string => !!c);
  const photos = list(m.photos)
    .map(rec)
    .flatMap((p) => {
      const src = safeImageUrl(p.url);
      return src ? [{ src, name: str(p.name) }] : [];
    });
  return html`${rows([
      [host.t('portalDate'), str(m.date) && host.date(str(m.date))],
      [host.t('portalWeather'), str(m.weather)],
      [host.t('portalCrew'), crew.length ? crew.join(', ') : undefined],
    ])}
    ${str(m.notes) ? html`<p class="notes">${m.notes}</p>` : nothing}
    ${photos.length
      ? html`<ul class="log-photos" role="list" aria-label=${host.t('portalPhotos')}>
          ${photos.map(
            // The image names the link: a photo without a name of its own by its place in the day's.
            (p, i) =>
              html`<li><a href=${p.src} target="_blank" rel="noopener noreferrer" @click=${() => host.opened(r)}><img src=${p.src} alt=${p.name ?? host.t('portalPhotoOf', { index: i + 1, count: photos.length })} loading="lazy" /><span class="sr-only"> ${host.t('opensInNewTab')}</span></a></li>`,
          )}
        </ul>`
      : nothing}`;
}

function selection(host: DetailsHost, r: Resource): TemplateResult {
  const m = rec(r.meta) as SelectionMeta;
  const chosen = str(m.chosenOptionId);
  const options = list(m.options).map(rec).filter((o) => str(o.name));
  return html`${rows([
      [host.t('portalAllowance'), amountOf(host, r, m.allowance)],
      [host.t('portalPrice'), amountOf(host, r, m.price)],
      [host.t('portalDueDate'), str(m.dueDate) && host.date(str(m.dueDate))],
    ])}
    ${options.length
      ? html`<p class="label">${host.t('portalOptions')}</p>
          <ul class="options" role="list">
            ${options.map((o) => {
              const isChosen = chosen !== undefined && str(o.id) === chosen;
              return html`<li class=${isChosen ? 'chosen' : ''}>
                <span>${str(o.name)}</span>
                ${amountOf(host, r, o.price) ? html`<span class="amount">${amountOf(host, r, o.price)}</span>` : nothing}
                ${isChosen ? html`<span class="badge chosen-badge">${host.t('portalChosen')}</span>` : nothing}
              </li>`;
            })}
          </ul>`
      : nothing}`;
}

function changeOrder(host: DetailsHost, r: Resource): TemplateResult {
  const m = rec(r.meta) as ChangeOrderMeta;
  return html`${str(m.description) ? html`<p class="notes">${m.description}</p>` : nothing}
  ${rows([
    [host.t('portalAmount'), amountOf(host, r, m.amount)],
    [host.t('portalStatus'), statusOf(host, r, m)],
  ])}`;
}

function invoice(host: DetailsHost, r: Resource): TemplateResult {
  const m = rec(r.meta) as InvoiceMeta;
  const pdf = webUrl(m.pdfUrl);
  const pay = webUrl(m.payUrl);
  const amount = amountOf(host, r, m.amount);
  return html`${rows([
      [host.t('portalAmount'), amount],
      [host.t('portalDueDate'), str(m.dueDate) && host.date(str(m.dueDate))],
      [host.t('portalStatus'), statusOf(host, r, m)],
    ])}
    ${pdf || pay
      ? html`<p class="actions">
          ${pdf ? html`<a class="btn" href=${pdf} target="_blank" rel="noopener noreferrer" @click=${() => host.opened(r)}>${host.t('portalPdf')}<span class="sr-only"> ${host.t('opensInNewTab')}</span></a>` : nothing}
          ${pay
            ? html`<a class="btn primary" part="pay" href=${pay} target="_blank" rel="noopener noreferrer"
                >${amount ? host.t('portalPayAmount', { amount }) : host.t('portalPay')}<span class="sr-only"> ${host.t('opensInNewTab')}</span></a
              >`
            : nothing}
        </p>`
      : nothing}`;
}

/** Revisions oldest first; the current one is the entry marked `current`, else `meta.revision`, else the last. */
export function revisionsOf(r: Resource): { label: string; date?: string; url?: string; current: boolean }[] {
  const m = rec(r.meta) as DrawingMeta;
  const entries = list(m.revisions).map((e) => {
    const o = rec(e);
    const label = typeof e === 'string' || typeof e === 'number' ? String(e) : (str(o.rev) ?? str(o.revision) ?? str(o.name) ?? str(o.id) ?? '');
    return { label, date: str(o.date), url: safeUrl(o.url), marked: o.current === true };
  });
  const current = entries.find((e) => e.marked)?.label ?? str(m.revision) ?? entries.at(-1)?.label;
  return entries.filter((e) => e.label).map(({ marked: _, ...e }) => ({ ...e, current: e.label === current }));
}

function drawing(host: DetailsHost, r: Resource): TemplateResult {
  const revisions = revisionsOf(r);
  if (!revisions.length) return rows([[host.t('portalCurrentRevision'), str(r.meta?.revision)]]) as TemplateResult;
  return html`<ol class="revisions" role="list">
    ${[...revisions].reverse().map((rev) => {
      const label = host.t('portalRevision', { revision: rev.label });
      return html`<li aria-current=${rev.current ? 'true' : nothing}>
        ${rev.url ? html`<a href=${rev.url} target="_blank" rel="noopener noreferrer" @click=${() => host.opened(r)}>${label}<span class="sr-only"> ${host.t('opensInNewTab')}</span></a>` : html`<span>${label}</span>`}
        ${rev.date ? html`<span class="meta">${host.date(rev.date)}</span>` : nothing}
        ${rev.current ? html`<span class="badge current">${host.t('portalCurrentRevision')}</span>` : nothing}
      </li>`;
    })}
  </ol>`;
}

const RENDERERS: Record<string, (host: DetailsHost, r: Resource) => TemplateResult> = {
  reports: report,
  dailyLogs: dailyLog,
  selections: selection,
  changeOrders: changeOrder,
  invoices: invoice,
  drawings: drawing,
};

/** The details panel of one item, from the resource as the content source resolved it. */
export function detailsPanel(host: DetailsHost, r: Resource): TemplateResult {
  return RENDERERS[r.module]?.(host, r) ?? html``;
}

/** What the row shows without opening: amount, due date, current revision. */
export function summaryBits(host: DetailsHost, r: Resource): string[] {
  const m = rec(r.meta);
  const bits: string[] = [];
  if (r.module === 'drawings') {
    const current = revisionsOf(r).find((x) => x.current)?.label ?? str(m.revision);
    if (current) bits.push(host.t('portalRevision', { revision: current }));
  }
  if (r.module === 'dailyLogs' && str(m.weather)) bits.push(str(m.weather)!);
  const amount = amountOf(host, r, m.amount ?? (r.module === 'selections' ? m.price : undefined));
  if (amount) bits.push(amount);
  if (r.module === 'invoices' && str(m.dueDate)) bits.push(host.t('portalDue', { date: host.date(str(m.dueDate)) }));
  return bits;
}
