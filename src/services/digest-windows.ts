import type { DigestHour, DigestWindows, Frequency } from '../model/notification.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The offsets from UTC local time spans: UTC−12 (Baker Island) to UTC+14 (Kiritimati). */
const WEST_MS = -12 * HOUR_MS;
const EAST_MS = 14 * HOUR_MS;

type HourOptions = Partial<Record<'dailyHour' | 'weeklyHour' | 'dailyHourUtc' | 'weeklyHourUtc', number>>;

function hour(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 23) throw new TypeError(`createPortal: digestWindows.${name} must be an hour from 0 to 23`);
  return value;
}

/** `dailyHour` (in each tenant's zone) or `dailyHourUtc` (in UTC for every tenant), not both; default 7 in the tenant's zone. */
function digestHour(options: HourOptions, period: 'daily' | 'weekly'): DigestHour {
  const local = options[`${period}Hour`];
  const utc = options[`${period}HourUtc`];
  if (local !== undefined && utc !== undefined) {
    throw new TypeError(`createPortal: digestWindows: give ${period}Hour (in each tenant's timeZone) or ${period}HourUtc (in UTC for every tenant), not both`);
  }
  if (utc !== undefined) return { hour: hour(`${period}HourUtc`, utc), utc: true };
  return { hour: local === undefined ? 7 : hour(`${period}Hour`, local), utc: false };
}

/** Checks `createPortal({ digestWindows })` and fills in the defaults. */
export function digestWindows(options: Partial<{ instantMinutes: number }> & HourOptions = {}): DigestWindows {
  const minutes = options.instantMinutes ?? 5;
  if (!Number.isFinite(minutes) || minutes < 0) throw new TypeError('createPortal: digestWindows.instantMinutes must be a number ≥ 0');
  return { instantMs: minutes * MINUTE_MS, daily: digestHour(options, 'daily'), weekly: digestHour(options, 'weekly') };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The wall clock of `zone` at the instant `ms`, as milliseconds since 1970 read as if it were
 * UTC (so calendar arithmetic on it is plain arithmetic: every wall-clock day is 24 hours).
 * Throws `RangeError` for a zone the runtime does not know.
 */
function wallClock(zone: string, ms: number): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    if (formats.size < 1000) formats.set(zone, format);
  }
  const part: Record<string, number> = {};
  for (const { type, value } of format.formatToParts(ms)) part[type] = Number(value);
  return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour! % 24, part.minute!, part.second!);
}

/** The offset of `zone` from UTC at the instant `ms`, in ms (east positive). */
function offsetAt(zone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClock(zone, whole) - whole;
}

/**
 * The instant the wall clock of `zone` shows `wall`, by the rule of JavaScript's `Date` and
 * Temporal's `compatible`: a time shown twice (clocks go back) is its first occurrence; a time
 * never shown (clocks jump forward past it) is read with the offset before the jump, so it lands
 * as far after the jump as it was after the hour jumped from — 02:00 on the day Chicago jumps
 * from 02:00 to 03:00 is the jump itself, 03:00 CDT.
 */
function instantOf(zone: string, wall: number): number {
  // The offsets a day either side of it: a transition near `wall` lies between them.
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  const shown = [wall - before, wall - after].filter((ms) => wallClock(zone, ms) === wall);
  return shown.length > 0 ? Math.min(...shown) : wall - before;
}

/**
 * The latest boundary at or before `now`: `hour` on a day (a Monday when `weekly`) in `timeZone`
 * — in UTC without one. Days are the zone's calendar days, 23 or 25 hours long across a change of
 * daylight saving time; for an hour skipped or repeated that day see `instantOf`.
 * Throws `RangeError` for a zone the runtime does not know.
 */
function lastBoundary(now: Date, hour: number, weekly: boolean, timeZone: string | undefined): Date {
  const t = now.getTime();
  // An invalid clock (`now()` answering an Invalid Date) would never find a boundary before it.
  if (!Number.isFinite(t)) throw new RangeError(`Digests: the portal's clock gave an invalid date (${String(now)})`);
  let day = Math.floor((timeZone ? wallClock(timeZone, t) : t) / DAY_MS) * DAY_MS;
  if (weekly) day -= ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
  // Today's (this week's) boundary or the one before always qualifies; a few more steps only
  // guard against a zone's rules, so the loop ends whatever they say.
  for (let step = 0; step < 4; step++) {
    const wall = day + hour * HOUR_MS;
    const at = timeZone ? instantOf(timeZone, wall) : wall;
    if (at <= t) return new Date(at);
    day -= weekly ? 7 * DAY_MS : DAY_MS;
  }
  throw new RangeError(`Digests: no ${weekly ? 'weekly' : 'daily'} boundary found before ${now.toISOString()} in ${timeZone ?? 'UTC'}`);
}

/** The latest daily boundary at or before `now`: today at `hour` (in `timeZone`, else UTC), or yesterday's. */
export function lastDailyBoundary(now: Date, hour: number, timeZone?: string): Date {
  return lastBoundary(now, hour, false, timeZone);
}

/** The latest Monday boundary at or before `now`: Monday at `hour` in `timeZone` (else UTC). */
export function lastWeeklyBoundary(now: Date, hour: number, timeZone?: string): Date {
  return lastBoundary(now, hour, true, timeZone);
}

/**
 * The latest boundary at or before `now` in any zone (any offset from UTC−12 to UTC+14): on one
 * day D, local `hour` falls from D + hour − 14 h (UTC) in the east to D + hour + 12 h in the west.
 * A daily one spans 26 hours, more than a day, so some zone always has just passed it.
 */
function loosestBoundary(now: Date, hour: number, weekly: boolean): number {
  const t = now.getTime();
  // The latest day whose span has begun.
  let day = Math.floor((t + EAST_MS - hour * HOUR_MS) / DAY_MS) * DAY_MS;
  if (weekly) day -= ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
  return Math.min(t, day + hour * HOUR_MS - WEST_MS);
}

export type DigestCutoffs = Record<Exclude<Frequency, 'off'> | 'unset', Date>;

function cutoff(now: Date, rule: DigestHour, weekly: boolean, timeZone: string | undefined | null): Date {
  const zone = rule.utc ? undefined : timeZone;
  if (zone === null) return new Date(loosestBoundary(now, rule.hour, weekly) - 1);
  return new Date(lastBoundary(now, rule.hour, weekly, zone).getTime() - 1);
}

/**
 * Per frequency, the latest moment a client's oldest pending notification may have been queued
 * for its digest to be due at `now`: `instant` once the oldest is `instantMs` old; `daily` and
 * `weekly` once a period boundary has passed since it was queued (queued exactly at a boundary
 * waits for the next one), in the tenant's `timeZone` (UTC without one, or for an hour given as
 * `…HourUtc`). `timeZone: null` stands for a tenant not known yet: each boundary is then the
 * latest in any zone, the loosest cutoff, for storage to list candidates by. `unset` (the
 * tenant's default is not known to storage) takes the earliest-due rule; the exact frequency
 * and zone are applied after. Throws `RangeError` for a zone the runtime does not know.
 */
export function digestCutoffs(now: Date, windows: DigestWindows, timeZone?: string | null): DigestCutoffs {
  const instant = new Date(now.getTime() - windows.instantMs);
  const daily = cutoff(now, windows.daily, false, timeZone);
  const weekly = cutoff(now, windows.weekly, true, timeZone);
  const unset = new Date(Math.max(instant.getTime(), daily.getTime(), weekly.getTime()));
  return { instant, daily, weekly, unset };
}

/** Whether a digest of `frequency` is due at `now` for a client whose oldest pending notification was queued at `oldest`. */
export function isDue(frequency: Frequency, oldest: Date, cutoffs: DigestCutoffs): boolean {
  if (frequency === 'off') return false;
  return oldest.getTime() <= cutoffs[frequency].getTime();
}
