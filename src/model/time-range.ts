/**
 * The instants sitegate keeps: 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z, in epoch
 * milliseconds. Inside both JavaScript's Date range and PostgreSQL's timestamptz range, and
 * written the same way by every driver: year 0 is 1 BC to PostgreSQL (PGlite's ISO text
 * `0000-…` is refused), and a year past 9999 has six digits in `toISOString`, which PGlite
 * sends as is and PostgreSQL refuses. An instant from input outside them is a 4xx naming its
 * field, never a storage failure on one store and a stored value on another.
 */
export const FIRST_INSTANT_MS = -62_135_596_800_000;
export const LAST_INSTANT_MS = 253_402_300_799_999;

/** True for a valid Date within the years sitegate keeps. */
export function isKeptInstant(date: Date): boolean {
  const ms = date.getTime();
  return ms >= FIRST_INSTANT_MS && ms <= LAST_INSTANT_MS;
}
