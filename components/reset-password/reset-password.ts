import { html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { LinkInfo } from '../../src/model/account-link.js';
import { disabledWhile, focusOutcome } from '../base/a11y.js';
import { inputField, newPasswordErrors } from '../base/fields.js';
import { SgElement } from '../base/sg-element.js';
import { followFragmentTokens, forgetFragmentToken, takeFragmentToken } from '../accept-invite/fragment-token.js';
import { SgSignInEvent, SgSignInRequestEvent } from '../events.js';
import { acceptInviteStrings, common, resetPasswordStrings, signInStrings, type SgStrings } from '../i18n/en.js';
import { backToSignIn, emailRequest } from '../sign-in/email-request.js';
import { errorCode, issuesByField } from '../util/problem.js';
import styles from './reset-password.styles.js';
import type { TenantLook } from '../../src/model/tenant-look.js';
import { brandLogo, cardClass, lookUp, paintBrand } from '../util/brand-look.js';

type Gone = 'expired' | 'used' | 'cancelled';
const GONE_BY_CODE: Record<string, Gone> = { link_expired: 'expired', link_used: 'used', link_invalid: 'cancelled' };
const GONE_TITLE: Record<Gone, keyof SgStrings> = { expired: 'resetExpiredTitle', used: 'resetUsedTitle', cancelled: 'resetCancelledTitle' };

/**
 * @summary The page a password reset link opens: a new-password form, then the client is
 * signed in. Used, expired and replaced links get a clear message, a form to mail a new one and
 * "Back to sign in".
 *
 * @attr token - The reset token. When it is not set, the element reads it from the page's URL
 *   fragment (`#token=…`, as reset links carry it) and removes it from the address bar; another
 *   reset link opened in the same tab (only the fragment changes) starts the page afresh.
 * @attr tenant-id - The builder account: the page wears its brand (logo, colour), and "get a new
 *   link" on a dead link needs it.
 * @prop {PortalClient} client - The api client (normally from `<sg-portal-provider>`).
 * @prop {Partial<SgStrings>} strings - Replaces some strings.
 * @attr theme - `light` (default), `dark` or `auto`.
 * @event sg-sign-in - The password was set and the client is signed in; `detail.client`.
 * @event sg-sign-in-request - "Back to sign in" was pressed on a dead link's page: show `<sg-sign-in>`.
 * @slot done - Shown after the password was set, e.g. a link into the portal.
 * @csspart base - The card; the builder's brand colour marks its top edge and sets the accent.
 * @csspart logo - The builder's logo, when it has one.
 * @csspart form - The new-password form (or the new-link form).
 * @csspart submit - The form's button.
 * @csspart message - The expired / used / no-longer-valid message.
 * @csspart back - "Back to sign in", on that page.
 * @cssproperty --sg-page-width - The card's maximum width.
 *
 * @tag sg-reset-password
 */
export class SgResetPassword extends SgElement {
  static override styles = styles;
  // The password rules' messages are the invite page's.
  static override defaultStrings: Partial<SgStrings> = { ...common, ...signInStrings, ...acceptInviteStrings, ...resetPasswordStrings };

  @property() token = '';
  @property({ attribute: 'tenant-id' }) tenantId = '';

  @state() private info?: LinkInfo | undefined;
  @state() private gone?: Gone | undefined;
  @state() private error?: unknown;
  @state() private fieldErrors: Record<string, string> = {};
  @state() private busy = false;
  @state() private done = false;
  /** A new link was asked for (the answer is the same for every address). */
  @state() private sent = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.token) this.token = takeFragmentToken('reset') ?? '';
    this.#unfollow = followFragmentTokens('reset', this.newLink);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unfollow?.();
  }

  #unfollow?: () => void;

  /** Another reset link opened in the same tab: its token starts afresh (`inspect`). */
  private readonly newLink = (token: string): void => {
    if (token === this.token) return;
    // What the old link's requests still out would settle is not this page's any more.
    this.busy = false;
    this.token = token;
  };

  /** The builder's name and brand (`tenants.look`), once known. */
  @state() private look?: TenantLook | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('token') || changed.has('client')) && this.client && this.token) void this.inspect();
    if (changed.has('client') || changed.has('tenantId')) void this.loadLook();
  }

  private async loadLook(): Promise<void> {
    const { client, tenantId } = this;
    const look = await lookUp(client, tenantId);
    if (client === this.client && tenantId === this.tenantId) this.look = look;
  }

  /** Looks at the link first (consumes nothing): a dead link never shows a password form. */
  private async inspect(): Promise<void> {
    const token = this.token;
    Object.assign(this, { info: undefined, gone: undefined, error: undefined, fieldErrors: {}, done: false, sent: false });
    try {
      const info = await this.client!.passwords.inspect(token);
      if (token !== this.token) return;
      if (info.status === 'pending') this.info = info;
      else this.gone = info.status;
    } catch (error) {
      if (token === this.token) this.failed(error);
    }
  }

  /** A dead link becomes its page; anything else shows where it happened. */
  private failed(error: unknown): void {
    this.gone = GONE_BY_CODE[errorCode(error) ?? ''];
    if (!this.gone) {
      this.error = error;
      this.fieldErrors = issuesByField(error, this.stringTable);
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
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
        const { client } = await this.client.passwords.reset(token, { password });
        // A newer link opened meanwhile keeps its place in history. The old one did set the
        // password and start a session (its cookie is set), so the client is signed in either way.
        if (token === this.token) {
          forgetFragmentToken('reset');
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

  private async requestNew(email: string): Promise<void> {
    if (this.busy) return;
    this.fieldErrors = email ? {} : { email: this.t('required') };
    this.error = undefined;
    if (email) {
      this.busy = true;
      const token = this.token;
      try {
        await this.client!.passwords.requestReset({ tenantId: this.tenantId, email });
        // A newer link opened meanwhile has a page of its own.
        if (token === this.token) this.sent = true;
      } catch (error) {
        if (token === this.token) {
          this.error = error;
          this.fieldErrors = issuesByField(error, this.stringTable);
        }
      }
      if (token === this.token) this.busy = false;
    }
    await focusOutcome(this.renderRoot, this.updateComplete);
  }

  protected override render(): TemplateResult {
    return html`<section part="base" class=${cardClass(this.look)}>${brandLogo(this.look)}${this.body()}</section>`;
  }

  protected override updated(): void {
    paintBrand(this.renderRoot.querySelector<HTMLElement>('[part=base]'), this.look);
  }

  private body(): TemplateResult {
    // A server has neither the client (the page's provider hands it over in the browser) nor the token (in the fragment).
    if (isServer) return html`<p role="status" class="muted">${this.t('loading')}</p>`;
    if (!this.client) return html`<p class="notice error" role="alert">${this.t('noClient')}</p>`;
    const error = this.error ? html`<p class="notice error" role="alert" tabindex="-1">${this.problem(this.error)}</p>` : nothing;
    if (!this.token || this.gone) return this.gonePage(this.gone ?? 'cancelled', error);
    if (this.done) return html`<p class="notice success" role="status" tabindex="-1">${this.t('resetDone')}</p><slot name="done"></slot>`;
    if (!this.info) {
      return this.error
        ? html`${error}<div class="actions"><button class="btn" @click=${() => this.inspect()}>${this.t('retry')}</button></div>`
        : html`<p role="status" class="muted">${this.t('loading')}</p>`;
    }
    const err = this.fieldErrors;
    const field = (name: string, label: keyof SgStrings, hint?: string): TemplateResult =>
      inputField(name, this.t(label), 'password', 'new-password', err[name], '', hint);
    return html`<h2>${this.t('resetTitle')}</h2>
      ${this.info.email ? html`<p class="muted">${this.t('resetIntro', { email: this.info.email })}</p>` : nothing} ${error}
      <form part="form" novalidate @submit=${this.submit}>
        <input type="email" name="username" autocomplete="username" .value=${this.info.email ?? ''} hidden />
        ${field('password', 'resetPassword', this.t('resetPasswordHint'))}
        ${field('confirm', 'resetConfirm')}
        <button part="submit" class="btn primary" type="submit" aria-disabled=${disabledWhile(this.busy)}>${this.t('resetSubmit')}</button>
      </form>`;
  }

  private gonePage(gone: Gone, error: TemplateResult | typeof nothing): TemplateResult {
    // The way back the sign-in card's link forms offer; the page shows `<sg-sign-in>` (as for a dead invite).
    const back = (): void => void this.dispatchEvent(new SgSignInRequestEvent());
    return html`<div part="message" class="gone" role="alert" tabindex="-1">
        <div class="icon" aria-hidden="true">${gone === 'used' ? '✓' : '!'}</div>
        <h2>${this.t(GONE_TITLE[gone])}</h2>
      </div>
      ${error}
      ${this.tenantId
        ? emailRequest({
            t: (key) => this.t(key),
            intro: 'resetAskAgain',
            submit: 'forgotSubmit',
            busy: this.busy,
            sent: this.sent,
            error: this.fieldErrors.email,
            send: (email) => void this.requestNew(email),
            back,
          })
        : backToSignIn((key) => this.t(key), back)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sg-reset-password': SgResetPassword;
  }
}
