import { html, nothing, type TemplateResult } from 'lit';
import { disabledWhile } from '../base/a11y.js';
import { inputField } from '../base/fields.js';
import type { SgStrings } from '../i18n/en.js';

/** What the "send me a link" form needs from the element that shows it. */
export interface EmailRequestProps {
  t(key: keyof SgStrings): string;
  intro: keyof SgStrings;
  submit: keyof SgStrings;
  busy: boolean;
  /** Shown once the request went out: the same words whether or not the account exists. */
  sent: boolean;
  /** A message for the email field (empty, or what the server said about it). */
  error?: string | undefined;
  /** The address to start with (typed in the form the person came from). */
  email?: string | undefined;
  send(email: string): void;
  back?: (() => void) | undefined;
}

/**
 * "Forgot password?", "Email me a sign-in link" and "get a new reset link" all ask for one
 * email and answer the same way for every address, so that nobody can learn from the page
 * whether an address has an account.
 */
export function emailRequest(p: EmailRequestProps): TemplateResult {
  const back = p.back ? backToSignIn(p.t, p.back) : nothing;
  if (p.sent) return html`<p class="notice success" role="status" tabindex="-1" data-sent>${p.t('linkSent')}</p>${back}`;
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    p.send(String(new FormData(event.target as HTMLFormElement).get('email') ?? '').trim());
  };
  return html`<p class="muted">${p.t(p.intro)}</p>
    <form part="form" novalidate @submit=${submit}>
      ${inputField('email', p.t('signInEmail'), 'email', 'username', p.error, p.email)}
      <button part="submit" class="btn primary" type="submit" aria-disabled=${disabledWhile(p.busy)}>${p.t(p.busy ? 'linkSending' : p.submit)}</button>
    </form>
    ${back}`;
}

/** "Back to sign in" (part `back`), under the link forms and on a dead reset link's page. */
export function backToSignIn(t: EmailRequestProps['t'], back: () => void): TemplateResult {
  return html`<div class="actions"><button type="button" class="btn quiet" part="back" @click=${back}>${t('backToSignIn')}</button></div>`;
}
