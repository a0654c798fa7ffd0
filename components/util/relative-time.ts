/**
 * "2 hours ago", "yesterday", "il y a 3 jours": how long ago an instant was, in the page's
 * language, through `Intl.RelativeTimeFormat`. Under a day it counts minutes and hours; from a
 * day on, calendar days in the viewer's time zone, so "yesterday" (numeric `auto`) is the day
 * before today, not 24 to 48 hours back (Monday 23:00 read on Wednesday 00:30 is "2 days ago").
 * Weeks, months (30 days) and years (365 days) are counted, never named: "1 year ago", not
 * "last year", which would mean the calendar year.
 */
const DAY = 86_400_000;
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function timeAgo(at: Date | string | number, locale?: string, now = Date.now()): string {
  const then = new Date(at).getTime();
  if (Number.isNaN(then)) return '';
  // A clock slightly ahead of the server's must not say "in 1 minute".
  let span = Math.max(0, now - then);
  // From a day on, what counts is midnights crossed (a day of 23 or 25 hours is one day).
  if (span >= DAY) span = Math.max(1, Math.round((localDay(now) - localDay(then)) / DAY)) * DAY;
  for (const [unit, ms] of UNITS) if (span >= ms) return relativeFormat(locale, ms > DAY ? 'always' : 'auto').format(-Math.floor(span / ms), unit);
  return relativeFormat(locale, 'auto').format(0, 'second');
}

/** The local calendar day of `ms`, as a UTC instant: days apart are then whole days apart. */
function localDay(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
}

/** A malformed `lang` from the page falls back to the browser's language, never a failure. */
function relativeFormat(locale: string | undefined, numeric: 'auto' | 'always'): Intl.RelativeTimeFormat {
  try {
    return new Intl.RelativeTimeFormat(locale, { numeric });
  } catch {
    return new Intl.RelativeTimeFormat(undefined, { numeric });
  }
}
