import { MailError } from '../errors/MailError.js';
import type { AccountEmailInput } from './account-email.js';
import { renderAccountEmail } from './account-email.js';
import { oneLine } from './escape.js';
import type { InviteEmailInput, RenderedEmail } from './invite-email.js';
import { renderDigestEmail, type DigestEmailInput } from './digest-email.js';
import { renderInviteEmail } from './invite-email.js';
import type { EmailSettings } from '../model/email-settings.js';
import { emailLocale, emailStrings, type EmailStringsByLocale } from './strings/pick.js';
import type { EmailStrings } from './strings/types.js';

/** A host's own rendering of one email: the input sitegate would render, and the words chosen for it (the client's language, else the tenant's locale). */
export type EmailRenderer<Input> = (input: Input, strings: EmailStrings) => RenderedEmail | Promise<RenderedEmail>;

/**
 * How the emails read (`createPortal({ emails })`). Words come from the client's `language` when
 * a table covers it, else from the tenant's `locale` (`tenants()`), falling back by language
 * (`fr-CA` → `fr` → `en`); `strings` adds languages or
 * replaces some words of one. `render` replaces an email's rendering altogether; what it
 * returns still goes through the outbox (stored first, retried, tokens minted per attempt).
 *
 * @example
 * emails: {
 *   strings: { fr: { invite: { button: 'Rejoindre le portail' } }, de: { invite: { … } } },
 *   render: { invite: (input, strings) => myTemplates.invite(input, strings) },
 * }
 */
export interface EmailOptions {
  /** Tables by locale tag (`fr`, `fr-CA`, `de`); each may be partial. */
  strings?: EmailStringsByLocale;
  render?: {
    invite?: EmailRenderer<InviteEmailInput>;
    /** Password reset, sign-in link and email confirmation (`input.purpose` says which). */
    account?: EmailRenderer<AccountEmailInput>;
    /** The notification digest. Keep `input.unsubscribeUrl` in it: the `List-Unsubscribe` header carries the same link. */
    digest?: EmailRenderer<DigestEmailInput>;
  };
}

/** Checks the option once, at `createPortal`, so a typo fails at start-up rather than at the first send. */
export function checkEmailOptions(options: EmailOptions | undefined): EmailOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) throw new TypeError('createPortal: `emails` must be an object');
  if (options.strings !== undefined && (typeof options.strings !== 'object' || options.strings === null)) {
    throw new TypeError('createPortal: `emails.strings` must be an object of tables by locale');
  }
  for (const [name, fn] of Object.entries(options.render ?? {})) {
    if (fn !== undefined && typeof fn !== 'function') throw new TypeError(`createPortal: \`emails.render.${name}\` must be a function`);
  }
  return options;
}

/**
 * What a host renderer returned, made safe to hand to a mail adapter: three strings, the
 * subject on one line (a CR/LF there would start a header). Anything else is a permanent
 * failure of that mail — retrying would render it the same way — with a message saying why.
 */
function checked(kind: string, out: unknown): RenderedEmail {
  const email = out as Partial<RenderedEmail> | null | undefined;
  if (!email || typeof email.subject !== 'string' || typeof email.text !== 'string' || typeof email.html !== 'string') {
    throw new MailError(`emails.render.${kind} must return { subject, text, html } as strings`, { data: { permanent: true } });
  }
  const subject = oneLine(email.subject, 250);
  if (!subject) throw new MailError(`emails.render.${kind} returned an empty subject`, { data: { permanent: true } });
  return { subject, text: email.text, html: email.html };
}

// The context holds the option loosely typed (src/model/email-settings.ts); `checkEmailOptions`
// vetted it at createPortal, so the render functions below read it with its full types.

/** The words for an email to a client: in its language when a table covers it, else in the tenant's. */
function wordsFor(options: EmailOptions, input: { language?: string | undefined; tenant: { locale?: string | undefined } }): EmailStrings {
  return emailStrings(emailLocale(input.language, input.tenant.locale, options.strings), options.strings);
}

/** The invite email in the client's or the tenant's language, by the host's renderer when it gave one. */
export async function renderInviteFor(settings: EmailSettings, input: InviteEmailInput): Promise<RenderedEmail> {
  const options = settings as EmailOptions;
  const strings = wordsFor(options, input);
  const custom = options.render?.invite;
  return custom ? checked('invite', await custom(input, strings)) : renderInviteEmail(input, strings);
}

/** A password reset, sign-in link or email confirmation in the client's or the tenant's language, by the host's renderer when it gave one. */
export async function renderAccountFor(settings: EmailSettings, input: AccountEmailInput): Promise<RenderedEmail> {
  const options = settings as EmailOptions;
  const strings = wordsFor(options, input);
  const custom = options.render?.account;
  return custom ? checked('account', await custom(input, strings)) : renderAccountEmail(input, strings);
}

/** The notification digest in the client's or the tenant's language, by the host's renderer when it gave one. */
export async function renderDigestFor(settings: EmailSettings, input: DigestEmailInput): Promise<RenderedEmail> {
  const options = settings as EmailOptions;
  const strings = wordsFor(options, input);
  const custom = options.render?.digest;
  return custom ? checked('digest', await custom(input, strings)) : renderDigestEmail(input, { ...strings.digest, locale: strings.locale });
}
