/**
 * Medium dates ("Jan 5, 2026", "5 janv. 2026") in the languages sitegate ships, written without
 * `Intl`. A page's first `Intl.DateTimeFormat` makes the browser build its table of supported
 * locales (35–120 ms in Chromium, once per tab), which a list of invites would wait for before
 * its first rows show. The text is exactly what `Intl` writes (the browser tests compare them);
 * any other language, or a tag with options (`en-US-u-ca-buddhist`), is left to `Intl`.
 */

const EN = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const FR = 'janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.'.split(' ');

/** Month names by lower-case tag, only for tags written exactly this way (en-GB writes "5 Jan 2026"). */
const MONTHS: Record<string, string[]> = { en: EN, 'en-us': EN, fr: FR, 'fr-fr': FR };

let browserTag: string | undefined;

/**
 * `date` as `Intl.DateTimeFormat(lang, { dateStyle: 'medium' })` writes it, in the viewer's
 * time zone or in UTC; `undefined` when only `Intl` can say (another language, or a year
 * outside 1583–9999: before, `Intl` counts in the Julian calendar and `Date` does not).
 * Without `lang`, the browser's language: the tag `Intl.PluralRules` (cheap: no locale table)
 * resolves, where `navigator.language` says the same (else it is left to `Intl`).
 */
export function mediumDate(date: Date, lang: string | undefined, utc = false): string | undefined {
  browserTag ??= new Intl.PluralRules().resolvedOptions().locale.toLowerCase();
  const tag = lang?.toLowerCase() ?? (globalThis.navigator?.language?.toLowerCase() === browserTag ? browserTag : '');
  const months = MONTHS[tag];
  const year = utc ? date.getUTCFullYear() : date.getFullYear();
  if (!months || !(year > 1582 && year < 1e4)) return undefined;
  const month = months[utc ? date.getUTCMonth() : date.getMonth()];
  const day = utc ? date.getUTCDate() : date.getDate();
  return months === FR ? `${day} ${month} ${year}` : `${month} ${day}, ${year}`;
}
