import { unsafeCSS, type CSSResult } from 'lit';

/** The dark surface: a builder's brand colour is the accent in the dark only if it reads on it (util/safe-color.ts). */
export const DARK_SURFACE = '#161b22';

/**
 * The dark palette, once: [private property, global token, dark value]. Elements read it as
 * fallbacks of their private properties (`theme="dark"` on an element); the provider sets the
 * global tokens themselves, so `theme="dark"` on it reaches every element inside.
 */
const DARK: [string, string, string][] = [
  ['text', 'color-text', '#e6e9ee'],
  ['muted', 'color-text-muted', '#a2acb9'],
  ['surface', 'color-surface', DARK_SURFACE],
  ['subtle', 'color-surface-subtle', '#1f262f'],
  ['border', 'color-border', '#38424f'],
  ['accent', 'color-accent', '#6ea8fe'],
  ['accent-text', 'color-accent-text', '#0b1220'],
  ['accent-subtle', 'color-accent-subtle', '#1c2b44'],
  ['danger', 'color-danger', '#ff8a80'],
  ['danger-subtle', 'color-danger-subtle', '#3b1d1b'],
  ['success', 'color-success', '#6fd39a'],
  ['success-subtle', 'color-success-subtle', '#17301f'],
  ['warning', 'color-warning', '#f2c14e'],
  ['warning-subtle', 'color-warning-subtle', '#352a12'],
];

/**
 * `--_dark: 1` goes with both: it tells a brand colour which theme's values to take
 * (util/safe-color.ts). The provider's reaches the elements inside it by inheritance, as its
 * tokens do; without it, `var(--_dark, 0)` is light.
 */
const DARK_FLAG = '--_dark:1;';

/** `--_text: var(--sg-color-text, #e6e9ee); …` — a page's own tokens still win. */
export const darkPalette: CSSResult = unsafeCSS(DARK.map(([own, token, value]) => `--_${own}:var(--sg-${token},${value});`).join('') + DARK_FLAG);

/** `--sg-color-text: #e6e9ee; …` — the dark values as the global tokens. */
export const darkTokens: CSSResult = unsafeCSS(DARK.map(([, token, value]) => `--sg-${token}:${value};`).join('') + DARK_FLAG);
