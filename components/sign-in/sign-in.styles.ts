import { css } from 'lit';
import { controls } from '../styles/controls.styles.js';
import { page } from '../styles/page.styles.js';
import { tokens } from '../styles/tokens.styles.js';

export default [
  tokens,
  controls,
  page,
  css`
    .signed-in {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--_space);
      flex-wrap: wrap;
    }
    .signed-in p {
      margin: 0;
    }
    .more {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      margin-top: var(--_space);
    }
  `,
];
