import { html, nothing, type TemplateResult } from 'lit';
import type { Feed } from '../../src/model/feed.js';
import type { ModuleId } from '../../src/model/modules.js';
import type { Resource, Schedule } from '../../src/model/resource.js';
import type { SgStrings } from '../i18n/en.js';
import { today } from '../util/dates.js';
import { moduleIcon } from './sections.js';
import { newCount, newCountOf } from './new-badges.js';
import { MODULE_ORDER } from './modules.js';

export interface OverviewHost {
  t(key: keyof SgStrings, params?: Record<string, string | number>): string;
  dayRange(start: string, end: string): string;
  /** The module the client last went to, marked in the jump links. */
  module: string;
  go(module: ModuleId): void;
}

const WEEK_MS = 7 * 86_400_000;

/** Every resource the feed lists, updates' attachments included. */
function listed(feed: Feed): Resource[] {
  const m = feed.modules as Record<string, unknown>;
  return Object.values(m).flatMap((v) => (Array.isArray(v) ? (v as Resource[]).filter((r) => r && 'module' in r) : []));
}

/**
 * What is new: resources the server marks `isNew` (since the client's last visit); until a
 * server marks them, what changed in the last seven days.
 */
export function whatsNew(feed: Feed, now = Date.now()): { count: number; marked: boolean } {
  const resources = listed(feed);
  const updates = feed.modules.updates ?? [];
  const marked = [...resources, ...updates].some((x) => typeof (x as { isNew?: unknown }).isNew === 'boolean');
  if (marked) {
    // The server's counts cover whole sections; the marks only the pages loaded.
    const counted = feed.newCounts ? Object.values(feed.newCounts).reduce((sum, n) => sum + (n ?? 0), 0) : undefined;
    return { count: counted ?? [...resources, ...updates].filter((x) => (x as { isNew?: boolean }).isNew === true).length, marked };
  }
  const recent = (at: Date | string) => now - new Date(at).getTime() < WEEK_MS;
  return { count: resources.filter((r) => recent(r.updatedAt)).length + updates.filter((u) => recent(u.update.publishedAt)).length, marked };
}

/** The first task of the live schedule that has not ended yet, by the viewer's calendar. */
export function nextMilestone(schedule: Schedule | null | undefined, day = today()): Schedule['tasks'][number] | undefined {
  return [...(schedule?.tasks ?? [])].filter((t) => t.end >= day).sort((a, b) => a.start.localeCompare(b.start))[0];
}

/**
 * The top of the portal: what is new, what waits on the client (`waiting`: the approvals
 * naming it, then the slot), the next milestone.
 */
export function overview(host: OverviewHost, feed: Feed, waiting: TemplateResult | typeof nothing = nothing): TemplateResult {
  const fresh = whatsNew(feed);
  const milestone = nextMilestone(feed.modules.schedule?.schedule);
  const count = fresh.count;
  // The client's first visit has no last one to compare with: everything shared is for it to see.
  const headline = feed.firstVisit
    ? host.t('portalFirstVisit')
    : fresh.marked
      ? host.t(count === 0 ? 'portalNothingNewSinceVisit' : 'portalNewSinceVisit', { count })
      : count === 0
        ? host.t('portalNothingNew')
        : host.t('portalRecentCount', { count });
  return html`<section part="overview" class="overview" aria-labelledby="h-overview">
    <h3 id="h-overview" class="sr-only">${host.t('portalOverview')}</h3>
    <!-- "Waiting on you" (approvals and other requests) comes first; hosts and later elements fill this slot. -->
    ${waiting}
    <slot name="waiting" class="waiting"></slot>
    <div class="tiles">
      <div class="tile" part="tile">
        <span class="tile-label">${host.t('portalWhatsNew')}</span>
        <strong>${headline}</strong>
        ${fresh.marked ? newByModule(host, feed) : nothing}
      </div>
      ${feed.modules.schedule !== undefined
        ? html`<div class="tile" part="tile">
            <span class="tile-label">${host.t('portalNextMilestone')}</span>
            ${milestone
              ? html`<strong>${milestone.name}</strong><span class="meta">${host.dayRange(milestone.start, milestone.end)}</span>`
              : html`<strong>${host.t('portalNoMilestone')}</strong>`}
          </div>`
        : nothing}
    </div>
  </section>`;
}

/** Under "What's new": a jump link per section with something new, and how many. */
function newByModule(host: OverviewHost, feed: Feed): TemplateResult | typeof nothing {
  const modules = MODULE_ORDER.filter((m) => newCountOf(feed, m) > 0 && feed.modules[m] !== undefined);
  if (!modules.length) return nothing;
  return html`<ul class="new-list" role="list">
    ${modules.map(
      (m) => html`<li>
        <button class="chip" @click=${() => host.go(m)}>${host.t(`module_${m}` as keyof SgStrings)} ${newCount(host.t, newCountOf(feed, m))}</button>
      </li>`,
    )}
  </ul>`;
}

/** Jump links, one per section; each keeps its icon and name on one line, and how many items are new. */
export function moduleNav(host: OverviewHost, modules: ModuleId[], feed?: Feed): TemplateResult {
  return html`<nav part="nav" class="jump" aria-label=${host.t('portalSections')}>
    <ul role="list">
      ${modules.map(
        (m) => html`<li>
          <button class="chip" aria-current=${host.module === m ? 'true' : nothing} @click=${() => host.go(m)}>
            <span class="icon" aria-hidden="true">${moduleIcon(m)}</span>${host.t(`module_${m}` as keyof SgStrings)}${feed ? newCount(host.t, newCountOf(feed, m)) : nothing}
          </button>
        </li>`,
      )}
    </ul>
  </nav>`;
}
