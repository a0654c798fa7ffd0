import { html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Client } from '../../src/model/client.js';
import { disabledWhile, focusOutcome } from '../base/a11y.js';
import { inputField } from '../base/fields.js';
import { SgElement } from '../base/sg-element.js';
import { common, signInLinkStrings, signInStrings, type SgStrings } from '../i18n/en.js';
import { SgSignInEvent, SgSignOutEvent } from '../events.js';
import { followFragmentTokens, forgetFragmentToken, takeFragmentToken } from '../accept-invite/fragment-token.js';
import { errorCode, issuesByField } from '../util/problem.js';
import { emailRequest } from './email-request.js';
import styles from './sign-in.styles.js';
import type { TenantLook } from '../../src/model/tenant-look.js';
import { brandLogo, cardClass, lookUp, paintBrand } from '../util/brand-look.js';

/** The answers that say a sign-in link will never work; a network failure or a rate limit may pass. */
const DEAD_LINK = ['link_expired', 'link_used', 'link_invalid'];

/** What the card shows: the password form, or one of the "email me a link" forms. */
type Mode = 'password' | 'forgot' | 'link';

/**
 * @summary Client sign-in (email + password, or an emailed one-time link) and sign-out, with
 * "Forgot password?". Shows who is signed in when a session already exists.
 *
 * @attr tenant-id - The builder account the client signs in to; the page wears its brand (logo, colour).
 * @attr methods - Space-separated sign-in methods the builder allows: `password` (default) and
 *   `link` ("Email me a sign-in link"). With `link`, a sign-in link opening this page
 *   (`#token=…` in the fragment) shows a "Sign in" button that signs the client in with it, and
 *   the token leaves the address bar; so does another one opened in the same tab later (only the
 *   fragment changes).
 * @attr no-session - The page has just asked `GET /me` and knows nobody is signed in: the form
 *   shows without asking again.
 * @prop {PortalClient} client - The api client (normally from `<sg-portal-provider>`).
 * @prop {Partial<SgStrings>} strings - Replaces some strings.
 * @attr theme - `light` (default), `dark` or `auto`.
 * @event sg-sign-in - Signed in; `detail.client`.
 * @event sg-sign-out - Signed out.
 * @slot signed-in - Extra content shown while signed in (e.g. a link into the portal).
 * @csspart base - The card; the builder's brand colour marks its top edge and sets the accent.
 * @csspart logo - The builder's logo, when it has one.
 * @csspart form - The sign-in form.
 * @csspart submit - The sign-in button.
 * @csspart sign-out - The sign-out button.
 * @csspart forgot - The "Forgot password?" button.
 * @csspart link - The "Email me a sign-in link" button (with `methods="password link"`).
 * @csspart back - "Back to sign in", under the link forms.
 * @csspart use-link - The "Sign in" button that uses a sign-in link opening the page.
 * @cssproperty --sg-page-width - The card's maximum width.
 *
 * @tag sg-sign-in
 */
export class SgSignIn extends SgElement {
  static override styles = styles;
  static override defaultStrings: Partial<SgStrings> = { ...common, ...signInStrings, ...signInLinkStrings };

  @property({ attribute: 'tenant-id' }) tenantId = '';
  @property() methods = 'password';
  @property({ type: Boolean, attribute: 'no-session' }) noSession = false;

  @state() private mode: Mode = 'password';
  /** The link request went out (the answer is the same for every address). */
  @state() private sent = false;
  /** The address typed in the form being left, so the next one starts with it (plain: read on switching). */
  private typedEmail = '';
  /** A sign-in link's token not tried yet: the card offers to use it. */
  @state() private linkToken?: string | undefined;
  /** The last token taken from the fragment: a fragment change that brings no new one changes nothing. */
  private takenToken?: string | undefined;
  /** Counts `check`s: the answer of one a newer link replaced is dropped. */
  private checks = 0;

  /** The signed-in client, once known. */
  @state() signedIn?: Client | undefined;
  @state() private checked = false;
  @state() private error?: unknown;
  @state() private fieldErrors: Record<string, string> = {};
  @state() private busy = false;
  @state() private justSignedOut = false;

  private get allowsLink(): boolean {
    return this.methods.split(/\s+/).includes('link');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Only where links are allowed: a page that also hosts a reset or invite form keeps its token.
    if (this.allowsLink) this.linkToken = this.takenToken = takeFragmentToken('sign-in');
    this.#unfollow = followFragmentTokens('sign-in', this.newLink, () => this.allowsLink);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unfollow?.();
  }

  #unfollow?: () => void;

  /** Another sign-in link opened in the same tab: the card starts afresh with it. */
  private readonly newLink = (token: string): void => {
    if (token === this.takenToken) return;
    this.linkToken = this.takenToken = token;
    Object.assign(this, { mode: 'password', sent: false, error: undefined, fieldErrors: {}, checked: false, justSignedOut: false });
    if (this.client) void this.check();
  };

  /** The builder's name and brand (`tenants.look`), once known. */
  @state() private look?: TenantLook | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') && this.client) void this.check();
    if (changed.has('client') || changed.has('tenantId')) void this.loadLook();
  }

  private async loadLook(): Promise<void> {
    const { client, tenantId } = this;
    const look = await lookUp(client, tenantId);
    if (client === this.client && tenantId === this.tenantId) this.look = look;
  }

  /**
   * An existing session shows "signed in as"; no session is the normal case, not an error. A
   * sign-in link waits for its button, which calls this with `use`.
   */
  private async check(use?: boolean): Promise<void> {
    const run = ++this.checks;
    const token = this.linkToken;
    if (token) {
      // A sign-in link is used only on a click: mail scanners open links in a browser that runs
      // the page, and would spend the one-time link (and get its session) before the client.
      // The card shown afresh (a newer link, another client) is not busy with an older answer.
      if (!use) return void (this.busy = false);
      this.busy = true;
      this.error = undefined;
      try {
        const { client } = await this.client!.sessions.signInWithLink(token);
        if (run !== this.checks) return;
        this.linkToken = undefined;
        forgetFragmentToken('sign-in');
        return this.signedInAs(client);
      } catch (error) {
        if (run !== this.checks) return;
        Object.assign(this, { error, busy: false });
        // A failure that may pass (no connection, a rate limit, a busy server): the link still
        // works, so its button stays, with what went wrong beside it.
        if (!DEAD_LINK.includes(errorCode(error) ?? '')) return this.focusAnswer();
        // A dead link: say so, with the form that mails a new one. Nor offer it again when the
        // element is moved or the page reloaded (both read the kept token).
        Object.assign(this, { linkToken: undefined, mode: 'link' });
        forgetFragmentToken('sign-in');
      }
    }
    let signedIn: Client | undefined;
    try {
      signedIn = this.noSession ? undefined : (await this.client!.me()).client;
    } catch {
      signedIn = undefined;
    }
    if (run !== this.checks) return;
    this.signedIn = signedIn;
    this.checked = true;
    // The button is gone: focus goes to what went wrong.
    if (use) await this.focusAnswer();
  }

  private useLink(event: SubmitEvent): void {
    event.preventDefault();
    if (!this.busy) void this.check(true);
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const errors: Record<string, string> = {};
    if (!email) errors.email = this.t('required');
    if (!password) errors.password = this.t('required');
    this.fieldErrors = errors;
    this.error = undefined;
    if (Object.keys(errors).length || !this.client) return this.focusAnswer();
    this.busy = true;
    try {
      await this.signedInAs((await this.client.sessions.signIn({ tenantId: this.tenantId, email, password })).client);
    } catch (error) {
      this.error = error;
      this.fieldErrors = issuesByField(error, this.stringTable);
      await this.focusAnswer();
    } finally {
      this.busy = false;
    }
  }

  private async signedInAs(client: Client): Promise<void> {
    this.signedIn = client;
    this.checked = true;
    this.justSignedOut = false;
    this.busy = false; // the sign-out button is not busy
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="sign-out"]')?.focus();
    this.dispatchEvent(new SgSignInEvent({ client }));
  }

  /** Forgot password / sign-in link: mails a link, and says the same whatever the address. */
  private async request(email: string): Promise<void> {
    if (this.busy) return;
    this.fieldErrors = email ? {} : { email: this.t('required') };
    this.error = undefined;
    if (!email || !this.client) return this.focusAnswer();
    this.busy = true;
    try {
      this.typedEmail = email;
      const input = { tenantId: this.tenantId, email };
      await (this.mode === 'link' ? this.client.sessions.requestLink(input) : this.client.passwords.requestReset(input));
      this.sent = true;
    } catch (error) {
      this.error = error;
      this.fieldErrors = issuesByField(error, this.stringTable);
      await this.focusAnswer();
    } finally {
      this.busy = false;
    }
    // The form and its button are gone: focus goes to the answer.
    if (this.sent) await this.focusAnswer();
  }

  /** Switches between the password form and the link forms, keeping focus in the card. */
  private async show(mode: Mode): Promise<void> {
    // Whoever typed their address and then asks for a reset or a link should not type it again.
    this.typedEmail = this.renderRoot.querySelector<HTMLInputElement>('input[name="email"]')?.value.trim() ?? this.typedEmail;
    this.mode = mode;
    this.sent = false;
    this.error = undefined;
    this.fieldErrors = {};
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input')?.focus();
  }

  /** After a request: the refused field, else its error or answer; else focus stays on the button. */
  private focusAnswer(): Promise<void> {
    return focusOutcome(this.renderRoot, this.updateComplete);
  }

  private async signOut(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.client?.sessions.signOut();
      this.signedIn = undefined;
      this.justSignedOut = true;
      this.dispatchEvent(new SgSignOutEvent());
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('input[name="email"]')?.focus();
    } catch (error) {
      this.error = error;
      await this.focusAnswer();
    } finally {
      this.busy = false;
    }
  }

  protected override render(): TemplateResult {
    return html`<section part="base" class=${cardClass(this.look)}>${brandLogo(this.look)}${this.body()}</section>`;
  }

  protected override updated(): void {
    paintBrand(this.renderRoot.querySelector<HTMLElement>('[part=base]'), this.look);
  }

  private body(): TemplateResult {
    // A server renders before the page's provider hands over a client: loading, until the browser has it.
    if (!this.client && !isServer) return html`<p class="notice error" role="alert">${this.t('noClient')}</p>`;
    const error = this.error ? html`<p class="notice error" role="alert" tabindex="-1">${this.problem(this.error)}</p>` : nothing;
    if (this.linkToken) {
      return html`<h2>${this.t('linkUseTitle')}</h2>
        <p class="muted">${this.t('linkUseIntro')}</p>
        ${error}
        <form @submit=${this.useLink}>
          <button part="use-link" class="btn primary" aria-disabled=${disabledWhile(this.busy)}>${this.t(this.busy ? 'signInBusy' : 'signInSubmit')}</button>
        </form>`;
    }
    if (!this.checked) return html`<p role="status" class="muted">${this.t('loading')}</p>`;
    if (this.signedIn) {
      return html`${error}
        <div class="signed-in">
          <p role="status">${this.t('signedInAs', { email: this.signedIn.email })}</p>
          <button part="sign-out" class="btn" aria-disabled=${disabledWhile(this.busy)} @click=${this.signOut}>${this.t('signOut')}</button>
        </div>
        <slot name="signed-in"></slot>`;
    }
    const err = this.fieldErrors;
    if (this.mode !== 'password') {
      const link = this.mode === 'link';
      return html`<h2>${this.t(link ? 'linkTitle' : 'forgotTitle')}</h2>
        ${error}
        ${emailRequest({
          t: (key) => this.t(key),
          intro: link ? 'linkIntro' : 'forgotIntro',
          submit: link ? 'linkSubmit' : 'forgotSubmit',
          busy: this.busy,
          sent: this.sent,
          error: err.email,
          email: this.typedEmail,
          send: (email) => void this.request(email),
          back: () => void this.show('password'),
        })}`;
    }
    const field = (name: 'email' | 'password', type: string, autocomplete: string): TemplateResult =>
      inputField(name, this.t(name === 'email' ? 'signInEmail' : 'signInPassword'), type, autocomplete, err[name], name === 'email' ? this.typedEmail : '');
    return html`
      <h2>${this.t('signInTitle')}</h2>
      ${this.justSignedOut ? html`<p class="notice success" role="status">${this.t('signedOut')}</p>` : nothing} ${error}
      <form part="form" novalidate @submit=${this.submit}>
        ${field('email', 'email', 'username')} ${field('password', 'password', 'current-password')}
        <button part="submit" class="btn primary" type="submit" aria-disabled=${disabledWhile(this.busy)}>${this.t(this.busy ? 'signInBusy' : 'signInSubmit')}</button>
      </form>
      <div class="more">
        <button type="button" class="btn quiet" part="forgot" @click=${() => this.show('forgot')}>${this.t('forgotLink')}</button>
        ${this.allowsLink
          ? html`<button type="button" class="btn quiet" part="link" @click=${() => this.show('link')}>${this.t('linkOffer')}</button>`
          : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sg-sign-in': SgSignIn;
  }
}
