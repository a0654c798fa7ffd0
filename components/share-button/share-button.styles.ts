import { css } from 'lit';
import { buttons } from '../styles/buttons.styles.js';
import { tokens } from '../styles/tokens.styles.js';

export default [
  tokens,
  buttons,
  css`
    :host {
      display: inline-block;
      max-width: 100%;
    }
    [part='base'] {
      display: inline-flex;
      align-items: center;
      gap: var(--_space);
      flex-wrap: wrap;
      max-width: 100%;
    }
    /* Its label can be long ("2 sur 3 partagés — partager le reste"): in a narrow column (a
       phone) it wraps inside the button rather than running past the column. */
    [part~='button'] {
      text-align: start;
      max-width: 100%;
    }
    .dot {
      flex: none;
    }
    [part~='button'][aria-pressed='true'] {
      background: var(--sg-share-button-shared-bg, var(--_success-subtle));
      border-color: var(--_success);
      color: var(--_success);
    }
    [part~='button'].via {
      background: var(--_accent-subtle);
      border-color: transparent;
      color: var(--_accent);
      opacity: 1;
      cursor: default;
    }
    .dot {
      width: 0.55rem;
      height: 0.55rem;
      border-radius: 50%;
      background: currentColor;
      opacity: 0.75;
    }
    .off .dot {
      background: transparent;
      border: 1.5px solid currentColor;
    }
    /* On a line of its own, under the button; a long reference wraps rather than widening the page. */
    [part='error'] {
      color: var(--_danger);
      font-size: 0.875em;
      flex-basis: 100%;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    [part='attached'],
    [part='receipts'] {
      color: var(--_muted);
      font-size: 0.875em;
      list-style: none;
      margin: 0;
      padding: 0;
    }
  `,
];
