const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * The bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). One left open in a
 * name runs on past it and reverses the rest of the subject or line it is written into.
 */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]+/g;

/**
 * Collapses a value that must stay on one line — a subject, a name in a sentence — so a CR/LF
 * in a tenant or client name can neither start a mail header nor forge lines in the body, and
 * a bidi control in it cannot reverse the text around it.
 */
export function oneLine(value: string, max = 200): string {
  // Runs of spaces become one, but no-break spaces stay: French puts one before `:` and `?`.
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(BIDI_CONTROLS, '').replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/[^\S\u00a0\u2007\u202f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Only http(s) links go into emails; anything else is dropped. */
export function safeUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A `#rrggbb` colour, or the fallback: the value lands in a style attribute. */
export function safeColor(value: string | undefined, fallback: string): string {
  return value && /^#[0-9a-fA-F]{6}$/.test(value) ? value : fallback;
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function textOn(hex: string): '#ffffff' | '#111111' {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.4 ? '#111111' : '#ffffff';
}
