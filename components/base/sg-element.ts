import { consume, ContextEvent } from '@lit/context';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { portalClientContext, type PortalClient } from '../context.js';
import { common } from '../i18n/en.js';
import { format, localParams, stringFor, tableFor, watchTranslations, type SgStrings } from '../i18n/translate.js';
import { problemMessage } from '../util/problem.js';
import { isDateOnly } from '../util/dates.js';
import { intlFormatter } from '../i18n/formatters.js';
import { mediumDate } from '../i18n/without-intl.js';

/**
 * What every `sg-*` element shares: the api client from context (or set directly), the
 * translation table with per-element overrides, and the theme attribute.
 *
 * The global tokens: set them on any ancestor (or `<sg-portal-provider>`); each falls back to
 * the built-in light value, or the dark one with `theme="dark"`.
 * @cssproperty --sg-font-family - Font of all text (default `system-ui`).
 * @cssproperty --sg-font-size - Base font size (default `0.9375rem`).
 * @cssproperty --sg-color-text - Text colour.
 * @cssproperty --sg-color-text-muted - Secondary text: hints, dates, counts.
 * @cssproperty --sg-color-surface - Background of cards, lists and dialogs.
 * @cssproperty --sg-color-surface-subtle - Background of headers, hovered rows and quiet buttons.
 * @cssproperty --sg-color-border - Borders and dividers.
 * @cssproperty --sg-color-accent - Primary buttons, links and focus.
 * @cssproperty --sg-color-accent-text - Text on the accent colour.
 * @cssproperty --sg-color-accent-subtle - Selected and highlighted backgrounds.
 * @cssproperty --sg-color-danger - Errors and destructive actions.
 * @cssproperty --sg-color-danger-subtle - Background of error messages.
 * @cssproperty --sg-color-success - Shared and active states.
 * @cssproperty --sg-color-success-subtle - Background of success messages.
 * @cssproperty --sg-color-warning - Warnings (an invite not delivered, expiring).
 * @cssproperty --sg-color-warning-subtle - Background of warnings.
 * @cssproperty --sg-radius - Corner radius (default `8px`).
 * @cssproperty --sg-space - Base spacing unit (default `0.5rem`).
 * @cssproperty --sg-shadow - Shadow of cards, menus and dialogs.
 * @cssproperty --sg-focus-ring - Box shadow of the keyboard focus ring.
 */
export class SgElement extends LitElement {
  /** The api client; provided by `<sg-portal-provider>` (any bundle) or set directly. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  client?: PortalClient;

  /**
   * The English strings this element shows: its groups of `en`, so a page loads only the text
   * of the elements it uses. Subclasses list theirs.
   */
  static defaultStrings: Partial<SgStrings> = common;

  /** Replaces some of this element's strings; the rest come from `setTranslations()` or English. */
  @property({ attribute: false })
  strings?: Partial<SgStrings>;

  /** `light` (default), `dark`, or `auto` to follow `prefers-color-scheme`. */
  @property({ reflect: true })
  theme?: 'light' | 'dark' | 'auto';

  #unwatch?: () => void;
  #leaveLateProvider?: () => void;

  /**
   * A provider of the client that appears after this element connected (a page that provides it
   * once its elements are in the page) announces itself; an element still without a client asks
   * it then, and keeps what it provides from then on.
   */
  #lateProvider = (event: Event): void => {
    if ((event as { context?: unknown }).context !== portalClientContext || this.client) return;
    this.dispatchEvent(
      new ContextEvent(portalClientContext, this, (client, unsubscribe) => {
        this.client = client;
        this.#leaveLateProvider = unsubscribe;
      }, true),
    );
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unwatch = watchTranslations(this);
    window.addEventListener('context-provider', this.#lateProvider);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unwatch?.();
    window.removeEventListener('context-provider', this.#lateProvider);
    this.#leaveLateProvider?.();
    this.#leaveLateProvider = undefined;
  }

  /** The translated string for `key`, placeholders filled. */
  protected t(key: keyof SgStrings, params?: Record<string, string | number>): string {
    const lang = this.locale;
    // A numeric `count` picks the plural form (`Intl.PluralRules`); numbers are written the language's way.
    const count = typeof params?.count === 'number' ? params.count : undefined;
    return format(stringFor(key, this.strings, (this.constructor as typeof SgElement).defaultStrings, lang, count), localParams(params, lang), lang);
  }

  /** Every string this element shows, in the page's language: for `problemMessage` and `issuesByField`. */
  protected get stringTable(): SgStrings {
    return tableFor(this.strings, (this.constructor as typeof SgElement).defaultStrings, this.locale);
  }

  protected problem(error: unknown): string {
    return problemMessage(error, this.stringTable);
  }

  /**
   * The page language for words, dates and numbers: the nearest `lang`, looked for past the
   * shadow roots the element sits in (a framework's component around it), else the browser's.
   */
  protected get locale(): string | undefined {
    // Server-side, elements are DOM shims without `closest`; the browser's language applies there.
    for (let at: Element | undefined = this; at?.closest; at = (at.getRootNode() as ShadowRoot).host) {
      const lang = at.closest<HTMLElement>('[lang]')?.lang;
      if (lang) return lang;
    }
    return undefined;
  }

  protected formatDate(value: Date | string | number | undefined, withTime = false): string {
    if (value === undefined) return '';
    // A calendar date (`YYYY-MM-DD`) names a day, not an instant: read as UTC midnight and shown
    // in UTC, it is the same day in every time zone (see util/dates.ts).
    const day = isDateOnly(value);
    const date = value instanceof Date ? value : new Date(day ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(date.getTime())) return String(value);
    const lang = this.locale;
    // English and French dates need no `Intl` (whose first use costs the page tens of ms).
    const known = withTime ? undefined : mediumDate(date, lang, day);
    if (known !== undefined) return known;
    const options: Intl.DateTimeFormatOptions = day ? { dateStyle: 'medium', timeZone: 'UTC' } : withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' };
    // One formatter per language and form (kept): a list formats a date on every row.
    return intlFormatter(Intl.DateTimeFormat, lang, options, day ? 'day' : withTime ? 'time' : 'date').format(date);
  }
}
