import type { AccountLinkPurpose } from '../model/account-link.js';
import type { TenantSettings } from '../model/tenant.js';
import { escapeHtml as e, oneLine, safeUrl } from './escape.js';
import { expiryFormat, linkEmailHtml } from './layout.js';
import type { RenderedEmail } from './invite-email.js';

export interface AccountEmailInput {
  purpose: AccountLinkPurpose;
  clientName?: string;
  tenant: TenantSettings;
  /** The link, token in its fragment. */
  url: string;
  expiresAt: Date;
}

/** The words of each account email; `{builder}` is replaced by the builder's name. */
export interface AccountEmailStrings {
  subject: string;
  intro: string;
  action: string;
  button: string;
  ignore: string;
}

/** English text of the three account emails. */
export const ACCOUNT_EMAIL_STRINGS: Record<AccountLinkPurpose, AccountEmailStrings> = {
  'password-reset': {
    subject: 'Reset your password for the {builder} client portal',
    intro: 'Someone asked to reset the password of your {builder} client portal account.',
    action: 'Choose a new password:',
    button: 'Reset password',
    ignore: 'If you did not ask for this, you can ignore this email: your password stays as it is.',
  },
  'sign-in': {
    subject: 'Your sign-in link for the {builder} client portal',
    intro: 'Here is the sign-in link you asked for.',
    action: 'Sign in to the {builder} client portal:',
    button: 'Sign in',
    ignore: 'If you did not ask for this, you can ignore this email.',
  },
  'confirm-email': {
    subject: 'Confirm your new email address for the {builder} client portal',
    intro: '{builder} changed the email address of your client portal account to this one.',
    action: 'Confirm this address to keep using the portal:',
    button: 'Confirm email address',
    ignore: 'If you were not expecting this, you can ignore this email.',
  },
};

/**
 * A password reset, sign-in link or email confirmation message in plain text and HTML, escaped
 * like the invite email: every interpolated value flattened to one line and HTML-escaped where
 * it lands in HTML; only an http(s) link is rendered as a link.
 */
export function renderAccountEmail(input: AccountEmailInput, strings: AccountEmailStrings = ACCOUNT_EMAIL_STRINGS[input.purpose]): RenderedEmail {
  const builder = oneLine(input.tenant.name);
  const fill = (text: string) => oneLine(text.split('{builder}').join(builder), 500);
  const subject = oneLine(fill(strings.subject), 250);
  const client = input.clientName ? oneLine(input.clientName) : '';
  const greeting = client ? `Hello ${client},` : 'Hello,';
  const intro = fill(strings.intro);
  const action = fill(strings.action);
  const expires = `The link can be used once and expires on ${expiryFormat.format(input.expiresAt)} UTC.`;
  const ignore = fill(strings.ignore);
  const href = safeUrl(input.url);

  const text = [greeting, '', intro, '', action, href ?? input.url, '', expires, '', ignore, '', `— ${builder}`].join('\n');

  const body = [`<p>${e(greeting)}</p>`, `<p>${e(intro)}</p>`, `<p>${e(action)}</p>`].join('\n');
  const html = linkEmailHtml({ subject, builder, tenant: input.tenant, body, href, button: fill(strings.button), expires, ignore });
  return { subject, text, html };
}
