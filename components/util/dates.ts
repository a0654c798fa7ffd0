/**
 * Calendar dates (`YYYY-MM-DD`: schedule tasks, due dates, daily logs) name a day, not an
 * instant. `new Date('2026-01-05')` is midnight UTC, which a browser west of UTC shows as
 * Jan 4; so a date-only value is read as UTC midnight and formatted with `timeZone: 'UTC'`,
 * and reads as the same day everywhere. Instants (`updatedAt`, `publishedAt`) keep the
 * viewer's time zone.
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `true` for a `YYYY-MM-DD` string. */
export const isDateOnly = (value: unknown): value is string => typeof value === 'string' && DATE_ONLY.test(value);

/** The day as UTC midnight, or `undefined` when it is not a calendar date (`2026-02-30`). */
export function dayToDate(value: string): Date | undefined {
  const date = new Date(`${value}T00:00:00Z`);
  // Invalid, or rolled over to another day (Feb 30 → Mar 2): not a calendar date.
  return isDateOnly(value) && date.getTime() === date.getTime() && date.toISOString().startsWith(value) ? date : undefined;
}

const DAY: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeZone: 'UTC' };

/** One calendar date, e.g. "Jan 5, 2026"; text that is not a date is returned as it is. */
export function formatDay(value: string, locale?: string): string {
  const date = dayToDate(value);
  return date ? new Intl.DateTimeFormat(locale, DAY).format(date) : value;
}

/**
 * A span of calendar dates the way the language writes it ("Jan 5 – 16, 2026",
 * "5–16 janv. 2026"), through `Intl.DateTimeFormat#formatRange`.
 */
export function formatDayRange(start: string, end: string, locale?: string): string {
  const from = dayToDate(start);
  const to = dayToDate(end);
  if (!from || !to) return [start, end].filter(Boolean).join(' – ');
  const format = new Intl.DateTimeFormat(locale, DAY);
  return to < from ? format.format(from) : format.formatRange(from, to);
}

/** Today as `YYYY-MM-DD` in the viewer's own calendar (what "next milestone" compares with). */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Whether a deadline is the last minute of a day where the page is shown: the builder picked that
 * day "by its end" in this time zone, so the day alone says it. Anywhere else the same instant
 * falls mid-day (a date picked in London ends at 12:59 the next day in Auckland), and only the
 * date with its time is true.
 */
export function endsLocalDay(value: Date | string | number): boolean {
  const date = new Date(value);
  return date.getHours() === 23 && date.getMinutes() === 59;
}
