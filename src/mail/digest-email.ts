import type { ModuleId } from '../model/modules.js';
import type { NotificationKind } from '../model/notification.js';
import type { TenantSettings } from '../model/tenant.js';
import { emailBrand } from './brand.js';
import { escapeHtml as e, oneLine, safeUrl } from './escape.js';
import type { RenderedEmail } from './invite-email.js';

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
  /** The language tag of these words, for the HTML's `lang` (default `en`). */
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
  why: 'You get this summary because you are a client of {builder}. You can change how often in the portal.',
};

/**
 * The digest of what became visible to a client, grouped by project then module, in plain
 * text and HTML. Escaped like the other emails: every interpolated value flattened to one line
 * and HTML-escaped where it lands in HTML; only http(s) links are rendered as links.
 */
export function renderDigestEmail(input: DigestEmailInput, strings: DigestEmailStrings = DIGEST_EMAIL_STRINGS): RenderedEmail {
  const builder = oneLine(input.tenant.name);
  const count = input.projects.reduce((n, p) => n + p.groups.reduce((m, g) => m + g.items.length, 0), 0);
  const fill = (text: string, more: Record<string, string> = {}) =>
    oneLine(
      Object.entries({ builder, count: String(count), ...more }).reduce((out, [key, value]) => out.split(`{${key}}`).join(value), text),
      500,
    );
  const subject = oneLine(fill(strings.subject), 250);
  const greeting = input.clientName ? fill(strings.greetingNamed, { name: oneLine(input.clientName) }) : fill(strings.greeting);
  const intro = fill(strings.intro);
  const unsubscribe = safeUrl(input.unsubscribeUrl);
  const why = fill(strings.why);
  const line = (item: DigestItem) => `${item.kind === 'approval' ? `${fill(strings.approval)} ` : ''}${oneLine(item.title)}`;

  const text: string[] = [greeting, '', intro];
  const html: string[] = [`<p>${e(greeting)}</p>`, `<p>${e(intro)}</p>`];
  for (const project of input.projects) {
    const name = oneLine(project.name);
    const url = safeUrl(project.url);
    text.push('', name, '='.repeat(Math.min(name.length, 60)));
    html.push(`<h2 style="font-size:18px;margin:24px 0 8px">${e(name)}</h2>`);
    for (const group of project.groups) {
      const label = oneLine(strings.modules[group.module] ?? group.module);
      text.push('', `${label}:`, ...group.items.map((item) => `- ${line(item)}`));
      html.push(`<p style="font-weight:600;margin:12px 0 4px">${e(label)}</p>`, `<ul style="margin:0;padding-left:20px">${group.items.map((item) => `<li>${e(line(item))}</li>`).join('')}</ul>`);
    }
    if (url) {
      text.push('', `${fill(strings.open)}: ${url}`);
      html.push(`<p style="margin:12px 0"><a href="${e(url)}" style="color:#0969da">${e(fill(strings.open))}</a></p>`);
    }
  }
  text.push('', why, ...(unsubscribe ? [`${fill(strings.unsubscribe)}: ${unsubscribe}`] : []), '', `— ${builder}`);

  // `brand` (the pages' branding) wins over the older `branding`, as in every email.
  const { color, logo } = emailBrand(input.tenant);
  const muted = 'font-size:14px;color:#57606a';
  const page = `<!doctype html>
<html lang="${e(strings.locale ?? 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f8fa;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328;line-height:1.5">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;border-top:4px solid ${color}">
<tr><td style="padding:32px">
${logo ? `<img src="${e(logo)}" alt="${e(builder)}" style="max-height:48px;margin:0 0 16px">` : `<p style="font-weight:600;font-size:18px;margin:0 0 16px">${e(builder)}</p>`}
${html.join('\n')}
<p style="${muted};margin-top:24px">${e(why)}</p>
${unsubscribe ? `<p style="${muted}"><a href="${e(unsubscribe)}" style="color:#57606a">${e(fill(strings.unsubscribe))}</a></p>` : ''}
</td></tr></table></body></html>`;
  return { subject, text: text.join('\n'), html: page };
}
