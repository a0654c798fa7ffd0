import { EMAIL_STRINGS_EN } from './en.js';
import { EMAIL_STRINGS_FR } from './fr.js';
import type { EmailStrings, EmailStringsOverride, PluralText } from './types.js';

/** The languages sitegate ships email words for; a host adds others with `emails.strings`. */
export const BUILT_IN_EMAIL_STRINGS: Readonly<Record<string, EmailStrings>> = { en: EMAIL_STRINGS_EN, fr: EMAIL_STRINGS_FR };

/** Host tables, by locale tag (matched without regard to case). */
export type EmailStringsByLocale = Readonly<Record<string, EmailStringsOverride>>;

/** `fr-CA` → `['fr-CA', 'fr']`; a tag `Intl` cannot read → `[]` (English). */
function candidates(locale: string | undefined): string[] {
  if (!locale) return [];
  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(locale)[0] ?? '';
  } catch {
    return [];
  }
  const parts = tag.split('-');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('-'));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Lays `over` on `base`, member by member; only strings replace strings (a host typo cannot blank a table). */
function merge<T>(base: T, over: unknown): T {
  if (!isObject(over) || !isObject(base)) return base;
  const out: Record<string, unknown> = { ...base };
  for (const key of Object.keys(over)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const value = over[key];
    const current = (base as Record<string, unknown>)[key];
    if (typeof value === 'string') out[key] = value;
    else if (isObject(value)) out[key] = merge(isObject(current) ? current : {}, value);
  }
  return out as T;
}

function lookup(tables: EmailStringsByLocale | undefined, tag: string): EmailStringsOverride | undefined {
  if (!tables) return undefined;
  const lower = tag.toLowerCase();
  const key = Object.keys(tables).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : tables[key];
}

/** Whether a tag has words: shipped, or the host's. */
const hasWords = (overrides: EmailStringsByLocale | undefined) => (tag: string): boolean => !!(BUILT_IN_EMAIL_STRINGS[tag.toLowerCase()] || lookup(overrides, tag));

/**
 * The locale an email to a client is written in: the client's `language` when a table (shipped
 * or the host's) covers it or its language (`fr-CA` → `fr`), else the tenant's `locale`, which
 * falls back as ever (to English at last).
 */
export function emailLocale(language: string | undefined, tenantLocale: string | undefined, overrides?: EmailStringsByLocale): string | undefined {
  return candidates(language).some(hasWords(overrides)) ? language : tenantLocale;
}

/**
 * The words for a locale: the nearest language that has a table (`fr-CA` → `fr-CA`, then `fr`),
 * else English. Layers, most general first: English, then each matching tag from the language
 * down to the full tag, each as shipped and then as the host overrides it, so a host table may
 * be partial. `locale` of the result is the tag dates are formatted in: the asked locale when
 * its language was found (French words, Canadian dates), else English.
 *
 * @example emailStrings('fr-CA').invite.button // 'Accepter l’invitation'
 */
export function emailStrings(locale: string | undefined, overrides?: EmailStringsByLocale): EmailStrings {
  const tags = candidates(locale);
  const found = tags.filter(hasWords(overrides));
  let table = merge(EMAIL_STRINGS_EN, lookup(overrides, 'en'));
  for (const tag of [...found].reverse()) {
    if (tag.toLowerCase() === 'en') continue;
    table = merge(merge(table, BUILT_IN_EMAIL_STRINGS[tag.toLowerCase()]), lookup(overrides, tag));
  }
  return { ...table, locale: found.length ? tags[0]! : 'en' };
}

// In a module of its own: the digest's renderer fills placeholders too, and these tables import its words.
export { fill } from './fill.js';

/** The form of `text` for `count` in `locale`, with `{count}` filled in. */
export function plural(text: PluralText, count: number, locale: string): string {
  const form = text[new Intl.PluralRules(locale).select(count)] ?? text.other;
  return form.split('{count}').join(new Intl.NumberFormat(locale).format(count));
}

const expiryFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "March 16, 2026 at 10:00 AM UTC", "16 mars 2026 à 23:00 UTC+13": a link's expiry in the
 * locale, in `timeZone` (default UTC; one the runtime does not know is UTC too), the zone named:
 * the reader may live in another one.
 */
export function formatExpiry(date: Date, locale: string, timeZone = 'UTC'): string {
  const key = `${locale} ${timeZone}`;
  let format = expiryFormats.get(key);
  if (!format) {
    const fields = { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } as const;
    try {
      format = new Intl.DateTimeFormat(locale, { ...fields, timeZone });
    } catch {
      format = new Intl.DateTimeFormat(locale, { ...fields, timeZone: 'UTC' });
    }
    if (expiryFormats.size < 100) expiryFormats.set(key, format);
  }
  return format.format(date);
}
