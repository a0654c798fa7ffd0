import { css, html, nothing, type TemplateResult } from 'lit';
import type { Feed, FeedResource, FeedUpdate } from '../../src/model/feed.js';
import type { ModuleId } from '../../src/model/modules.js';
import type { SgStrings } from '../i18n/en.js';

type T = (key: keyof SgStrings, params?: Record<string, string | number>) => string;

/**
 * "New" on an item or update the server marked new since the client's previous visit. Its
 * text is the label screen readers hear after the item's name.
 */
export function newBadge(t: T, item: FeedResource | FeedUpdate | { isNew?: boolean | undefined }): TemplateResult | typeof nothing {
  return item.isNew ? html` <span class="new-badge" part="new-badge">${t('portalNew')}</span>` : nothing;
}

/** How many items of a section are new (over the whole section, not only the loaded page). */
export const newCountOf = (feed: Feed, module: ModuleId): number => feed.newCounts?.[module] ?? 0;

/** The number beside a jump link: the digits shown, "3 new" said. */
export function newCount(t: T, count: number): TemplateResult | typeof nothing {
  if (count <= 0) return nothing;
  return html`<span class="new-count" part="new-count" aria-hidden="true">${count}</span><span class="sr-only">${t('portalNewInSection', { count })}</span>`;
}

export const newBadgeStyles = css`
  .new-badge {
    display: inline-block;
    font-size: 0.7rem;
    font-weight: 650;
    line-height: 1.4;
    letter-spacing: 0.02em;
    padding: 0 0.45rem;
    border-radius: 999px;
    color: var(--_accent-text);
    background: var(--_accent);
    vertical-align: middle;
    white-space: nowrap;
  }
  .new-count {
    min-width: 1.2rem;
    padding: 0 0.35rem;
    border-radius: 999px;
    font-size: 0.75rem;
    font-weight: 650;
    text-align: center;
    color: var(--_accent-text);
    background: var(--_accent);
  }
  .new-list {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }
`;
