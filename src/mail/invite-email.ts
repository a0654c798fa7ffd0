import type { TenantSettings } from '../model/tenant.js';
import { escapeHtml as e, oneLine, safeUrl } from './escape.js';
import { expiryFormat, linkEmailHtml } from './layout.js';

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

  const body = [
    `<p>${e(greeting)}</p>`,
    `<p>${e(intro)}</p>`,
    projects.length > 1 ? `<ul>${projects.map((p) => `<li>${e(p)}</li>`).join('')}</ul>` : '',
    input.resend ? `<p><strong>${e(replaces)}</strong></p>` : '',
  ].join('\n');
  const html = linkEmailHtml({ subject, builder, tenant: input.tenant, body, href, button: 'Accept invite', expires, ignore });
  return { subject, text, html };
}
