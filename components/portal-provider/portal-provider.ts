import { provide } from '@lit/context';
import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { portalClientContext, type PortalClient } from '../context.js';
import { loadPortalClient } from './load-client.js';

/**
 * @summary Gives every `sg-*` element inside it the api client: created from `base-url`, or the
 * one you set as `.client`.
 *
 * @attr base-url - Where the sitegate HTTP handler is mounted, e.g. `/api/portal`.
 * @prop {PortalClient} client - Use this client instead of creating one (tests, custom fetch, headers).
 * @slot - The elements that use the client.
 *
 * @example
 * ```html
 * <sg-portal-provider base-url="/api/portal">
 *   <sg-client-list></sg-client-list>
 * </sg-portal-provider>
 * ```
 */
@customElement('sg-portal-provider')
export class SgPortalProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  @property({ attribute: 'base-url' })
  baseUrl?: string;

  @provide({ context: portalClientContext })
  @property({ attribute: false })
  client?: PortalClient;

  /** The client made here from `base-url`; one the page set is never replaced. */
  #created?: PortalClient;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const pageOwned = this.client !== undefined && this.client !== this.#created;
    if (changed.has('baseUrl') && this.baseUrl && !pageOwned) void this.#create(this.baseUrl);
  }

  async #create(baseUrl: string): Promise<void> {
    const client = await loadPortalClient(baseUrl);
    // A newer base-url, or a client set by the page meanwhile, wins the race.
    if (baseUrl !== this.baseUrl || (this.client && this.client !== this.#created)) return;
    this.#created = client;
    this.client = client;
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
