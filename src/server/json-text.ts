/**
 * JSON text for responses: exactly what `JSON.stringify` writes, faster for answers full of
 * dates. `JSON.stringify` reaches a Date through its `toJSON`, a slow path in V8: in a client
 * feed (240 dates in 42 KB) that was two thirds of the serialising time. Here the dates are
 * written by `isoString` in a copy of the parts of the value that hold them; parts without a date
 * are passed as they are, and anything unusual is left to `JSON.stringify` itself.
 */

import { plainCopy } from '../model/plain-copy.js';

/** Beyond this depth the value is left to `JSON.stringify` as it is (which also reports a cycle). */
const MAX_DEPTH = 32;
const DAY_MS = 86_400_000;
/** 0000-01-01 and 9999-12-31T23:59:59.999Z: outside them `toISOString` writes six-digit years. */
const FIRST_4_DIGIT_YEAR_MS = -62_167_219_200_000;
const LAST_4_DIGIT_YEAR_MS = 253_402_300_799_999;

const nativeToJSON = Date.prototype.toJSON;
const ZERO = 48;
const [DASH, COLON, DOT, LETTER_T, LETTER_Z] = [45, 58, 46, 84, 90];

/**
 * `date.toISOString()` for a valid date, by arithmetic (days to civil date: H. Hinnant). The text
 * is made in one piece from its character codes: joined from padded parts, it made ten strings on
 * the way, 390 bytes of garbage per date against 40 (a client feed writes 240 dates).
 */
export function isoString(date: Date): string {
  const time = date.getTime();
  if (time < FIRST_4_DIGIT_YEAR_MS || time > LAST_4_DIGIT_YEAR_MS) return date.toISOString();
  const days = Math.floor(time / DAY_MS);
  let ms = time - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(ms / 3_600_000);
  ms -= hours * 3_600_000;
  const minutes = Math.floor(ms / 60_000);
  ms -= minutes * 60_000;
  const seconds = Math.floor(ms / 1000);
  ms -= seconds * 1000;
  return String.fromCharCode(
    ZERO + Math.floor(year / 1000), ZERO + (Math.floor(year / 100) % 10), ZERO + (Math.floor(year / 10) % 10), ZERO + (year % 10), DASH,
    ZERO + Math.floor(month / 10), ZERO + (month % 10), DASH,
    ZERO + Math.floor(day / 10), ZERO + (day % 10), LETTER_T,
    ZERO + Math.floor(hours / 10), ZERO + (hours % 10), COLON,
    ZERO + Math.floor(minutes / 10), ZERO + (minutes % 10), COLON,
    ZERO + Math.floor(seconds / 10), ZERO + (seconds % 10), DOT,
    ZERO + Math.floor(ms / 100), ZERO + (Math.floor(ms / 10) % 10), ZERO + (ms % 10), LETTER_Z,
  );
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `value` with its dates as the strings `toJSON` would give; the same object when it holds none. */
function withDatesWritten(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (value instanceof Date) {
    // A date whose `toJSON` someone replaced is theirs to serialise.
    if (value.toJSON !== nativeToJSON) return value;
    return Number.isNaN(value.getTime()) ? null : isoString(value);
  }
  // Strings, numbers and null are most of what is walked: they are passed over without a call.
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === null || typeof item !== 'object') continue;
      const written = withDatesWritten(item, depth + 1);
      if (written !== item) (copy ??= value.slice())[i] = written;
    }
    return copy ?? value;
  }
  // Class instances and objects with a `toJSON` of their own go to JSON.stringify untouched.
  if (!isPlainObject(value) || typeof value.toJSON === 'function') return value;
  let copy: Record<string, unknown> | undefined;
  // `for…in` walks the keys without making an array of them; inherited keys are not the value's.
  for (const key in value) {
    const item = value[key];
    if (item === null || typeof item !== 'object' || !Object.hasOwn(value, key)) continue;
    const written = withDatesWritten(item, depth + 1);
    // The copy holds every key first, `__proto__` included as data, so this assigns data too.
    if (written !== item) (copy ??= plainCopy(value))[key] = written;
  }
  return copy ?? value;
}

/** `JSON.stringify(data)`, the same text, with dates written without their slow path. */
export function jsonText(data: unknown): string {
  return JSON.stringify(withDatesWritten(data, 0));
}

/** Texts of values frozen all through, by value: see `frozenJsonText`. */
const frozenTexts = new WeakMap<object, string>();

/**
 * `jsonText(value)` for a value that is frozen all the way down and shared by many answers (a
 * client's packed rules): written once, then reused for as long as the value lives. A value that
 * is not frozen is written each time.
 */
export function frozenJsonText(value: object): string {
  if (!Object.isFrozen(value)) return jsonText(value);
  let text = frozenTexts.get(value);
  if (text === undefined) frozenTexts.set(value, (text = jsonText(value)));
  return text;
}
