import { html, isServer, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { SignedIn } from '../../src/client/types.js';
import type { LinkInfo } from '../../src/model/account-link.js';
import { disabledWhile, focusOutcome } from '../base/a11y.js';
import { inputField } from '../base/fields.js';
import { SgLinkPasswordPage, type DeadLink } from '../base/link-password-page.js';
import { SgSignInRequestEvent } from '../events.js';
import { acceptInviteStrings, common, resetPasswordStrings, signInStrings, type SgStrings } from '../i18n/en.js';
import { backToSignIn, emailRequest } from '../sign-in/email-request.js';
import { issuesByField } from '../util/problem.js';
import styles from './reset-password.styles.js';

const GONE_TITLE: Record<DeadLink, keyof SgStrings> = { expired: 'resetExpiredTitle', used: 'resetUsedTitle', cancelled: 'resetCancelledTitle' };

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
export class SgResetPassword extends SgLinkPasswordPage {
  static override styles = styles;
  // The password rules' messages are the invite page's.
  static override defaultStrings: Partial<SgStrings> = { ...common, ...signInStrings, ...acceptInviteStrings, ...resetPasswordStrings };

  protected readonly linkKind = 'reset';

  /** A new link was asked for (the answer is the same for every address). */
  @state() private sent = false;

  protected override inspect(): Promise<void> {
    this.sent = false;
    return super.inspect();
  }

  protected inspectLink(token: string): Promise<LinkInfo> {
    return this.client!.passwords.inspect(token);
  }

  protected setPassword(token: string, password: string): Promise<SignedIn> {
    return this.client!.passwords.reset(token, { password });
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

  protected body(): TemplateResult {
    // A server has neither the client (the page's provider hands it over in the browser) nor the token (in the fragment).
    if (isServer) return html`<p role="status" class="muted">${this.t('loading')}</p>`;
    if (!this.client) return html`<p class="notice error" role="alert">${this.t('noClient')}</p>`;
    const error = this.error ? html`<p class="notice error" role="alert" tabindex="-1">${this.problem(this.error)}</p>` : nothing;
    if (!this.token || this.gone) return this.gonePage(this.deadLink, error);
    if (this.done) return html`<p class="notice success" role="status" tabindex="-1">${this.t('resetDone')}</p><slot name="done"></slot>`;
    if (!this.info) return this.inspecting(error);
    const err = this.fieldErrors;
    const field = (name: string, label: keyof SgStrings, hint?: string): TemplateResult =>
      inputField(name, this.t(label), 'password', 'new-password', err[name], '', hint);
    return html`<h2>${this.t('resetTitle')}</h2>
      ${this.info.email ? html`<p class="muted">${this.t('resetIntro', { email: this.info.email })}</p>` : nothing} ${error}
      <form part="form" novalidate @submit=${this.submit}>
        <input type="email" name="username" autocomplete="username" .value=${this.info.email ?? ''} hidden />
        ${field('password', 'resetPassword', this.t('resetPasswordHint'))}
        ${field('confirm', 'resetConfirm')}
        <button part="submit" class="btn primary" type="submit" aria-disabled=${disabledWhile(this.busy)}>${this.t(this.busy ? 'resetBusy' : 'resetSubmit')}</button>
      </form>`;
  }

  private gonePage(gone: DeadLink, error: TemplateResult | typeof nothing): TemplateResult {
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
