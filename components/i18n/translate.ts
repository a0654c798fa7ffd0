import { en, type SgStrings } from './en.js';
import { intlFormatter } from './formatters.js';
import { elidesDe } from '../../src/model/french-de.js';

/** Elements that must re-render when the global table changes (kept weakly: no leaks). */
const listeners = new Set<{ requestUpdate(): void }>();
/** What `setTranslations` replaced; the rest is each element's English. */
let global: Partial<SgStrings> = {};

/**
 * Replaces strings for every `sg-*` element on the page, e.g. `setTranslations(fr)`. Keys left
 * out keep their English text; call with `null` to go back to English.
 */
export function setTranslations(strings: Partial<SgStrings> | null): void {
  global = { ...(strings ?? {}) };
  for (const el of listeners) el.requestUpdate();
}

/** The table in force, with an element's own overrides (its `strings` property) on top. */
export function translations(overrides?: Partial<SgStrings>): SgStrings {
  return { ...en, ...global, ...overrides };
}

/**
 * Tables by language (`registerLocale`), kept on `globalThis` so a locale registered by one
 * bundle serves the elements of another copy of sitegate on the same page.
 */
const shared = globalThis as { [key: symbol]: unknown };
const LOCALES = Symbol.for('sitegate.locales');
const locales = (shared[LOCALES] ??= new Map<string, Partial<SgStrings>>()) as Map<string, Partial<SgStrings>>;

/**
 * Makes a table the strings of every element whose nearest `lang` is `lang` (or a regional form
 * of it: `fr` serves `fr-CA`), e.g. `import 'sitegate/components/i18n/fr'` registers French.
 */
export function registerLocale(lang: string, strings: Partial<SgStrings>): void {
  locales.set(lang.toLowerCase(), strings);
  for (const el of listeners) el.requestUpdate();
}

/** The registered table for a language tag: the exact tag, else its language. */
export function localeTable(lang: string | undefined): Partial<SgStrings> | undefined {
  if (!lang) return undefined;
  const tag = lang.toLowerCase();
  return locales.get(tag) ?? locales.get(tag.split('-')[0]!);
}

/**
 * One string: the element's override, else the page's translation, else the table of the
 * element's language, else the element's own English (`defaults`, only the groups it shows, so
 * a page does not load every element's text). With `count`, the plural form the language's
 * `Intl.PluralRules` names (`clientsCount_one`) is taken where the same table has it.
 */
export function stringFor(key: keyof SgStrings, overrides: Partial<SgStrings> | undefined, defaults: Partial<SgStrings>, lang?: string, count?: number): string {
  const plural = count === undefined ? key : (`${key}_${intl(Intl.PluralRules, lang).select(count)}` as keyof SgStrings);
  for (const table of [overrides, global, localeTable(lang), defaults]) {
    const text = table?.[plural] ?? table?.[key];
    if (text !== undefined) return text;
  }
  return key;
}

/** `translations()` for an element that knows only its own English strings. */
export function tableFor(overrides: Partial<SgStrings> | undefined, defaults: Partial<SgStrings>, lang?: string): SgStrings {
  return { ...defaults, ...localeTable(lang), ...global, ...overrides } as SgStrings;
}

/** An `Intl` formatter for a language tag taken from the page (kept); a malformed tag means the browser's language. */
function intl<T>(Kind: new (lang?: string) => T, lang?: string): T {
  try {
    return intlFormatter(Kind, lang);
  } catch {
    return intlFormatter(Kind, undefined);
  }
}

/** Numbers in `params` written the language's way ("1 234" in French); text left as it is. */
export function localParams(params: Record<string, string | number> | undefined, lang?: string): Record<string, string | number> | undefined {
  let numbers: Intl.NumberFormat | undefined;
  for (const k in params) if (typeof params[k] === 'number') params = { ...params, [k]: (numbers ??= intl(Intl.NumberFormat, lang)).format(params[k]) };
  return params;
}

/**
 * Fills `{name}` placeholders. In French (`lang` `fr…`) a `de` before one is elided where the
 * value needs it (`elidesDe`, the emails' rule): "Accès aux projets d’Olivia".
 */
export function format(template: string, params: Record<string, string | number> = {}, lang?: string): string {
  const french = /^fr\b/i.test(lang ?? '');
  return template.replace(/(\bde )?\{(\w+)\}/g, (whole, de: string | undefined, key: string) => {
    if (!(key in params)) return whole;
    const value = String(params[key]);
    return (de && french && elidesDe(value) ? 'd’' : (de ?? '')) + value;
  });
}

export function watchTranslations(el: { requestUpdate(): void }): () => void {
  listeners.add(el);
  watchLang();
  return () => listeners.delete(el);
}

/** One observer for the page: set when the first element connects. */
let langObserver: MutationObserver | undefined;

/**
 * A page that switches language (`<html lang="fr">`, or any `lang` around the elements) has
 * every element render again in it: the language is read while rendering, and nothing else
 * would ask. Server-side, with no DOM, there is nothing to watch.
 */
function watchLang(): void {
  if (langObserver || typeof MutationObserver === 'undefined') return;
  langObserver = new MutationObserver(() => {
    for (const el of listeners) el.requestUpdate();
  });
  langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

export { en, type SgStrings };
