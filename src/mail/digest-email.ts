import type { ModuleId } from '../model/modules.js';
import type { NotificationKind } from '../model/notification.js';
import type { TenantSettings } from '../model/tenant.js';
import { escapeHtml as e, oneLine, safeUrl } from './escape.js';
import type { RenderedEmail } from './invite-email.js';
import { emailPage, MUTED } from './layout.js';
import { fill } from './strings/fill.js';

/** One line of a digest: what became visible. */
export interface DigestItem {
  kind: NotificationKind;
  title: string;
}

/** A project's part of a digest: its items by module, updates first. */
export interface DigestProject {
  name: string;
  /** The project's portal page (no token), when the host gave `portalUrl`. */
  url?: string;
  groups: { module: ModuleId; items: DigestItem[] }[];
}

export interface DigestEmailInput {
  clientName?: string;
  /**
   * The client's language (`fr-CA`), when it has one. The portal chooses the words by it before
   * the tenant's `locale` and passes them as `strings`; `renderDigestEmail` itself does not
   * read it: called directly, it writes in the `strings` it is given.
   */
  language?: string;
  tenant: TenantSettings;
  projects: DigestProject[];
  /** The one-click unsubscribe URL (also in the `List-Unsubscribe` header). */
  unsubscribeUrl: string;
}

/** The words of the digest email; `{builder}` is replaced by the builder's name, `{count}` by the number of items. */
export interface DigestEmailStrings {
  subject: string;
  greeting: string;
  greetingNamed: string;
  intro: string;
  open: string;
  approval: string;
  modules: Record<ModuleId, string>;
  unsubscribe: string;
  why: string;
  /**
   * What ends a module's heading and precedes a link in the plain text (`Documents:`, `Open
   * the project in the portal: https://…`): `:` in English, ` :` in French. Default `:`.
   */
  colon?: string;
  /** The language tag of these words, for the HTML's `lang` and French elision (default `en`). */
  locale?: string;
}

/** English text of the digest email. */
export const DIGEST_EMAIL_STRINGS: DigestEmailStrings = {
  subject: 'New in your {builder} client portal ({count})',
  greeting: 'Hello,',
  greetingNamed: 'Hello {name},',
  intro: '{builder} shared new things with you in the client portal:',
  open: 'Open the project in the portal',
  approval: 'Waiting for your decision:',
  modules: {
    updates: 'Updates',
    documents: 'Documents',
    drawings: 'Drawings',
    reports: 'Reports',
    photos: 'Photos',
    dailyLogs: 'Daily logs',
    schedule: 'Schedule',
    selections: 'Selections',
    changeOrders: 'Change orders',
    invoices: 'Invoices',
  },
  unsubscribe: 'Unsubscribe from these emails',
  colon: ':',
  why: 'You get this summary because you are a client of {builder}. You can change how often in the portal.',
};

/**
 * The digest of what became visible to a client, grouped by project then module, in plain
 * text and HTML. Escaped like the other emails: every interpolated value flattened to one line
 * and HTML-escaped where it lands in HTML; only http(s) links are rendered as links.
 */
export function renderDigestEmail(input: DigestEmailInput, strings: DigestEmailStrings = DIGEST_EMAIL_STRINGS): RenderedEmail {
  const locale = strings.locale ?? 'en';
  const builder = oneLine(input.tenant.name);
  const count = input.projects.reduce((n, p) => n + p.groups.reduce((m, g) => m + g.items.length, 0), 0);
  // One pass, as in the other emails: a name holding `{count}` or `{name}` is not filled again.
  const fillIn = (text: string, more: Record<string, string> = {}) => oneLine(fill(text, { builder, count: String(count), ...more }, locale), 500);
  const colon = strings.colon ?? ':';
  const subject = oneLine(fillIn(strings.subject), 250);
  const greeting = input.clientName ? fillIn(strings.greetingNamed, { name: oneLine(input.clientName) }) : fillIn(strings.greeting);
  const intro = fillIn(strings.intro);
  const open = fillIn(strings.open);
  const unsubscribe = safeUrl(input.unsubscribeUrl);
  const why = fillIn(strings.why);
  const line = (item: DigestItem) => `${item.kind === 'approval' ? `${fillIn(strings.approval)} ` : ''}${oneLine(item.title)}`;

  const text: string[] = [greeting, '', intro];
  const html: string[] = [`<p>${e(greeting)}</p>`, `<p>${e(intro)}</p>`];
  for (const project of input.projects) {
    const name = oneLine(project.name);
    const url = safeUrl(project.url);
    text.push('', name, '='.repeat(Math.min(name.length, 60)));
    html.push(`<h2 style="font-size:18px;margin:24px 0 8px">${e(name)}</h2>`);
    for (const group of project.groups) {
      const label = oneLine(strings.modules[group.module] ?? group.module);
      text.push('', `${label}${colon}`, ...group.items.map((item) => `- ${line(item)}`));
      html.push(`<p style="font-weight:600;margin:12px 0 4px">${e(label)}</p>`, `<ul style="margin:0;padding-left:20px">${group.items.map((item) => `<li>${e(line(item))}</li>`).join('')}</ul>`);
    }
    if (url) {
      text.push('', `${open}${colon} ${url}`);
      html.push(`<p style="margin:12px 0"><a href="${e(url)}" style="color:#0969da">${e(open)}</a></p>`);
    }
  }
  text.push('', why, ...(unsubscribe ? [`${fillIn(strings.unsubscribe)}${colon} ${unsubscribe}`] : []), '', `— ${builder}`);
  html.push(
    `<p style="${MUTED};margin-top:24px">${e(why)}</p>`,
    unsubscribe ? `<p style="${MUTED}"><a href="${e(unsubscribe)}" style="color:#57606a">${e(fillIn(strings.unsubscribe))}</a></p>` : '',
  );

  return { subject, text: text.join('\n'), html: emailPage({ subject, builder, tenant: input.tenant, locale, content: html.join('\n') }) };
}
