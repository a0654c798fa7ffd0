import { css } from 'lit';
import { controls } from '../styles/controls.styles.js';
import { page } from '../styles/page.styles.js';
import { tokens } from '../styles/tokens.styles.js';

export default [
  tokens,
  controls,
  page,
  css`
    .actions,
    details {
      justify-content: center;
      text-align: center;
      margin-top: var(--_space);
    }
    /* At least 24 px tall for a mouse too (WCAG 2.2, 2.5.8): its line of text, padded to it. */
    summary {
      padding-block: max(0px, 12px - 0.5lh);
    }
  `,
];
