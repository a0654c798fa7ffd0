import type { AccountLinkPurpose } from '../model/account-link.js';
import type { TenantSettings } from '../model/tenant.js';
import { escapeHtml as e, oneLine, safeColor, safeUrl, textOn } from './escape.js';
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

const DEFAULT_COLOR = '#1f6feb';
const expiryFormat = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

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

  const color = safeColor(input.tenant.branding?.color, DEFAULT_COLOR);
  const logo = safeUrl(input.tenant.branding?.logoUrl);
  const muted = 'font-size:14px;color:#57606a';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f8fa;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328;line-height:1.5">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;border-top:4px solid ${color}">
<tr><td style="padding:32px">
${logo ? `<img src="${e(logo)}" alt="${e(builder)}" style="max-height:48px;margin:0 0 16px">` : `<p style="font-weight:600;font-size:18px;margin:0 0 16px">${e(builder)}</p>`}
<p>${e(greeting)}</p>
<p>${e(intro)}</p>
<p>${e(action)}</p>
<p style="margin:24px 0">${
    href
      ? `<a href="${e(href)}" style="background:${color};color:${textOn(color)};padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block;font-weight:600">${e(fill(strings.button))}</a>`
      : ''
  }</p>
<p style="${muted}">${e(expires)}</p>
${href ? `<p style="${muted}">If the button does not work, copy this link into your browser:<br><a href="${e(href)}" style="color:#0969da;word-break:break-all">${e(href)}</a></p>` : ''}
<p style="${muted}">${e(ignore)}</p>
</td></tr></table></body></html>`;
  return { subject, text, html };
}
