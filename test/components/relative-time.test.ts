import { describe, expect, it } from 'vitest';
import { timeAgo } from '../../components/util/relative-time.js';

describe('timeAgo (receipts: "Viewed by Dana · 2 hours ago")', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  const ago = (ms: number, locale = 'en') => timeAgo(new Date(now - ms), locale, now);

  it('uses the largest unit that fits, in the language of the page', () => {
    expect(ago(20_000)).toBe('now');
    expect(ago(5 * 60_000)).toBe('5 minutes ago');
    expect(ago(2 * 3_600_000 + 59 * 60_000)).toBe('2 hours ago');
    expect(ago(15 * 86_400_000)).toBe('2 weeks ago');
    expect(ago(400 * 86_400_000)).toBe('1 year ago');
    expect(ago(2 * 3_600_000, 'fr')).toBe('il y a 2 heures');
  });

  it('counts days by the calendar of the viewer’s time zone: yesterday is the day before today', () => {
    // Local times, whatever the zone the tests run in.
    const local = (day: number, hour: number, minute = 0) => new Date(2026, 2, day, hour, minute).getTime();
    expect(timeAgo(local(2, 23), 'en', local(4, 0, 30))).toBe('2 days ago');
    expect(timeAgo(local(2, 23), 'fr', local(4, 0, 30))).toBe('avant-hier');
    expect(timeAgo(local(2, 23), 'fr', local(5, 0, 30))).toBe('il y a 3 jours');
    expect(timeAgo(local(2, 1), 'en', local(3, 23))).toBe('yesterday');
    expect(timeAgo(local(2, 23), 'en', local(3, 22, 30))).toBe('23 hours ago');
    expect(timeAgo(local(2, 9), 'en', local(9, 8))).toBe('1 week ago');
  });

  it('never names a calendar week, month or year it did not check', () => {
    // Almost two years apart: "last year" would be wrong, and so would be "2 years ago".
    expect(timeAgo(new Date(2025, 11, 31, 12), 'en', new Date(2027, 11, 30, 12).getTime())).toBe('1 year ago');
    expect(timeAgo(new Date(2026, 0, 31, 12), 'en', new Date(2026, 2, 3, 12).getTime())).toBe('1 month ago');
    expect(timeAgo(new Date(2026, 0, 31, 12), 'fr', new Date(2026, 2, 3, 12).getTime())).toBe('il y a 1 mois');
  });

  it('never says "in …" for a clock a little ahead, and never fails on bad input', () => {
    expect(ago(-30_000)).toBe('now');
    expect(timeAgo('not a date', 'en', now)).toBe('');
    expect(ago(3_600_000, 'not a language!')).toMatch(/hour/);
  });
});
