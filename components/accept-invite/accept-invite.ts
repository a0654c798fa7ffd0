import { html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { InviteInfo } from '../../src/model/invite.js';
import type { TenantLook } from '../../src/model/tenant-look.js';
import { disabledWhile, focusOutcome } from '../base/a11y.js';
import { inputField, newPasswordErrors } from '../base/fields.js';
import { SgElement } from '../base/sg-element.js';
import { SgInviteAcceptedEvent, SgSignInRequestEvent } from '../events.js';
import { common, acceptInviteStrings, type SgStrings } from '../i18n/en.js';
import { errorCode, issuesByField } from '../util/problem.js';
import { safeUrl } from '../util/safe-url.js';
import { brandLogo, cardClass, paintBrand } from '../util/brand-look.js';
import styles from './accept-invite.styles.js';
import { followFragmentTokens, forgetUsedLink, takeFragmentToken, usedInThisTab } from './fragment-token.js';

type Gone = 'expired' | 'used' | 'invalid';
const GONE_BY_CODE: Record<string, Gone> = { invite_expired: 'expired', invite_used: 'used', invite_invalid: 'invalid', not_found: 'invalid' };
const GONE_BY_STATUS: Record<string, Gone> = { expired: 'expired', accepted: 'used', superseded: 'invalid', cancelled: 'invalid' };
const GONE_TITLE: Record<Gone, keyof SgStrings> = { expired: 'acceptExpiredTitle', used: 'acceptUsedTitle', invalid: 'acceptInvalidTitle' };

/**
 * @summary The page an invite link opens: who invited whom, then a set-password form. Expired,
 * used and invalid links get their own clear page, with "Sign in" and "Ask for a new link".
 *
 * @attr token - The invite token. When it is not set, the element reads it from the page's URL
 *   fragment (`#token=…`, as invite links carry it) and removes it from the address bar.
 * @attr sign-in-url - Where "Sign in" leads from a dead invite link; without it the button
 *   fires `sg-sign-in-request` for the page to show `<sg-sign-in>`.
 * @prop {PortalClient} client - The api client (normally from `<sg-portal-provider>`).
 * @prop {Partial<SgStrings>} strings - Replaces some strings.
 * @attr theme - `light` (default), `dark` or `auto`.
 * @event sg-invite-accepted - The account was created and the client is signed in; `detail.client`.
 * @event sg-sign-in-request - "Sign in" was pressed on a dead link's page (no `sign-in-url` set).
 * @slot done - Shown after joining, e.g. a link into the portal.
 * @csspart base - The card; a live link's brand colour marks its top edge and sets the accent.
 * @csspart logo - The builder's logo (a live link whose builder has one).
 * @csspart form - The set-password form.
 * @csspart submit - The join button.
 * @csspart message - The expired / used / invalid page.
 * @csspart sign-in - "Sign in" on that page.
 * @csspart new-link - "Ask for a new link" on a used link's page (says whom to ask; an expired or
 *   invalid link's page says it in its message).
 * @cssproperty --sg-page-width - The card's maximum width.
 *
 * @tag sg-accept-invite
 */
export class SgAcceptInvite extends SgElement {
  static override styles = styles;
  static override defaultStrings: Partial<SgStrings> = { ...common, ...acceptInviteStrings };

  @property() token = '';
  @property({ attribute: 'sign-in-url' }) signInUrl = '';

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.token) this.token = takeFragmentToken('invite') ?? '';
    // Another invite link opened in the same tab only changes the fragment.
    this.#unfollow = followFragmentTokens('invite', (token) => (this.token = token));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unfollow?.();
  }

  #unfollow?: () => void;

  @state() private info?: InviteInfo;
  @state() private gone?: Gone;
  @state() private loadError?: unknown;
  @state() private submitError?: unknown;
  @state() private fieldErrors: Record<string, string> = {};
  @state() private busy = false;
  @state() private joinedName?: string | undefined;
  @state() private done = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('token') || changed.has('client')) && this.client && this.token) void this.inspect();
  }

  private async inspect(): Promise<void> {
    const { client, token } = this;
    if (!client) return;
    this.info = undefined;
    this.gone = undefined;
    this.loadError = undefined;
    this.done = false;
    try {
      const info = await client.invites.inspect(token);
      if (token !== this.token) return;
      this.gone = GONE_BY_STATUS[info.status];
      this.info = info;
    } catch (error) {
      if (token !== this.token) return;
      const gone = GONE_BY_CODE[errorCode(error) ?? ''];
      if (gone) this.gone = gone;
      else this.loadError = error;
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const errors = newPasswordErrors(data, (key) => this.t(key));
    this.fieldErrors = errors;
    this.submitError = undefined;
    if (Object.keys(errors).length) return this.focusAnswer();
    if (!this.client) return;
    this.busy = true;
    try {
      // The page's language (its nearest `lang`, full tag) becomes the client's email language, unless the builder set one.
      const language = this.locale;
      const { client } = await this.client.invites.accept(this.token, { password, ...(name && { name }), ...(language && { language }) });
      forgetUsedLink('invite');
      this.joinedName = client.name ?? name;
      this.done = true;
      this.dispatchEvent(new SgInviteAcceptedEvent({ client }));
    } catch (error) {
      const gone = GONE_BY_CODE[errorCode(error) ?? ''];
      if (gone) this.gone = gone;
      else {
        this.fieldErrors = issuesByField(error, this.stringTable);
        this.submitError = error;
      }
    }
    this.busy = false;
    // Joined, or the link died: the form is gone, and focus goes to what says so.
    await this.focusAnswer();
  }

  /** After a request: the refused field, else the message saying what happened. */
  private focusAnswer(): Promise<void> {
    return focusOutcome(this.renderRoot, this.updateComplete);
  }

  protected override render(): TemplateResult {
    const look = this.look;
    return html`<section part="base" class=${cardClass(look)} aria-busy=${this.loading ? 'true' : 'false'}>${brandLogo(look)}${this.body()}</section>`;
  }

  /** A live link's builder: its brand colours the card and its logo heads it (a dead link says nothing of the builder). */
  private get look(): TenantLook | undefined {
    const info = this.info;
    return info && !this.gone ? { ...(info.tenantName ? { name: info.tenantName } : {}), ...(info.brand ? { brand: info.brand } : {}) } : undefined;
  }

  protected override updated(): void {
    paintBrand(this.renderRoot.querySelector<HTMLElement>('[part=base]'), this.look);
  }

  /**
   * A server renders before the browser has what the page needs: the client (the page's provider
   * hands it over there) and the token (in the fragment, which never reaches a server).
   */
  private get loading(): boolean {
    return isServer || (!!this.client && !!this.token && !this.info && !this.gone && !this.loadError);
  }

  private body(): TemplateResult {
    if (isServer) return html`<p role="status" class="muted">${this.t('loading')}</p>`;
    if (!this.client) return html`<p class="notice error" role="alert">${this.t('noClient')}</p>`;
    // No token at all: a link used in this tab whose page was reloaded as the answer came is used.
    if (!this.token || this.gone) return this.gonePage(this.gone ?? (usedInThisTab('invite') ? 'used' : 'invalid'));
    if (this.loadError) {
      return html`<p class="notice error" role="alert">${this.problem(this.loadError)}</p>
        <div class="actions"><button class="btn" @click=${() => this.inspect()}>${this.t('retry')}</button></div>`;
    }
    if (!this.info) return html`<p role="status" class="muted">${this.t('loading')}</p>`;
    if (this.done) {
      return html`<div role="status" tabindex="-1">
          <h2>${this.t('acceptDone', { name: this.joinedName ? `, ${this.joinedName}` : '' })}</h2>
        </div>
        <slot name="done"></slot>`;
    }
    return this.form(this.info);
  }

  /**
   * Every dead link offers both ways on: sign in (the client may have joined), or a new invite.
   * A used link's page is about signing in, so whom to ask for a new one waits behind "Ask for a
   * new link"; an expired or invalid link's page says it at once, and signing in comes second.
   */
  private gonePage(gone: Gone): TemplateResult {
    const href = safeUrl(this.signInUrl);
    const signIn = this.t('acceptSignIn');
    const used = gone === 'used';
    const ask = this.t('acceptNewLinkHint', { tenant: this.info?.tenantName || this.t('acceptYourBuilder') });
    const kind = used ? 'btn primary' : 'btn';
    return html`<div part="message" class="gone" role="alert" tabindex="-1">
        <div class="icon" aria-hidden="true">${used ? '✓' : '!'}</div>
        <h2>${this.t(GONE_TITLE[gone])}</h2>
        <p class="muted">${used ? this.t('acceptUsedHint') : ask}</p>
      </div>
      <div class="actions">
        ${href
          ? html`<a part="sign-in" class=${kind} href=${href}>${signIn}</a>`
          : html`<button part="sign-in" class=${kind} @click=${() => this.dispatchEvent(new SgSignInRequestEvent())}>${signIn}</button>`}
      </div>
      ${used
        ? html`<details part="new-link">
            <summary>${this.t('acceptNewLink')}</summary>
            <p>${ask}</p>
          </details>`
        : nothing}`;
  }

  private form(info: InviteInfo): TemplateResult {
    const err = this.fieldErrors;
    const field = (name: string, label: string, type: string, autocomplete: string, value?: string, hint?: string): TemplateResult =>
      inputField(name, label, type, autocomplete, err[name], value, hint);
    return html`
      <h2>${info.tenantName ? this.t('acceptTitle', { tenant: info.tenantName }) : this.t('acceptTitleNoTenant')}</h2>
      ${info.email ? html`<p class="muted">${this.t('acceptIntro', { email: info.email })}</p>` : nothing}
      ${this.submitError ? html`<p class="notice error" role="alert" tabindex="-1">${this.problem(this.submitError)}</p>` : nothing}
      <form part="form" novalidate @submit=${this.submit}>
        <input type="email" name="username" autocomplete="username" .value=${info.email ?? ''} hidden />
        ${field('name', this.t('acceptName'), 'text', 'name', info.name ?? '')}
        ${field('password', this.t('acceptPassword'), 'password', 'new-password', '', this.t('acceptPasswordHint'))}
        ${field('confirm', this.t('acceptConfirm'), 'password', 'new-password')}
        <button part="submit" class="btn primary" type="submit" aria-disabled=${disabledWhile(this.busy)}>${this.t(this.busy ? 'acceptBusy' : 'acceptSubmit')}</button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sg-accept-invite': SgAcceptInvite;
  }
}
