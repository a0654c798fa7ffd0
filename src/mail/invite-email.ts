import type { TenantSettings } from '../model/tenant.js';
import { escapeHtml as e, oneLine, safeUrl } from './escape.js';
import { linkEmailHtml } from './layout.js';
import { EMAIL_STRINGS_EN } from './strings/en.js';
import { fill, formatExpiry, plural } from './strings/pick.js';
import type { EmailStrings } from './strings/types.js';

export interface InviteEmailInput {
  to: string;
  clientName?: string;
  /**
   * The client's language (`fr-CA`), when it has one. The portal chooses the words by it before
   * the tenant's `locale` and passes them as `strings`; `renderInviteEmail` itself does not
   * read it: called directly, it writes in the `strings` it is given.
   */
  language?: string;
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


/** "12 Maple Street", "12 Maple Street and Harbor View", "12 Maple Street and 2 more", in the language. */
function projectsSummary(names: string[], strings: EmailStrings): string {
  if (names.length === 1) return names[0]!;
  if (names.length === 2) return fill(strings.invite.twoProjects, { first: names[0]!, second: names[1]! }, strings.locale);
  return fill(plural(strings.invite.moreProjects, names.length - 1, strings.locale), { first: names[0]! }, strings.locale);
}

/**
 * The invite email in plain text and HTML, in the words of `strings` (default English; see
 * `emailStrings(locale)`). Every interpolated value is flattened to one line (so a CR/LF in a
 * tenant or client name can't forge a header or a line of the body) and HTML-escaped where it
 * lands in HTML; the links must be http(s).
 */
export function renderInviteEmail(input: InviteEmailInput, strings: EmailStrings = EMAIL_STRINGS_EN): RenderedEmail {
  const words = strings.invite;
  const builder = oneLine(input.tenant.name);
  const inviter = input.inviterName ? oneLine(input.inviterName) : '';
  const client = input.clientName ? oneLine(input.clientName) : '';
  const projects = input.projectNames.map((name) => oneLine(name)).filter(Boolean);
  const who = inviter ? fill(words.inviterAt, { inviter, builder }, strings.locale) : builder;
  const forProjects = projects.length ? fill(words.forProjects, { projects: projectsSummary(projects, strings) }, strings.locale) : '';
  const subject = oneLine(fill(input.resend ? words.subjectResend : words.subject, { who, builder, forProjects }, strings.locale), 250);
  const greeting = client ? fill(strings.layout.greeting, { name: client }, strings.locale) : strings.layout.greetingNoName;
  const intro = fill(
    projects.length === 0 ? words.introNoProject : projects.length === 1 ? words.introOneProject : words.introManyProjects,
    { who, builder, project: projects[0] ?? '' },
    strings.locale,
  );
  const replaces = fill(words.replaces, { builder }, strings.locale);
  const expires = fill(strings.layout.expires, { date: formatExpiry(input.expiresAt, strings.locale, input.tenant.timeZone) }, strings.locale);
  const ignore = fill(words.ignore, { builder }, strings.locale);
  const action = fill(words.action, { builder }, strings.locale);
  const href = safeUrl(input.acceptUrl);

  const text = [
    greeting,
    '',
    intro,
    ...(projects.length > 1 ? projects.map((p) => `  - ${p}`) : []),
    '',
    ...(input.resend ? [replaces, ''] : []),
    action,
    href ?? input.acceptUrl,
    '',
    expires,
    '',
    ignore,
    '',
    fill(strings.layout.signature, { builder }, strings.locale),
  ].join('\n');

  const body = [
    `<p>${e(greeting)}</p>`,
    `<p>${e(intro)}</p>`,
    projects.length > 1 ? `<ul>${projects.map((p) => `<li>${e(p)}</li>`).join('')}</ul>` : '',
    input.resend ? `<p><strong>${e(replaces)}</strong></p>` : '',
  ].join('\n');
  const html = linkEmailHtml({ subject, builder, tenant: input.tenant, body, href, button: fill(words.button, { builder }, strings.locale), expires, ignore, strings });
  return { subject, text, html };
}
