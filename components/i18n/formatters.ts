/**
 * `Intl` formatters kept by constructor, language and options. Building one costs far more than
 * using it (a page's first `Intl.NumberFormat` or `Intl.DateTimeFormat` loads the browser's locale
 * data: 35–120 ms in Chromium), and a list formats the same way on every row and every render.
 */
const kept = new WeakMap<object, Map<string, unknown>>();

/**
 * `new Kind(lang, options)`, built once per language and `key` (which names the options: a
 * caller passes the same options under the same key). A malformed language tag throws, as
 * `new Kind(lang)` does, and nothing is kept.
 */
export function intlFormatter<T>(Kind: new (lang?: string, options?: never) => T, lang?: string, options?: object, key = ''): T {
  const byLang = kept.get(Kind) ?? new Map<string, unknown>();
  kept.set(Kind, byLang);
  const id = `${lang} ${key}`;
  return (byLang.get(id) ?? byLang.set(id, new (Kind as new (lang?: string, options?: object) => T)(lang, options)).get(id)) as T;
}
