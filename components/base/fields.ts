import { html, nothing, type TemplateResult } from 'lit';
import type { SgStrings } from '../i18n/en.js';

/**
 * One labelled input of the card pages (sign-in, reset, accept-invite): its error and hint are
 * tied to it for assistive technology. `value` is the default (a form `reset()` brings it back);
 * every field but plain text is required.
 */
export function inputField(name: string, label: string, type: string, autocomplete: string, error = '', value = '', hint = ''): TemplateResult {
  return html`<div class="field">
    <label for=${name}>${label}</label>
    <input
      id=${name}
      name=${name}
      type=${type}
      autocomplete=${autocomplete}
      value=${value}
      ?required=${type !== 'text'}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${hint ? `${name}-hint ${name}-error` : `${name}-error`}
    />
    ${hint ? html`<span id=${`${name}-hint`} class="hint">${hint}</span>` : nothing}
    <span id=${`${name}-error`} class="field-error">${error}</span>
  </div>`;
}

/** The checks a new password gets before a round trip (the server still decides, with its list). */
export function newPasswordErrors(data: FormData, t: (key: keyof SgStrings) => string): Record<string, string> {
  const password = String(data.get('password') ?? '');
  if (password.length < 10) return { password: t('acceptPasswordShort') };
  return password === data.get('confirm') ? {} : { confirm: t('acceptPasswordMismatch') };
}
