import { en, type SgStrings } from './en.js';

/** Elements that must re-render when the global table changes (kept weakly: no leaks). */
const listeners = new Set<{ requestUpdate(): void }>();
let global: SgStrings = { ...en };

/**
 * Replaces strings for every `sg-*` element on the page, e.g. `setTranslations(fr)`. Keys left
 * out keep their English text; call with `null` to go back to English.
 */
export function setTranslations(strings: Partial<SgStrings> | null): void {
  global = { ...en, ...(strings ?? {}) };
  for (const el of listeners) el.requestUpdate();
}

/** The table in force, with an element's own overrides (its `strings` property) on top. */
export function translations(overrides?: Partial<SgStrings>): SgStrings {
  return overrides ? { ...global, ...overrides } : global;
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
