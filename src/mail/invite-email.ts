import type { TenantSettings } from '../model/tenant.js';
import { escapeHtml, safeUrl } from './escape.js';

export interface InviteEmailInput {
  to: string;
  clientName?: string;
  tenant: TenantSettings;
  /** Who sent it, when the host told us. */
  inviterName?: string;
  projectNames: string[];
  acceptUrl: string;
  expiresAt: Date;
  /** This invite replaces an earlier link. */
  resend: boolean;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' });

/** The invite email, in plain text and HTML, every interpolated value escaped. */
export function renderInviteEmail(input: InviteEmailInput): RenderedEmail {
  const builder = input.tenant.name;
  const greeting = input.clientName ? `Hello ${input.clientName},` : 'Hello,';
  const who = input.inviterName ? `${input.inviterName} at ${builder}` : builder;
  const projects = input.projectNames.length ? ` for ${input.projectNames.join(', ')}` : '';
  const expires = dateFormat.format(input.expiresAt);
  const subject = input.resend ? `${builder}: your new client portal invite` : `${builder} invited you to their client portal`;
  const replaces = input.resend ? 'This invite replaces the earlier one: the link in the previous email no longer works.' : '';
  const text = [
    greeting,
    '',
    `${who} invited you to follow your project${projects} in their client portal.`,
    '',
    `Accept the invite and set your password: ${input.acceptUrl}`,
    '',
    `The link expires on ${expires} (UTC) and can be used once.`,
    replaces,
    '',
    'If you were not expecting this, you can ignore this email.',
  ]
    .filter((line, i, lines) => line !== '' || lines[i - 1] !== '')
    .join('\n');
  const color = input.tenant.branding?.color ?? '#1f6feb';
  const logo = safeUrl(input.tenant.branding?.logoUrl);
  const href = safeUrl(input.acceptUrl) ?? '#';
  const e = escapeHtml;
  const html = `<!doctype html>
<html><body style="margin:0;padding:24px;background:#f6f8fa;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2328">
<table role="presentation" width="100%" style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:32px">
<tr><td>
${logo ? `<img src="${e(logo)}" alt="${e(builder)}" style="max-height:48px;margin-bottom:16px">` : `<p style="font-weight:600;font-size:18px;margin:0 0 16px">${e(builder)}</p>`}
<p>${e(greeting)}</p>
<p>${e(who)} invited you to follow your project${e(projects)} in their client portal.</p>
<p style="margin:24px 0"><a href="${e(href)}" style="background:${e(color)};color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">Accept invite</a></p>
<p style="font-size:14px;color:#57606a">The link expires on ${e(expires)} (UTC) and can be used once.${replaces ? ` ${e(replaces)}` : ''}</p>
<p style="font-size:13px;color:#57606a">If the button does not work, open this link: <a href="${e(href)}">${e(input.acceptUrl)}</a></p>
<p style="font-size:13px;color:#57606a">If you were not expecting this, you can ignore this email.</p>
</td></tr></table></body></html>`;
  return { subject, text, html };
}
