import { en, type SgStrings } from './en.js';

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
 * One string: the element's override, else the page's translation, else the element's own
 * English (`defaults`, only the groups it shows, so a page does not load every element's text).
 */
export function stringFor(key: keyof SgStrings, overrides: Partial<SgStrings> | undefined, defaults: Partial<SgStrings>): string {
  return overrides?.[key] ?? global[key] ?? defaults[key] ?? key;
}

/** `translations()` for an element that knows only its own English strings. */
export function tableFor(overrides: Partial<SgStrings> | undefined, defaults: Partial<SgStrings>): SgStrings {
  return { ...defaults, ...global, ...overrides } as SgStrings;
}

/** Fills `{name}` placeholders. Values are inserted as text by Lit, never parsed as HTML. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

export function watchTranslations(el: { requestUpdate(): void }): () => void {
  listeners.add(el);
  return () => listeners.delete(el);
}

export { en, type SgStrings };
