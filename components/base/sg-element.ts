import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { portalClientContext, type PortalClient } from '../context.js';
import { format, translations, watchTranslations, type SgStrings } from '../i18n/translate.js';
import { problemMessage } from '../util/problem.js';

/**
 * What every `sg-*` element shares: the api client from context (or set directly), the
 * translation table with per-element overrides, and the theme attribute.
 */
export class SgElement extends LitElement {
  /** The api client; provided by `<sg-portal-provider>` (any bundle) or set directly. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  client?: PortalClient;

  /** Replaces some of this element's strings; the rest come from `setTranslations()` or English. */
  @property({ attribute: false })
  strings?: Partial<SgStrings>;

  /** `light` (default), `dark`, or `auto` to follow `prefers-color-scheme`. */
  @property({ reflect: true })
  theme?: 'light' | 'dark' | 'auto';

  #unwatch?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unwatch = watchTranslations(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unwatch?.();
  }

  /** The translated string for `key`, placeholders filled. */
  protected t(key: keyof SgStrings, params?: Record<string, string | number>): string {
    return format(translations(this.strings)[key], params);
  }

  protected problem(error: unknown): string {
    return problemMessage(error, translations(this.strings));
  }

  /** The page language for dates and numbers (nearest `lang`, else the browser's). */
  protected get locale(): string | undefined {
    const lang = this.closest('[lang]')?.getAttribute('lang');
    return lang || undefined;
  }

  protected formatDate(value: Date | string | number | undefined, withTime = false): string {
    if (value === undefined) return '';
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) return String(value);
    const options: Intl.DateTimeFormatOptions = withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' };
    return new Intl.DateTimeFormat(this.locale, options).format(date);
  }
}
