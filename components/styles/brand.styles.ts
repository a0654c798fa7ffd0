import { css } from 'lit';

/**
 * The theme's own accent under names a card wearing a builder's brand still reads (see
 * util/safe-color.ts): its inline style sets `--_accent`, and a custom property cannot fall back
 * to the value it replaces on the same element. Set on the host, where no brand is.
 */
export const brand = css`
  :host {
    --_theme-accent: var(--_accent);
    --_theme-accent-text: var(--_accent-text);
  }
`;
