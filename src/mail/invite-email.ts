import type { TenantSettings } from '../model/tenant.js';
import { escapeHtml as e, oneLine, safeColor, safeUrl, textOn } from './escape.js';

export interface InviteEmailInput {
  to: string;
  clientName?: string;
  /** The builder: its name and optional branding (logo URL, colour). */
  tenant: TenantSettings;
  /** Who sent it, when the host told us (`PortalOptions.staffName`). */
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

const DEFAULT_COLOR = '#1f6feb';
const expiryFormat = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/** "12 Maple Street", "12 Maple Street and Harbor View", "12 Maple Street and 2 more". */
function projectsSummary(names: string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names[0]} and ${names.length - 1} more`;
}

/**
 * The invite email in plain text and HTML. Every interpolated value is flattened to one line
 * (so a CR/LF in a tenant or client name can't forge a header or a line of the body) and
 * HTML-escaped where it lands in HTML; the links must be http(s).
 */
export function renderInviteEmail(input: InviteEmailInput): RenderedEmail {
  const builder = oneLine(input.tenant.name);
  const inviter = input.inviterName ? oneLine(input.inviterName) : '';
  const client = input.clientName ? oneLine(input.clientName) : '';
  const projects = input.projectNames.map((name) => oneLine(name)).filter(Boolean);
  const who = inviter ? `${inviter} at ${builder}` : builder;
  const forProjects = projects.length ? ` for ${projectsSummary(projects)}` : '';
  const subject = oneLine(
    input.resend ? `Your new invite to the ${builder} client portal${forProjects}` : `${who} invited you to their client portal${forProjects}`,
    250,
  );
  const greeting = client ? `Hello ${client},` : 'Hello,';
  const intro =
    projects.length === 0
      ? `${who} invited you to their client portal, where you can follow your project.`
      : projects.length === 1
        ? `${who} invited you to their client portal, where you can follow ${projects[0]}.`
        : `${who} invited you to their client portal, where you can follow these projects:`;
  const replaces = 'This invite replaces the earlier one: the link in the previous email no longer works.';
  const expires = `The link can be used once and expires on ${expiryFormat.format(input.expiresAt)} UTC.`;
  const ignore = 'If you were not expecting this email, you can ignore it.';
  const href = safeUrl(input.acceptUrl);

  const text = [
    greeting,
    '',
    intro,
    ...(projects.length > 1 ? projects.map((p) => `  - ${p}`) : []),
    '',
    ...(input.resend ? [replaces, ''] : []),
    'Accept the invite and set your password:',
    href ?? input.acceptUrl,
    '',
    expires,
    '',
    ignore,
    '',
    `— ${builder}`,
  ].join('\n');

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
${projects.length > 1 ? `<ul>${projects.map((p) => `<li>${e(p)}</li>`).join('')}</ul>` : ''}
${input.resend ? `<p><strong>${e(replaces)}</strong></p>` : ''}
<p style="margin:24px 0">${
    href
      ? `<a href="${e(href)}" style="background:${color};color:${textOn(color)};padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block;font-weight:600">Accept invite</a>`
      : ''
  }</p>
<p style="${muted}">${e(expires)}</p>
${href ? `<p style="${muted}">If the button does not work, copy this link into your browser:<br><a href="${e(href)}" style="color:#0969da;word-break:break-all">${e(href)}</a></p>` : ''}
<p style="${muted}">${e(ignore)}</p>
</td></tr></table></body></html>`;
  return { subject, text, html };
}
