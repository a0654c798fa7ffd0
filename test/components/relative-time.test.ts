import { describe, expect, it } from 'vitest';
import { timeAgo } from '../../components/util/relative-time.js';

describe('timeAgo (receipts: "Viewed by Dana · 2 hours ago")', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  const ago = (ms: number, locale = 'en') => timeAgo(new Date(now - ms), locale, now);

  it('uses the largest unit that fits, in the language of the page', () => {
    expect(ago(20_000)).toBe('now');
    expect(ago(5 * 60_000)).toBe('5 minutes ago');
    expect(ago(2 * 3_600_000 + 59 * 60_000)).toBe('2 hours ago');
    expect(ago(26 * 3_600_000)).toBe('yesterday');
    expect(ago(15 * 86_400_000)).toBe('2 weeks ago');
    expect(ago(400 * 86_400_000)).toBe('last year');
    expect(ago(2 * 3_600_000, 'fr')).toBe('il y a 2 heures');
  });

  it('never says "in …" for a clock a little ahead, and never fails on bad input', () => {
    expect(ago(-30_000)).toBe('now');
    expect(timeAgo('not a date', 'en', now)).toBe('');
    expect(ago(3_600_000, 'not a language!')).toMatch(/hour/);
  });
});
