import { css } from 'lit';
import { darkPalette } from './dark.js';

/**
 * The design tokens. Each element reads a private `--_x` that falls back from the page's
 * `--sg-*` token to a built-in light value, so an unstyled page still looks finished and a
 * host theme changes everything by setting a handful of `--sg-*` properties.
 * Dark values apply only when asked: `theme="dark"`, or `theme="auto"` with a dark preference.
 */
export const tokens = css`
  :host {
    --_font: var(--sg-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_size: var(--sg-font-size, 0.9375rem);
    --_text: var(--sg-color-text, #1c2430);
    --_muted: var(--sg-color-text-muted, #566171);
    --_surface: var(--sg-color-surface, #ffffff);
    --_subtle: var(--sg-color-surface-subtle, #f4f6f8);
    --_border: var(--sg-color-border, #d3d9e0);
    --_accent: var(--sg-color-accent, #1d5fbf);
    --_accent-text: var(--sg-color-accent-text, #ffffff);
    --_accent-subtle: var(--sg-color-accent-subtle, #e7effb);
    --_danger: var(--sg-color-danger, #b42318);
    --_danger-subtle: var(--sg-color-danger-subtle, #fdecea);
    --_success: var(--sg-color-success, #1a7140);
    --_success-subtle: var(--sg-color-success-subtle, #e6f4ec);
    --_warning: var(--sg-color-warning, #8a5a00);
    --_warning-subtle: var(--sg-color-warning-subtle, #fdf3dc);
    --_radius: var(--sg-radius, 8px);
    --_space: var(--sg-space, 0.5rem);
    --_shadow: var(--sg-shadow, 0 1px 2px rgb(16 24 40 / 6%), 0 4px 16px rgb(16 24 40 / 8%));
    --_focus: var(--sg-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 35%, transparent));
    display: block;
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: 1.45;
    color: var(--_text);
    -webkit-font-smoothing: antialiased;
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${darkPalette}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkPalette}
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
`;
