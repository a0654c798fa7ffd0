import { html, type nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SignedIn } from '../../src/client/types.js';
import type { LinkInfo } from '../../src/model/account-link.js';
import type { TenantLook } from '../../src/model/tenant-look.js';
import { followFragmentTokens, forgetUsedLink, takeFragmentToken, usedInThisTab, type LinkKind } from '../accept-invite/fragment-token.js';
import { SgSignInEvent } from '../events.js';
import { brandLogo, cardClass, lookUp, paintBrand } from '../util/brand-look.js';
import { errorCode, issuesByField } from '../util/problem.js';
import { focusOutcome } from './a11y.js';
import { newPasswordErrors } from './fields.js';
import { SgElement } from './sg-element.js';

/** Why an emailed link no longer works. */
export type DeadLink = 'expired' | 'used' | 'cancelled';
const DEAD_BY_CODE: Record<string, DeadLink> = { link_expired: 'expired', link_used: 'used', link_invalid: 'cancelled' };

/**
 * What the pages an emailed link opens to set a new password share — the reset page and the
 * email confirmation page: the token from the attribute or the fragment (and another link
 * opened in the same tab), the builder's brand, the link looked at before any form shows, the
 * new-password form's submit, and a dead link becoming its page. Each page says how it looks at
 * its link (`inspectLink`) and what it sends (`setPassword`), and draws its own `body`.
 */
export abstract class SgLinkPasswordPage extends SgElement {
  @property() token = '';
  @property({ attribute: 'tenant-id' }) tenantId = '';

  @state() protected gone?: DeadLink | undefined;
  @state() protected error?: unknown;
  @state() protected fieldErrors: Record<string, string> = {};
  @state() protected busy = false;
  @state() protected done = false;
  /** The builder's name and brand (`tenants.look`), once known. */
  @state() protected look?: TenantLook | undefined;
  /** The live link as `inspectLink` told it (its address), once known. */
  @state() protected info?: LinkInfo | undefined;

  /** The link this page reads: its token is kept under a key of its own. */
  protected abstract readonly linkKind: LinkKind;
  /** Looks at the link, consuming nothing. */
  protected abstract inspectLink(token: string): Promise<LinkInfo>;
  /** Sends the new password with the link; the client is signed in. */
  protected abstract setPassword(token: string, password: string): Promise<SignedIn>;
  /** The card's content below the builder's logo. */
  protected abstract body(): TemplateResult;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.token) this.token = takeFragmentToken(this.linkKind) ?? '';
    this.#unfollow = followFragmentTokens(this.linkKind, this.newLink);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unfollow?.();
  }

  #unfollow?: () => void;

  /** Another link of the same kind opened in the same tab: its token starts the page afresh. */
  protected readonly newLink = (token: string): void => {
    if (token !== this.token) this.token = token;
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another link's page, from the fragment or the attribute: what the old link's requests
    // still out would settle is not this page's any more, so none keeps it busy.
    if (changed.has('token')) this.busy = false;
    if (changed.has('client') || changed.has('tenantId')) void this.loadLook();
    if ((changed.has('token') || changed.has('client')) && this.client && this.token) void this.inspect();
  }

  /** Looks at the link first (consumes nothing): a dead link never shows a password form. */
  protected async inspect(): Promise<void> {
    const token = this.token;
    Object.assign(this, { info: undefined, gone: undefined, error: undefined, fieldErrors: {}, done: false });
    try {
      const info = await this.inspectLink(token);
      if (token !== this.token) return;
      if (info.status === 'pending') this.info = info;
      else this.gone = info.status;
    } catch (error) {
      if (token === this.token) this.failed(error);
    }
  }

  /** The page while its link is looked at: "Loading…", or why looking failed and "Try again". */
  protected inspecting(error: TemplateResult | typeof nothing): TemplateResult {
    return this.error
      ? html`${error}<div class="actions"><button class="btn" @click=${() => this.inspect()}>${this.t('retry')}</button></div>`
      : html`<p role="status" class="muted">${this.t('loading')}</p>`;
  }

  private async loadLook(): Promise<void> {
    const { client, tenantId } = this;
    const look = await lookUp(client, tenantId);
    if (client === this.client && tenantId === this.tenantId) this.look = look;
  }

  /**
   * What a page without a live link says: why its link died, or, with no token at all, "used"
   * after a link of its kind was used in this tab (a reload that overtook the answer), else
   * "no longer works".
   */
  protected get deadLink(): DeadLink {
    return this.gone ?? (usedInThisTab(this.linkKind) ? 'used' : 'cancelled');
  }

  /** A dead link becomes its page; anything else shows where it happened. */
  protected failed(error: unknown): void {
    this.gone = DEAD_BY_CODE[errorCode(error) ?? ''];
    if (!this.gone) {
      this.error = error;
      this.fieldErrors = issuesByField(error, this.stringTable);
    }
  }

  protected async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const password = String(data.get('password') ?? '');
    const errors = newPasswordErrors(data, (key) => this.t(key));
    this.fieldErrors = errors;
    this.error = undefined;
    if (!Object.keys(errors).length && this.client) {
      this.busy = true;
      const token = this.token;
      try {
        const { client } = await this.setPassword(token, password);
        // A newer link opened meanwhile keeps its place in history. The old one did its work and
        // started a session (its cookie is set), so the client is signed in either way.
        if (token === this.token) {
          forgetUsedLink(this.linkKind);
          this.done = true;
        }
        this.dispatchEvent(new SgSignInEvent({ client }));
      } catch (error) {
        if (token === this.token) this.failed(error);
      }
      // A newer link's page has its own requests: only this one's page is freed.
      if (token === this.token) this.busy = false;
    }
    // The form is gone once the password is set or the link is dead: focus goes to what says so.
    await focusOutcome(this.renderRoot, this.updateComplete);
  }

  protected override render(): TemplateResult {
    return html`<section part="base" class=${cardClass(this.look)}>${brandLogo(this.look)}${this.body()}</section>`;
  }

  protected override updated(): void {
    paintBrand(this.renderRoot.querySelector<HTMLElement>('[part=base]'), this.look);
  }
}
