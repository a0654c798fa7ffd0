import type { TenantSettings } from '../model/tenant.js';
import { escapeHtml as e, safeColor, safeUrl, textOn } from './escape.js';

const DEFAULT_COLOR = '#1f6feb';

/** "December 16, 2026 at 3:00 PM" (UTC), as every link email states its expiry. */
export const expiryFormat = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

export interface LinkEmailHtml {
  subject: string;
  /** The builder's name, already flattened to one line. */
  builder: string;
  tenant: TenantSettings;
  /** The message's own paragraphs, as HTML whose text is already escaped. */
  body: string;
  /** The link the button opens; only an http(s) one (from `safeUrl`) is rendered. */
  href: string | undefined;
  button: string;
  /** When the link expires, then why the reader may ignore the email: plain text. */
  expires: string;
  ignore: string;
}

/**
 * The HTML every link email shares (invite, password reset, sign-in link, email confirmation):
 * the builder's logo or name and colour, the message, one button with the link spelled out
 * beneath it, and the expiry and "ignore this" notes. Colours and the logo are checked here.
 */
export function linkEmailHtml(mail: LinkEmailHtml): string {
  const { subject, builder, href } = mail;
  const color = safeColor(mail.tenant.branding?.color, DEFAULT_COLOR);
  const logo = safeUrl(mail.tenant.branding?.logoUrl);
  const muted = 'font-size:14px;color:#57606a';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f8fa;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328;line-height:1.5">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;border-top:4px solid ${color}">
<tr><td style="padding:32px">
${logo ? `<img src="${e(logo)}" alt="${e(builder)}" style="max-height:48px;margin:0 0 16px">` : `<p style="font-weight:600;font-size:18px;margin:0 0 16px">${e(builder)}</p>`}
${mail.body}
<p style="margin:24px 0">${
    href
      ? `<a href="${e(href)}" style="background:${color};color:${textOn(color)};padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block;font-weight:600">${e(mail.button)}</a>`
      : ''
  }</p>
<p style="${muted}">${e(mail.expires)}</p>
${href ? `<p style="${muted}">If the button does not work, copy this link into your browser:<br><a href="${e(href)}" style="color:#0969da;word-break:break-all">${e(href)}</a></p>` : ''}
<p style="${muted}">${e(mail.ignore)}</p>
</td></tr></table></body></html>`;
}
