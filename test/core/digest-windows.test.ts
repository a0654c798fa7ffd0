import { describe, expect, it } from 'vitest';
import { digestCutoffs, digestWindows, lastDailyBoundary, lastWeeklyBoundary } from '../../src/services/digest-windows.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (iso: string) => new Date(iso);
const daily = (now: string, hour: number, zone?: string) => lastDailyBoundary(at(now), hour, zone).toISOString();
const weekly = (now: string, hour: number, zone?: string) => lastWeeklyBoundary(at(now), hour, zone).toISOString();
/** The zone's wall clock at an instant, `2026-03-08 03:00`. */
const wall = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at(iso));

describe('digest boundaries in a tenant’s time zone', () => {
  it('without a zone: UTC, exactly as before', () => {
    expect(daily('2026-03-02T06:59:59Z', 7)).toBe('2026-03-01T07:00:00.000Z');
    expect(daily('2026-03-02T07:00:00Z', 7)).toBe('2026-03-02T07:00:00.000Z');
    expect(weekly('2026-03-02T06:59:59Z', 7)).toBe('2026-02-23T07:00:00.000Z');
    expect(weekly('2026-03-08T23:00:00Z', 7)).toBe('2026-03-02T07:00:00.000Z');
  });

  it('Sydney: 07:00 on the local clock, the evening before in UTC; Monday there is Sunday in UTC', () => {
    // Summer (AEDT, UTC+11): 07:00 is 20:00 UTC the day before.
    expect(daily('2026-03-02T10:00:00Z', 7, 'Australia/Sydney')).toBe('2026-03-01T20:00:00.000Z');
    expect(daily('2026-03-01T19:59:59Z', 7, 'Australia/Sydney')).toBe('2026-02-28T20:00:00.000Z');
    // Winter (AEST, UTC+10).
    expect(daily('2026-07-01T00:00:00Z', 7, 'Australia/Sydney')).toBe('2026-06-30T21:00:00.000Z');
    // Monday 07:00 in Sydney is Sunday 20:00 UTC.
    expect(weekly('2026-03-01T20:00:00Z', 7, 'Australia/Sydney')).toBe('2026-03-01T20:00:00.000Z');
    expect(weekly('2026-03-01T19:59:59Z', 7, 'Australia/Sydney')).toBe('2026-02-22T20:00:00.000Z');
  });

  it('Chicago: 07:00 CST is 13:00 UTC, 07:00 CDT is 12:00 UTC', () => {
    expect(daily('2026-03-02T12:59:59Z', 7, 'America/Chicago')).toBe('2026-03-01T13:00:00.000Z');
    expect(daily('2026-03-02T13:00:00Z', 7, 'America/Chicago')).toBe('2026-03-02T13:00:00.000Z');
    expect(daily('2026-07-01T12:00:00Z', 7, 'America/Chicago')).toBe('2026-07-01T12:00:00.000Z');
    expect(weekly('2026-03-02T12:59:59Z', 7, 'America/Chicago')).toBe('2026-02-23T13:00:00.000Z');
    // The week the clocks go forward lasts 167 hours.
    expect(weekly('2026-03-09T12:00:00Z', 7, 'America/Chicago')).toBe('2026-03-09T12:00:00.000Z');
  });

  it('Kathmandu (UTC+05:45): 07:00 there is 01:15 UTC', () => {
    expect(daily('2026-03-02T01:14:59Z', 7, 'Asia/Kathmandu')).toBe('2026-03-01T01:15:00.000Z');
    expect(daily('2026-03-02T01:15:00Z', 7, 'Asia/Kathmandu')).toBe('2026-03-02T01:15:00.000Z');
    expect(weekly('2026-03-05T00:00:00Z', 0, 'Asia/Kathmandu')).toBe('2026-03-01T18:15:00.000Z');
  });

  it('a day of 23 hours (clocks forward) and one of 25 (clocks back) keep the local hour', () => {
    // Chicago, Sunday 2026-03-08: 02:00 CST becomes 03:00 CDT.
    const before = lastDailyBoundary(at('2026-03-07T20:00:00Z'), 7, 'America/Chicago');
    const onTheDay = lastDailyBoundary(at('2026-03-08T20:00:00Z'), 7, 'America/Chicago');
    expect(onTheDay.toISOString()).toBe('2026-03-08T12:00:00.000Z');
    expect(onTheDay.getTime() - before.getTime()).toBe(23 * HOUR);
    expect(wall(onTheDay.toISOString(), 'America/Chicago')).toBe('2026-03-08 07:00');
    // Chicago, Sunday 2026-11-01: 02:00 CDT becomes 01:00 CST.
    const back = lastDailyBoundary(at('2026-11-01T20:00:00Z'), 7, 'America/Chicago');
    expect(back.toISOString()).toBe('2026-11-01T13:00:00.000Z');
    expect(back.getTime() - lastDailyBoundary(at('2026-10-31T20:00:00Z'), 7, 'America/Chicago').getTime()).toBe(25 * HOUR);
    // Sydney, Sunday 2026-04-05: 03:00 AEDT becomes 02:00 AEST (25 hours); 2026-10-04: 02:00 AEST becomes 03:00 AEDT (23 hours).
    expect(daily('2026-04-05T00:00:00Z', 7, 'Australia/Sydney')).toBe('2026-04-04T21:00:00.000Z');
    expect(daily('2026-04-04T00:00:00Z', 7, 'Australia/Sydney')).toBe('2026-04-03T20:00:00.000Z');
    expect(daily('2026-10-04T00:00:00Z', 7, 'Australia/Sydney')).toBe('2026-10-03T20:00:00.000Z');
    expect(daily('2026-10-03T00:00:00Z', 7, 'Australia/Sydney')).toBe('2026-10-02T21:00:00.000Z');
  });

  it('an hour skipped that day falls at the jump; an hour shown twice, at its first showing', () => {
    // Chicago 2026-03-08 has no 02:00: the boundary is the jump, 03:00 CDT (08:00 UTC).
    expect(daily('2026-03-08T09:00:00Z', 2, 'America/Chicago')).toBe('2026-03-08T08:00:00.000Z');
    expect(daily('2026-03-08T07:59:59Z', 2, 'America/Chicago')).toBe('2026-03-07T08:00:00.000Z');
    // Chicago 2026-11-01 shows 01:00 twice (CDT, then CST): the first, 06:00 UTC; not again at 07:00 UTC.
    expect(daily('2026-11-01T06:00:00Z', 1, 'America/Chicago')).toBe('2026-11-01T06:00:00.000Z');
    expect(daily('2026-11-01T07:30:00Z', 1, 'America/Chicago')).toBe('2026-11-01T06:00:00.000Z');
    expect(daily('2026-11-01T05:59:59Z', 1, 'America/Chicago')).toBe('2026-10-31T06:00:00.000Z');
    // Sydney 2026-10-04 has no 02:00 (AEST jumps to 03:00 AEDT, 16:00 UTC); 2026-04-05 shows 02:00 twice.
    expect(daily('2026-10-03T17:00:00Z', 2, 'Australia/Sydney')).toBe('2026-10-03T16:00:00.000Z');
    expect(daily('2026-04-04T16:30:00Z', 2, 'Australia/Sydney')).toBe('2026-04-04T15:00:00.000Z');
    // Lord Howe moves its clocks by half an hour: 02:00 skipped is the jump, 02:30 (15:30 UTC).
    expect(daily('2026-10-03T16:00:00Z', 2, 'Australia/Lord_Howe')).toBe('2026-10-03T15:30:00.000Z');
  });

  it('a zone the runtime does not know throws, for the caller to fall back to UTC', () => {
    expect(() => lastDailyBoundary(at('2026-03-02T10:00:00Z'), 7, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('the loosest cutoffs (tenant not known) are never earlier than any zone’s exact ones', () => {
    const windows = digestWindows({ dailyHour: 7, weeklyHour: 9 });
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(300);
    // Round the year, and across the Monday band (Sunday 16:00 … Monday 22:00 UTC for 09:00).
    const instants = [
      ...Array.from({ length: 12 }, (_, i) => Date.UTC(2026, i, 1 + ((i * 7) % 27), (i * 5) % 24, (i * 13) % 60)),
      ...Array.from({ length: 16 }, (_, i) => Date.UTC(2026, 2, 1, 14) + i * 2 * HOUR + 7 * MINUTE),
      Date.UTC(2026, 2, 8, 8), Date.UTC(2026, 10, 1, 6, 30), Date.UTC(2026, 3, 4, 16), Date.UTC(2026, 9, 3, 16),
    ];
    for (const ms of instants) {
      const now = new Date(ms);
      const loose = digestCutoffs(now, windows, null);
      expect(loose.daily.getTime()).toBeLessThan(ms);
      for (const zone of zones) {
        const exact = digestCutoffs(now, windows, zone);
        if (exact.daily > loose.daily || exact.weekly > loose.weekly) expect.fail(`${zone} at ${now.toISOString()}: exact ${exact.daily.toISOString()} / ${exact.weekly.toISOString()}`);
      }
    }
  });

  it('the loosest weekly cutoff lists no one queued after the last Monday boundary anywhere', () => {
    const windows = digestWindows();
    // Wednesday: the last Monday 07:00 anywhere was Monday 19:00 UTC (UTC−12).
    expect(digestCutoffs(at('2026-03-04T12:00:00Z'), windows, null).weekly.toISOString()).toBe('2026-03-02T18:59:59.999Z');
    // Sunday 17:00 UTC is Monday 07:00 at UTC+14: the band has begun.
    expect(digestCutoffs(at('2026-03-08T17:00:00Z'), windows, null).weekly.toISOString()).toBe('2026-03-08T16:59:59.999Z');
    expect(digestCutoffs(at('2026-03-08T16:59:00Z'), windows, null).weekly.toISOString()).toBe('2026-03-02T18:59:59.999Z');
  });

  it('hours given as …HourUtc stay in UTC whatever the zone, and are exact even for the loosest scan', () => {
    const windows = digestWindows({ dailyHourUtc: 18, weeklyHourUtc: 18 });
    const now = at('2026-03-04T12:00:00Z');
    expect(digestCutoffs(now, windows, 'Australia/Sydney').daily.toISOString()).toBe('2026-03-03T17:59:59.999Z');
    expect(digestCutoffs(now, windows, null).daily.toISOString()).toBe('2026-03-03T17:59:59.999Z');
    expect(digestCutoffs(now, windows, null).weekly.toISOString()).toBe('2026-03-02T17:59:59.999Z');
    expect(digestCutoffs(now, digestWindows({ dailyHour: 18, weeklyHourUtc: 18 }), 'Australia/Sydney').daily.toISOString()).toBe('2026-03-04T06:59:59.999Z');
  });

  it('refuses an invalid clock at once instead of searching for a boundary for ever', () => {
    const windows = digestWindows();
    expect(() => lastDailyBoundary(new Date(Number.NaN), 7)).toThrow(RangeError);
    expect(() => lastWeeklyBoundary(new Date(Number.NaN), 7, 'Australia/Sydney')).toThrow(RangeError);
    expect(() => digestCutoffs(new Date(Number.NaN), windows)).toThrow("Digests: the portal's clock gave an invalid date (Invalid Date)");
  });

  it('reads the options: a local hour or a UTC one per period, not both', () => {
    expect(digestWindows()).toEqual({ instantMs: 5 * MINUTE, daily: { hour: 7, utc: false }, weekly: { hour: 7, utc: false } });
    expect(digestWindows({ dailyHour: 6, weeklyHourUtc: 20 })).toEqual({ instantMs: 5 * MINUTE, daily: { hour: 6, utc: false }, weekly: { hour: 20, utc: true } });
    expect(() => digestWindows({ dailyHour: 6, dailyHourUtc: 6 })).toThrow('createPortal: digestWindows: give dailyHour (in each tenant\'s timeZone) or dailyHourUtc (in UTC for every tenant), not both');
    expect(() => digestWindows({ weeklyHour: 24 })).toThrow('createPortal: digestWindows.weeklyHour must be an hour from 0 to 23');
    expect(() => digestWindows({ dailyHourUtc: 7.5 })).toThrow('createPortal: digestWindows.dailyHourUtc must be an hour from 0 to 23');
  });
});
