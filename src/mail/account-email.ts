import type { AccountLinkPurpose } from '../model/account-link.js';
import type { TenantSettings } from '../model/tenant.js';
import { escapeHtml as e, oneLine, safeUrl } from './escape.js';
import { linkEmailHtml } from './layout.js';
import type { RenderedEmail } from './invite-email.js';
import { EMAIL_STRINGS_EN } from './strings/en.js';
import { fill, formatExpiry } from './strings/pick.js';
import type { AccountEmailStrings, EmailStrings } from './strings/types.js';

export interface AccountEmailInput {
  purpose: AccountLinkPurpose;
  clientName?: string;
  /**
   * The client's language (`fr-CA`), when it has one. The portal chooses the words by it before
   * the tenant's `locale` and passes them as `strings`; `renderAccountEmail` itself does not
   * read it: called directly, it writes in the `strings` it is given.
   */
  language?: string;
  tenant: TenantSettings;
  /** The link, token in its fragment. */
  url: string;
  expiresAt: Date;
}

export type { AccountEmailStrings } from './strings/types.js';

/** English text of the three account emails (the `account` part of `EMAIL_STRINGS_EN`). */
export const ACCOUNT_EMAIL_STRINGS: Record<AccountLinkPurpose, AccountEmailStrings> = EMAIL_STRINGS_EN.account;

/**
 * A password reset, sign-in link or email confirmation message in plain text and HTML, escaped
 * like the invite email: every interpolated value flattened to one line and HTML-escaped where
 * it lands in HTML; only an http(s) link is rendered as a link.
 */
export function renderAccountEmail(input: AccountEmailInput, strings: EmailStrings | AccountEmailStrings | Record<AccountLinkPurpose, AccountEmailStrings> = EMAIL_STRINGS_EN): RenderedEmail {
  // One purpose's words alone (the form before every email had a language table), or the three
  // purposes' (a translated `ACCOUNT_EMAIL_STRINGS`), are English around them.
  const table: EmailStrings =
    'subject' in strings
      ? { ...EMAIL_STRINGS_EN, account: { ...EMAIL_STRINGS_EN.account, [input.purpose]: strings } }
      : 'account' in strings
        ? strings
        : { ...EMAIL_STRINGS_EN, account: strings };
  const words = table.account[input.purpose];
  const builder = oneLine(input.tenant.name);
  const fillIn = (text: string) => oneLine(fill(text, { builder }, table.locale), 500);
  const subject = oneLine(fillIn(words.subject), 250);
  const client = input.clientName ? oneLine(input.clientName) : '';
  const greeting = client ? fill(table.layout.greeting, { name: client }, table.locale) : table.layout.greetingNoName;
  const intro = fillIn(words.intro);
  const action = fillIn(words.action);
  const expires = fill(table.layout.expires, { date: formatExpiry(input.expiresAt, table.locale, input.tenant.timeZone) }, table.locale);
  const ignore = fillIn(words.ignore);
  const href = safeUrl(input.url);

  const text = [greeting, '', intro, '', action, href ?? input.url, '', expires, '', ignore, '', fill(table.layout.signature, { builder }, table.locale)].join('\n');

  const body = [`<p>${e(greeting)}</p>`, `<p>${e(intro)}</p>`, `<p>${e(action)}</p>`].join('\n');
  const html = linkEmailHtml({ subject, builder, tenant: input.tenant, body, href, button: fillIn(words.button), expires, ignore, strings: table });
  return { subject, text, html };
}
