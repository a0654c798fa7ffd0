import { DARK_SURFACE } from '../styles/dark.js';

/** `#rgb` / `#rrggbb` only: a brand colour from data never carries anything else into CSS. */
const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

const channels = (hex: string): [number, number, number] => {
  const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join('') : hex.slice(1);
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255) as [number, number, number];
};

/** WCAG relative luminance. */
const luminance = (hex: string): number => {
  const [r, g, b] = channels(hex).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

export function safeColor(value: unknown): string | undefined {
  return typeof value === 'string' && HEX.test(value) ? value : undefined;
}

/**
 * The custom properties a brand colour sets. It becomes the accent (links, buttons, focus) in
 * the theme whose surface it reads on at 4.5:1 (WCAG AA): white in light, the dark surface in
 * dark — never both. Where it does not, the theme keeps its own accent and the brand marks the
 * header alone, so a brand never makes text unreadable. Its text is white in light, near black
 * in dark; the subtle background is the card's accent (the brand, or the theme's) mixed with the
 * surface, so text on it reads in both themes.
 *
 * Both themes' values are set at once and CSS picks one: `--_dark` is 1 in the dark theme (an
 * element's `theme`, `auto` with a dark preference, or a provider's, see styles/dark.ts), and
 * `--_theme-*` (styles/brand.styles.ts) holds the theme's own values.
 */
export function brandProperties(value: unknown): Record<string, string> {
  const color = safeColor(value);
  // WCAG contrast: white is lighter than any brand, and only a lighter one reads on the dark surface.
  const l = color ? luminance(color) + 0.05 : 1;
  const light = 1.05 / l >= 4.5 ? color : undefined;
  const dark = l / (luminance(DARK_SURFACE) + 0.05) >= 4.5 ? color : undefined;
  // The dark value at 100% with `--_dark: 1`, the light one at 0% (CSS written tight: it ships as is).
  const pick = (name: string, onLight?: string, onDark?: string): string =>
    `color-mix(in srgb,${onDark || `var(--_theme-${name})`} calc(var(--_dark,0)*100%),${onLight || `var(--_theme-${name})`})`;
  const worn = light || dark;
  return {
    '--_brand': color ?? '',
    '--_accent': worn ? pick('accent', light, dark) : '',
    '--_accent-text': worn ? pick('accent-text', light && '#fff', dark && '#0b1220') : '',
    '--_accent-subtle': worn ? 'color-mix(in srgb,var(--_accent) 12%,var(--_surface))' : '',
  };
}
