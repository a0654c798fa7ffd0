import { html, isServer, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { SignedIn } from '../../src/client/types.js';
import type { LinkInfo } from '../../src/model/account-link.js';
import { disabledWhile } from '../base/a11y.js';
import { inputField } from '../base/fields.js';
import { SgLinkPasswordPage, type DeadLink } from '../base/link-password-page.js';
import { SgSignInRequestEvent } from '../events.js';
import { acceptInviteStrings, common, confirmEmailStrings, signInStrings, type SgStrings } from '../i18n/en.js';
import { backToSignIn } from '../sign-in/email-request.js';
import { conflictData } from '../util/problem.js';
import styles from './confirm-email.styles.js';

/** Why the page cannot confirm: its link died, or another client took the address meanwhile. */
type Refusal = DeadLink | 'taken';

const GONE_TITLE: Record<Refusal, keyof SgStrings> = {
  expired: 'confirmEmailExpiredTitle',
  used: 'confirmEmailUsedTitle',
  cancelled: 'confirmEmailCancelledTitle',
  taken: 'confirmEmailTakenTitle',
};

/**
 * @summary The page an email confirmation link opens: after the builder changed a client's
 * address, the client chooses a new password there (the old one ended with the old address),
 * and is signed in. The link is looked at first (consuming nothing): a used, expired or replaced
 * one gets a clear message at once (only the builder can send a new one) and "Back to sign in",
 * as does an address another client took meanwhile (only the builder can sort that out).
 *
 * @attr token - The confirmation token. When it is not set, the element reads it from the page's
 *   URL fragment (`#token=…`, as confirmation links carry it) and removes it from the address bar;
 *   another confirmation link opened in the same tab (only the fragment changes) starts the page afresh.
 * @attr tenant-id - The builder account: the page wears its brand (logo, colour) and a dead link's
 *   message names the builder.
 * @prop {PortalClient} client - The api client (normally from `<sg-portal-provider>`).
 * @prop {Partial<SgStrings>} strings - Replaces some strings.
 * @attr theme - `light` (default), `dark` or `auto`.
 * @event sg-sign-in - The address is confirmed, the new password set and the client signed in; `detail.client`.
 * @event sg-sign-in-request - "Back to sign in" was pressed on a dead link's page: show `<sg-sign-in>`.
 * @slot done - Shown after the address was confirmed, e.g. a link into the portal.
 * @csspart base - The card; the builder's brand colour marks its top edge and sets the accent.
 * @csspart logo - The builder's logo, when it has one.
 * @csspart form - The new-password form.
 * @csspart submit - The form's button.
 * @csspart message - The expired / used / no-longer-valid / address-taken message.
 * @csspart back - "Back to sign in", on that page.
 * @cssproperty --sg-page-width - The card's maximum width.
 *
 * @tag sg-confirm-email
 */
export class SgConfirmEmail extends SgLinkPasswordPage {
  static override styles = styles;
  // The password rules' messages are the invite page's; "Back to sign in" is the sign-in card's.
  static override defaultStrings: Partial<SgStrings> = { ...common, ...signInStrings, ...acceptInviteStrings, ...confirmEmailStrings };

  protected readonly linkKind = 'confirm-email';

  protected inspectLink(token: string): Promise<LinkInfo> {
    return this.client!.emails.inspect(token);
  }

  protected setPassword(token: string, password: string): Promise<SignedIn> {
    return this.client!.emails.confirm(token, { password });
  }

  protected body(): TemplateResult {
    // A server has neither the client (the page's provider hands it over in the browser) nor the token (in the fragment).
    if (isServer) return html`<p role="status" class="muted">${this.t('loading')}</p>`;
    if (!this.client) return html`<p class="notice error" role="alert">${this.t('noClient')}</p>`;
    if (!this.token || this.gone) return this.gonePage(this.deadLink);
    if (this.done) return html`<p class="notice success" role="status" tabindex="-1">${this.t('confirmEmailDone')}</p><slot name="done"></slot>`;
    // Another client has the address now: sending the password again cannot work, so no form.
    if (conflictData(this.error).field === 'email') return this.gonePage('taken');
    const error = this.error ? html`<p class="notice error" role="alert" tabindex="-1">${this.problem(this.error)}</p>` : nothing;
    if (!this.info) return this.inspecting(error);
    const err = this.fieldErrors;
    const field = (name: string, label: keyof SgStrings, hint?: string): TemplateResult =>
      inputField(name, this.t(label), 'password', 'new-password', err[name], '', hint);
    // Keyed by the token: another link's form starts empty.
    return html`<h2>${this.t('confirmEmailTitle')}</h2>
      <p class="muted">${this.t('confirmEmailIntro')}</p>
      ${error}
      ${keyed(
        this.token,
        html`<form part="form" novalidate @submit=${this.submit}>
          <input type="email" name="username" autocomplete="username" .value=${this.info.email ?? ''} hidden />
          ${field('password', 'confirmEmailPassword', this.t('confirmEmailPasswordHint'))} ${field('confirm', 'confirmEmailRepeat')}
          <button part="submit" class="btn primary" type="submit" aria-disabled=${disabledWhile(this.busy)}>${this.t(this.busy ? 'confirmEmailBusy' : 'confirmEmailSubmit')}</button>
        </form>`,
      )}`;
  }

  private gonePage(gone: Refusal): TemplateResult {
    // There is no self-service re-send: the builder changed the address, so only the builder sends its link.
    const tenant = this.look?.name || this.t('acceptYourBuilder');
    // The way back the sign-in card's link forms offer; the page shows `<sg-sign-in>` (as for a dead reset link).
    const back = (): void => void this.dispatchEvent(new SgSignInRequestEvent());
    return html`<div part="message" class="gone" role="alert" tabindex="-1">
        <div class="icon" aria-hidden="true">${gone === 'used' ? '✓' : '!'}</div>
        <h2>${this.t(GONE_TITLE[gone])}</h2>
        ${gone === 'used' ? html`<p class="muted">${this.t('confirmEmailUsedHint')}</p>` : nothing}
        <p class="muted">${this.t(gone === 'taken' ? 'confirmEmailTakenAsk' : 'confirmEmailAskBuilder', { tenant })}</p>
      </div>
      ${backToSignIn((key) => this.t(key), back)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sg-confirm-email': SgConfirmEmail;
  }
}
