import type { SgStrings } from '../i18n/en.js';

/**
 * The keys a host's status is looked up by: `itemStatus_<value>` as given, then in lower case with
 * `_` for spaces and signs, so "Awaiting approval" finds `itemStatus_awaiting_approval`.
 */
export function statusKeys(value: string): (keyof SgStrings)[] {
  const exact = `itemStatus_${value}`;
  const plain = `itemStatus_${value
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '')}`;
  return (plain === exact ? [exact] : [exact, plain]) as (keyof SgStrings)[];
}

/**
 * A status from the host's content in the page's language: the first `itemStatus_<value>` string
 * any table has (the element's `strings`, `setTranslations()`, the language's table, English),
 * else the value as the host gave it — a status is free text, and an unknown one still says
 * something to the client.
 */
export function statusText(t: (key: keyof SgStrings) => string, value: string): string {
  for (const key of statusKeys(value)) {
    const text = t(key);
    // `t` answers the key itself when no table has it.
    if (text !== key) return text;
  }
  return value;
}
