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

/** Contrast ratio of a colour against white (WCAG). */
export const contrastWithWhite = (hex: string): number => 1.05 / (luminance(hex) + 0.05);

export function safeColor(value: unknown): string | undefined {
  return typeof value === 'string' && HEX.test(value) ? value : undefined;
}

/**
 * The custom properties a brand colour sets. It becomes the accent (links, buttons, focus) only
 * when it reads on white at 4.5:1 (WCAG AA); a lighter colour marks the header alone, so a brand
 * never makes text unreadable.
 */
export function brandProperties(value: unknown): Record<string, string> {
  const color = safeColor(value);
  const readable = !!color && contrastWithWhite(color) >= 4.5;
  return {
    '--_brand': color ?? '',
    '--_accent': readable ? color! : '',
    '--_accent-subtle': readable ? `color-mix(in srgb, ${color} 12%, white)` : '',
  };
}
