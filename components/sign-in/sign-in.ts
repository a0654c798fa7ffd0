import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Client } from '../../src/model/client.js';
import { SgElement } from '../base/sg-element.js';
import { common, signInStrings, type SgStrings } from '../i18n/en.js';
import { SgSignInEvent, SgSignOutEvent } from '../events.js';
import { issuesByField } from '../util/problem.js';
import styles from './sign-in.styles.js';

/**
 * @summary Client sign-in (email + password) and sign-out. Shows who is signed in when a
 * session already exists.
 *
 * @attr tenant-id - The builder account the client signs in to.
 * @prop {PortalClient} client - The api client (normally from `<sg-portal-provider>`).
 * @prop {Partial<SgStrings>} strings - Replaces some strings.
 * @attr theme - `light` (default), `dark` or `auto`.
 * @event sg-sign-in - Signed in; `detail.client`.
 * @event sg-sign-out - Signed out.
 * @slot signed-in - Extra content shown while signed in (e.g. a link into the portal).
 * @csspart base - The card.
 * @csspart form - The sign-in form.
 * @csspart submit - The sign-in button.
 * @csspart sign-out - The sign-out button.
 * @cssproperty --sg-page-width - The card's maximum width.
 *
 * @tag sg-sign-in
 */
export class SgSignIn extends SgElement {
  static override styles = styles;
  static override defaultStrings: Partial<SgStrings> = { ...common, ...signInStrings };

  @property({ attribute: 'tenant-id' }) tenantId = '';

  /** The signed-in client, once known. */
  @state() signedIn?: Client | undefined;
  @state() private checked = false;
  @state() private error?: unknown;
  @state() private fieldErrors: Record<string, string> = {};
  @state() private busy = false;
  @state() private justSignedOut = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') && this.client) void this.check();
  }

  /** An existing session shows "signed in as"; no session is the normal case, not an error. */
  private async check(): Promise<void> {
    try {
      this.signedIn = (await this.client!.me()).client;
    } catch {
      this.signedIn = undefined;
    }
    this.checked = true;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const errors: Record<string, string> = {};
    if (!email) errors.email = this.t('required');
    if (!password) errors.password = this.t('required');
    this.fieldErrors = errors;
    this.error = undefined;
    if (Object.keys(errors).length || !this.client) return this.focusInvalid();
    this.busy = true;
    try {
      const { client } = await this.client.sessions.signIn({ tenantId: this.tenantId, email, password });
      this.signedIn = client;
      this.justSignedOut = false;
      this.busy = false; // a disabled button cannot take focus
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part="sign-out"]')?.focus();
      this.dispatchEvent(new SgSignInEvent({ client }));
    } catch (error) {
      this.error = error;
      this.fieldErrors = issuesByField(error);
      await this.focusInvalid();
    } finally {
      this.busy = false;
    }
  }

  private async focusInvalid(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private async signOut(): Promise<void> {
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
    } finally {
      this.busy = false;
    }
  }

  protected override render(): TemplateResult {
    return html`<section part="base" class="card">${this.body()}</section>`;
  }

  private body(): TemplateResult {
    if (!this.client) return html`<p class="notice error" role="alert">${this.t('noClient')}</p>`;
    if (!this.checked) return html`<p role="status" class="muted">${this.t('loading')}</p>`;
    const error = this.error ? html`<p class="notice error" role="alert">${this.problem(this.error)}</p>` : nothing;
    if (this.signedIn) {
      return html`${error}
        <div class="signed-in">
          <p role="status">${this.t('signedInAs', { email: this.signedIn.email })}</p>
          <button part="sign-out" class="btn" ?disabled=${this.busy} @click=${this.signOut}>${this.t('signOut')}</button>
        </div>
        <slot name="signed-in"></slot>`;
    }
    const err = this.fieldErrors;
    const field = (name: 'email' | 'password', type: string, autocomplete: string): TemplateResult => html`
      <div class="field">
        <label for=${name}>${this.t(name === 'email' ? 'signInEmail' : 'signInPassword')}</label>
        <input
          id=${name}
          name=${name}
          type=${type}
          autocomplete=${autocomplete}
          required
          aria-invalid=${err[name] ? 'true' : 'false'}
          aria-describedby=${`${name}-error`}
        />
        <span id=${`${name}-error`} class="field-error">${err[name] ?? ''}</span>
      </div>
    `;
    return html`
      <h2>${this.t('signInTitle')}</h2>
      ${this.justSignedOut ? html`<p class="notice success" role="status">${this.t('signedOut')}</p>` : nothing} ${error}
      <form part="form" novalidate @submit=${this.submit}>
        ${field('email', 'email', 'username')} ${field('password', 'password', 'current-password')}
        <button part="submit" class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('signInSubmit')}</button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sg-sign-in': SgSignIn;
  }
}
