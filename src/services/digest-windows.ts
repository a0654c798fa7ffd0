import type { DigestWindows, Frequency } from '../model/notification.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

function hour(name: string, value: number | undefined): number {
  if (value === undefined) return 7;
  if (!Number.isInteger(value) || value < 0 || value > 23) throw new TypeError(`createPortal: digestWindows.${name} must be an hour from 0 to 23`);
  return value;
}

/** Checks `createPortal({ digestWindows })` and fills in the defaults. */
export function digestWindows(options: Partial<{ instantMinutes: number; dailyHourUtc: number; weeklyHourUtc: number }> = {}): DigestWindows {
  const minutes = options.instantMinutes ?? 5;
  if (!Number.isFinite(minutes) || minutes < 0) throw new TypeError('createPortal: digestWindows.instantMinutes must be a number ≥ 0');
  return { instantMs: minutes * MINUTE_MS, dailyHourUtc: hour('dailyHourUtc', options.dailyHourUtc), weeklyHourUtc: hour('weeklyHourUtc', options.weeklyHourUtc) };
}

/** The latest daily boundary at or before `now`: today at the hour (UTC), or yesterday's. */
export function lastDailyBoundary(now: Date, hourUtc: number): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc);
  return new Date(today <= now.getTime() ? today : today - DAY_MS);
}

/** The latest Monday boundary at or before `now` (UTC). */
export function lastWeeklyBoundary(now: Date, hourUtc: number): Date {
  const daily = lastDailyBoundary(now, hourUtc);
  const sinceMonday = (daily.getUTCDay() + 6) % 7;
  return new Date(daily.getTime() - sinceMonday * DAY_MS);
}

/**
 * Per frequency, the latest moment a client's oldest pending notification may have been queued
 * for its digest to be due at `now`: `instant` once the oldest is `instantMs` old; `daily` and
 * `weekly` once a period boundary has passed since it was queued (queued exactly at a boundary
 * waits for the next one). `unset` (the tenant's default is not known to storage) takes the
 * earliest-due rule; the exact frequency is applied after.
 */
export function digestCutoffs(now: Date, windows: DigestWindows): Record<Exclude<Frequency, 'off'> | 'unset', Date> {
  const instant = new Date(now.getTime() - windows.instantMs);
  const daily = new Date(lastDailyBoundary(now, windows.dailyHourUtc).getTime() - 1);
  const weekly = new Date(lastWeeklyBoundary(now, windows.weeklyHourUtc).getTime() - 1);
  const unset = new Date(Math.max(instant.getTime(), daily.getTime(), weekly.getTime()));
  return { instant, daily, weekly, unset };
}

/** Whether a digest of `frequency` is due at `now` for a client whose oldest pending notification was queued at `oldest`. */
export function isDue(frequency: Frequency, oldest: Date, cutoffs: ReturnType<typeof digestCutoffs>): boolean {
  if (frequency === 'off') return false;
  return oldest.getTime() <= cutoffs[frequency].getTime();
}
