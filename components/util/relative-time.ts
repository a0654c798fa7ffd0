/**
 * "2 hours ago", "yesterday", "il y a 3 jours": how long ago an instant was, in the page's
 * language, through `Intl.RelativeTimeFormat` (numeric `auto`, so one day back reads "yesterday").
 * The largest unit that fits is used; a week or more is counted in weeks, months, then years.
 */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function timeAgo(at: Date | string | number, locale?: string, now = Date.now()): string {
  const then = new Date(at).getTime();
  if (Number.isNaN(then)) return '';
  const format = relativeFormat(locale);
  // A clock slightly ahead of the server's must not say "in 1 minute".
  const elapsed = Math.max(0, now - then);
  for (const [unit, ms] of UNITS) if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit);
  return format.format(0, 'second');
}

/** A malformed `lang` from the page falls back to the browser's language, never a failure. */
function relativeFormat(locale: string | undefined): Intl.RelativeTimeFormat {
  try {
    return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  } catch {
    return new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  }
}
