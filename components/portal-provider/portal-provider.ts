import { provide } from '@lit/context';
import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { portalClientContext, type PortalClient } from '../context.js';
import { darkTokens } from '../styles/dark.js';
import { createPortalClient } from '../../src/client/create-client.js';

/**
 * @summary Gives every `sg-*` element inside it the api client: created from `base-url`, or the
 * one you set as `.client`.
 *
 * @attr base-url - Where the sitegate HTTP handler is mounted, e.g. `/api/portal`.
 * @attr theme - `light` (default), `dark`, or `auto` to follow `prefers-color-scheme`, for every
 * element inside: `dark` sets the global `--sg-color-*` tokens to the dark palette here. Tokens
 * the page sets on the provider itself, or closer to an element, still win.
 * @prop {PortalClient} client - Use this client instead of creating one (tests, custom fetch, headers).
 * @slot - The elements that use the client.
 *
 * @example
 * ```html
 * <sg-portal-provider base-url="/api/portal">
 *   <sg-client-list></sg-client-list>
 * </sg-portal-provider>
 * ```
 *
 * @tag sg-portal-provider
 */
export class SgPortalProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
    :host([theme='dark']) {
      ${darkTokens}
    }
    @media (prefers-color-scheme: dark) {
      :host([theme='auto']) {
        ${darkTokens}
      }
    }
  `;

  @property({ attribute: 'base-url' })
  baseUrl?: string;

  /** `light` (default), `dark`, or `auto`: the palette of every element inside. */
  @property({ reflect: true })
  theme?: 'light' | 'dark' | 'auto';

  @provide({ context: portalClientContext })
  @property({ attribute: false })
  client?: PortalClient;

  /** The client made here from `base-url`; one the page set is never replaced. */
  #created?: PortalClient;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const pageOwned = this.client !== undefined && this.client !== this.#created;
    // Created at once, not loaded on first use: every element needs it before it can show
    // data, and loading it separately would only add a request before the first fetch.
    if (changed.has('baseUrl') && this.baseUrl && !pageOwned) this.client = this.#created = createPortalClient({ baseUrl: this.baseUrl });
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sg-portal-provider': SgPortalProvider;
  }
}
