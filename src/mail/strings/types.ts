import type { AccountLinkPurpose } from '../../model/account-link.js';
import type { DigestEmailStrings } from '../digest-email.js';

/**
 * A word that changes with a count: one form per `Intl.PluralRules` category the language uses,
 * `other` always present. `{count}` is replaced by the number, formatted for the locale.
 */
export type PluralText = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

/** What every link email shares: greeting, expiry line, "copy this link", signature. */
export interface LayoutEmailStrings {
  /** `{name}`: the client's name. */
  greeting: string;
  greetingNoName: string;
  /** `{date}`: when the link expires, in the locale and the tenant's `timeZone` (default UTC), the zone named. */
  expires: string;
  copyLink: string;
  /** `{builder}`: the builder's name. */
  signature: string;
}

/** The invite email. `{builder}`, `{inviter}`, `{who}`, `{projects}`, `{project}` are filled in. */
export interface InviteEmailStrings {
  /** "Alice at Acme": `{inviter}`, `{builder}`. */
  inviterAt: string;
  /** `{who}` invited you…, `{forProjects}` (empty, or `forProjects` below). */
  subject: string;
  subjectResend: string;
  /** " for {projects}". */
  forProjects: string;
  /** Two project names: `{first}`, `{second}`. */
  twoProjects: string;
  /** Three or more: `{first}` and `{count}` more. */
  moreProjects: PluralText;
  introNoProject: string;
  /** `{project}`. */
  introOneProject: string;
  introManyProjects: string;
  replaces: string;
  action: string;
  button: string;
  ignore: string;
}

/** One account email (password reset, sign-in link, email confirmation); `{builder}` is filled in. */
export interface AccountEmailStrings {
  subject: string;
  intro: string;
  action: string;
  button: string;
  ignore: string;
}

/**
 * Every word sitegate writes into an email, for one language. Host overrides are partial tables
 * of this shape (`createPortal({ emails: { strings: { fr: { invite: { button: '…' } } } } })`).
 */
export interface EmailStrings {
  /** The BCP 47 tag these words are in: the `lang` of the HTML, and dates when nothing closer fits. */
  locale: string;
  layout: LayoutEmailStrings;
  invite: InviteEmailStrings;
  account: Record<AccountLinkPurpose, AccountEmailStrings>;
  /** The notification digest (`{builder}`, `{count}`, `{name}`). */
  digest: DigestEmailStrings;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** Some of the words of one language: what a host passes to replace or add. */
export type EmailStringsOverride = DeepPartial<EmailStrings>;
