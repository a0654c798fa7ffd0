import { html, nothing, type TemplateResult } from 'lit';
import type { FeedSchedule, FeedUpdate } from '../../src/model/feed.js';
import type { Resource } from '../../src/model/resource.js';
import type { SgStrings } from '../i18n/en.js';
import { cssomStyle } from '../util/cssom-style.js';
import { dayToDate, isDateOnly } from '../util/dates.js';
import { safeImageUrl, safeUrl } from '../util/safe-url.js';
import { DETAIL_MODULES, revisionsOf, summaryBits } from './details.js';
import { newBadge } from './new-badges.js';

/** What the section renderers need from `<sg-portal-view>`. */
export interface SectionHost {
  t(key: keyof SgStrings, params?: Record<string, string | number>): string;
  date(value: Date | string | undefined, withTime?: boolean): string;
  money(amount: number, currency?: string): string;
  /** A status from the host's content in the page's language (see `statusText`). */
  status(value: string): string;
  /** The client's own decision on the item in this visit ("Approved by you") and which, shown for its status. */
  yours(resource: Resource): [said: string, decision: string] | undefined;
  /** A calendar-date span (`YYYY-MM-DD`), the same days in every time zone. */
  dayRange(start: string, end: string): string;
  /**
   * A folder's disclosure, or an item's "Details" toggle and panel. `where` tells the copies of
   * one resource apart (a document in its module and attached to an update): their panels' ids.
   */
  folder(resource: Resource, where: string): TemplateResult;
  details(resource: Resource, where: string): TemplateResult;
  opened(resource: Resource): void;
  /**
   * The resource was listed but is no longer shared with the client (unshared while the page was
   * open): its row says so instead of offering a link or a toggle that can only fail.
   */
  gone(resource: Resource): boolean;
  viewPhoto(photos: Resource[], index: number): void;
}

/** A resource's name, linked only when its URL has a safe scheme. */
export function resourceLink(host: SectionHost, r: Resource): TemplateResult {
  const href = safeUrl(r.url);
  if (!href) return html`<span class="name">${r.name}</span>`;
  return html`<a class="name" href=${href} target="_blank" rel="noopener noreferrer" @click=${() => host.opened(r)}
    >${r.name}<span class="sr-only"> ${host.t('opensInNewTab')}</span></a
  >`;
}

/**
 * The date a row shows: a daily log's own day (`meta.date`), or a drawing's current revision's
 * date (beside "Revision C", it reads as that revision's), each a calendar date, the same in every
 * time zone; else when the item last changed, in the viewer's time zone.
 */
function rowDate(r: Resource): Date | string {
  const day = r.module === 'dailyLogs' ? r.meta?.date : r.module === 'drawings' ? revisionsOf(r).find((x) => x.current)?.date : undefined;
  return isDateOnly(day) && dayToDate(day) ? day : r.updatedAt;
}

function details(host: SectionHost, r: Resource): TemplateResult {
  return html`<span class="meta">${[...summaryBits(host, r), host.date(rowDate(r))].join(' · ')}</span>`;
}

/** One line of a list; folders become disclosure buttons rendered by the host. */
export function resourceItem(host: SectionHost, r: Resource, where = ''): TemplateResult {
  if (host.gone(r)) return goneItem(host, r);
  if (r.kind === 'folder') return html`<li class="item folder">${host.folder(r, where)}</li>`;
  const [mine, decision] = host.yours(r) ?? [];
  const value = mine ?? (r.status && r.module !== 'reports' ? host.status(r.status) : '');
  const status = value ? html`<span class="badge ${decision ?? ''}">${value}</span>` : nothing;
  return html`<li class="item"><span class="icon" aria-hidden="true">${moduleIcon(r.module)}</span>${resourceLink(host, r)}${newBadge(host.t, r)} ${status} ${details(host, r)}
    ${DETAIL_MODULES.has(r.module) ? host.details(r, where) : nothing}</li>`;
}

/** A row whose resource is no longer shared: its name as plain text and why, nothing to follow. */
function goneItem(host: SectionHost, r: Resource): TemplateResult {
  return html`<li class="item gone" data-gone=${`${r.module}/${r.id}`}>
    <span class="icon" aria-hidden="true">${r.kind === 'folder' ? '▭' : moduleIcon(r.module)}</span><span class="name">${r.name}</span>
    <p class="notice no-longer-shared" tabindex="-1">${host.t('portalNoLongerShared')}</p>
  </li>`;
}

const ICONS: Record<string, string> = {
  updates: '✉',
  documents: '▤',
  drawings: '◫',
  reports: '☑',
  photos: '▣',
  dailyLogs: '☰',
  schedule: '▦',
  selections: '◇',
  changeOrders: '±',
  invoices: '¤',
};

/** A small text glyph per module: no icon font or image to load. */
export const moduleIcon = (module: string): string => ICONS[module] ?? '▤';

export function resourceList(host: SectionHost, items: Resource[], where = ''): TemplateResult {
  return html`<ul class="list" role="list">${items.map((r) => resourceItem(host, r, where))}</ul>`;
}

/** Photos as a grid of thumbnails that open the viewer; folders keep their disclosure. */
export function photoGrid(host: SectionHost, items: Resource[], where = ''): TemplateResult {
  const folders = items.filter((r) => r.kind === 'folder');
  // A photo no longer shared leaves the grid: a thumbnail has no room to say why.
  const photos = items.filter((r) => r.kind !== 'folder' && !host.gone(r));
  return html`
    ${folders.length ? resourceList(host, folders, where) : nothing}
    ${photos.length
      ? html`<ul class="grid" role="list">
          ${photos.map((p, i) => {
            const src = safeImageUrl(p.url);
            return html`<li>
              <button class="thumb" @click=${() => host.viewPhoto(photos, i)}>
                ${src ? html`<img src=${src} alt="" loading="lazy" />` : html`<span class="placeholder" aria-hidden="true">▣</span>`}
                <span class="caption">${p.name}${newBadge(host.t, p)}</span>
              </button>
            </li>`;
          })}
        </ul>`
      : nothing}
  `;
}

export function updatesFeed(host: SectionHost, updates: FeedUpdate[]): TemplateResult {
  const sorted = [...updates].sort((a, b) => new Date(b.update.publishedAt).getTime() - new Date(a.update.publishedAt).getTime());
  return html`<ol class="updates" role="list">
    ${sorted.map(
      ({ update, resources, isNew }) => html`<li>
        <article class="update">
          ${update.title ? html`<h4>${update.title}</h4>` : nothing}
          <p class="meta">
            ${host.date(update.publishedAt, true)}${update.editedAt ? html` · <span class="edited">${host.t('portalEdited')}</span>` : nothing}${newBadge(host.t, { isNew })}
          </p>
          <p class="body">${update.body}</p>
          ${resources.length
            ? html`<p class="meta">${host.t('portalAttachments')}</p>
                ${resourceList(host, resources, `u-${update.id}-`)}`
            : nothing}
        </article>
      </li>`,
    )}
  </ol>`;
}

const dayMs = 86_400_000;
const toTime = (day: string): number => new Date(`${day}T00:00:00Z`).getTime();

/** The live schedule as a readable list with a small timeline bar per task. */
export function scheduleView(host: SectionHost, feed: FeedSchedule): TemplateResult {
  const tasks = feed.schedule?.tasks ?? [];
  if (!tasks.length) return html`<p class="empty">${host.t('portalScheduleEmpty')}</p>`;
  const starts = tasks.map((t) => toTime(t.start)).filter(Number.isFinite);
  const ends = tasks.map((t) => toTime(t.end) + dayMs).filter(Number.isFinite);
  const from = Math.min(...starts);
  const span = Math.max(Math.max(...ends) - from, dayMs);
  return html`
    ${feed.schedule?.publishedAt ? html`<p class="meta">${host.t('portalPublished', { date: host.date(feed.schedule.publishedAt) })}${newBadge(host.t, feed.resource)}</p>` : nothing}
    <ol class="schedule" role="list">
      ${tasks.map((task) => {
        const left = ((toTime(task.start) - from) / span) * 100;
        const width = ((toTime(task.end) + dayMs - toTime(task.start)) / span) * 100;
        const progress = Number.isFinite(task.progress) ? Math.round(Math.max(0, Math.min(100, task.progress!))) : 0;
        return html`<li class="task">
          <span class="task-name">${task.name}</span>
          <span class="meta">${host.dayRange(task.start, task.end)} · ${host.t('portalProgress', { progress })}</span>
          <span class="bar" aria-hidden="true"
            ><span class="span" ${cssomStyle({ 'inset-inline-start': `${left || 0}%`, width: `${Math.max(width || 0, 1)}%` })}
              ><span class="done" ${cssomStyle({ width: `${progress}%` })}></span></span
          ></span>
        </li>`;
      })}
    </ol>
  `;
}
