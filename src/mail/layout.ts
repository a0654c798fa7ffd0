import type { TenantSettings } from '../model/tenant.js';
import { emailBrand } from './brand.js';
import { escapeHtml as e, textOn } from './escape.js';
import type { EmailStrings } from './strings/types.js';

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
  /** The language's words ("copy this link") and its tag, for `lang`. */
  strings: EmailStrings;
}

/** What every email's page holds around its own content. */
export interface EmailPage {
  subject: string;
  /** The builder's name, already flattened to one line. */
  builder: string;
  tenant: TenantSettings;
  /** The language tag of the words, for `lang`. */
  locale: string;
  /** The message itself, as HTML whose text is already escaped. */
  content: string;
}

/** The notes under a message: smaller and grey. */
export const MUTED = 'font-size:14px;color:#57606a';

/**
 * A long unbroken name (a file name, a project code) would widen the card past a phone's
 * screen, so text may break anywhere inside it. `overflow-wrap:anywhere` also lets the card
 * shrink (it lowers the cell's minimum width, which `break-word` does not); `word-break:
 * break-word` does the same in clients that predate `anywhere`. Both inherit to every
 * paragraph, heading and list in the card, and stay inline: mail clients drop style sheets.
 */
const WRAP = 'overflow-wrap:anywhere;word-break:break-word';

/**
 * The page every email is drawn on (the link emails and the digest): a card in the builder's
 * colour, headed by its logo or name, holding the message. Colours and the logo are checked in
 * `emailBrand`.
 */
export function emailPage(page: EmailPage): string {
  const { color, logo } = emailBrand(page.tenant);
  return `<!doctype html>
<html lang="${e(page.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(page.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f8fa;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328;line-height:1.5">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;border-top:4px solid ${color}">
<tr><td style="padding:32px;${WRAP}">
${logo ? `<img src="${e(logo)}" alt="${e(page.builder)}" style="max-height:48px;margin:0 0 16px">` : `<p style="font-weight:600;font-size:18px;margin:0 0 16px">${e(page.builder)}</p>`}
${page.content}
</td></tr></table></body></html>`;
}

/**
 * The HTML every link email shares (invite, password reset, sign-in link, email confirmation):
 * the message, one button with the link spelled out beneath it, and the expiry and "ignore
 * this" notes, on the page of every email. The button's text is black or white, whichever
 * reads better on the colour.
 */
export function linkEmailHtml(mail: LinkEmailHtml): string {
  const { href } = mail;
  const { color } = emailBrand(mail.tenant);
  const content = `${mail.body}
<p style="margin:24px 0">${
    href
      ? `<a href="${e(href)}" style="background:${color};color:${textOn(color)};padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block;font-weight:600">${e(mail.button)}</a>`
      : ''
  }</p>
<p style="${MUTED}">${e(mail.expires)}</p>
${href ? `<p style="${MUTED}">${e(mail.strings.layout.copyLink)}<br><a href="${e(href)}" style="color:#0969da;word-break:break-all">${e(href)}</a></p>` : ''}
<p style="${MUTED}">${e(mail.ignore)}</p>`;
  return emailPage({ subject: mail.subject, builder: mail.builder, tenant: mail.tenant, locale: mail.strings.locale, content });
}
