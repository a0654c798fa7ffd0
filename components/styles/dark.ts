import { unsafeCSS, type CSSResult } from 'lit';

/**
 * The dark palette, once: [private property, global token, dark value]. Elements read it as
 * fallbacks of their private properties (`theme="dark"` on an element); the provider sets the
 * global tokens themselves, so `theme="dark"` on it reaches every element inside.
 */
const DARK: [string, string, string][] = [
  ['text', 'color-text', '#e6e9ee'],
  ['muted', 'color-text-muted', '#a2acb9'],
  ['surface', 'color-surface', '#161b22'],
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

/** `--_text: var(--sg-color-text, #e6e9ee); …` — a page's own tokens still win. */
export const darkPalette: CSSResult = unsafeCSS(DARK.map(([own, token, value]) => `--_${own}:var(--sg-${token},${value});`).join(''));

/** `--sg-color-text: #e6e9ee; …` — the dark values as the global tokens. */
export const darkTokens: CSSResult = unsafeCSS(DARK.map(([, token, value]) => `--sg-${token}:${value};`).join(''));
