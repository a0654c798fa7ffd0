import { expect } from '@open-wc/testing';
import { mediumDate } from '../../components/i18n/without-intl.js';

/**
 * English and French dates written without `Intl` must be, character for character, what
 * `Intl` writes in this browser; anything else is left to `Intl`.
 */

const TAGS = ['en', 'en-US', 'EN-us', 'fr', 'fr-FR'];

/** Every month, first and last days, in local time (around midnight) and in UTC. */
function dates(): Date[] {
  const out: Date[] = [];
  // Not the range's edge years: west of UTC, 9999-12-31 local time is already 10000 in UTC;
  // east of it, 1583-01-01 local time is still 1582 (both left to Intl, checked below).
  for (const year of [1584, 1999, 2026, 9998]) {
    for (let month = 0; month < 12; month++) {
      out.push(new Date(year, month, 1, 0, 0), new Date(year, month + 1, 0, 23, 59), new Date(Date.UTC(year, month, 15, 23, 30)));
    }
  }
  return out;
}

describe('dates without Intl', () => {
  it('writes a medium date exactly as Intl.DateTimeFormat does, in local time and in UTC', () => {
    for (const tag of TAGS) {
      const local = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
      const utc = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
      for (const date of dates()) {
        expect(mediumDate(date, tag), `${tag} ${date.toISOString()}`).to.equal(local.format(date));
        expect(mediumDate(date, tag, true), `${tag} UTC ${date.toISOString()}`).to.equal(utc.format(date));
      }
    }
  });

  it("writes the browser's language as Intl does when given none", () => {
    const date = new Date(2026, 8, 7);
    const text = mediumDate(date, undefined);
    // This browser runs in English: the fast form applies, and it must be Intl's.
    expect(text).to.equal(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(date));
  });

  it('leaves other languages, tags with options and early years to Intl', () => {
    const date = new Date(2026, 0, 5);
    for (const tag of ['de', 'en-GB', 'fr-CH', 'en-US-u-nu-arab', 'fr-u-ca-islamic', 'en_US']) {
      expect(mediumDate(date, tag), tag).to.equal(undefined);
    }
    expect(mediumDate(new Date(1500, 0, 5), 'en')).to.equal(undefined);
    expect(mediumDate(new Date(Date.UTC(10_000, 0, 5)), 'en', true)).to.equal(undefined);
  });
});
