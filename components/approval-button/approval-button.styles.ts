import { css } from 'lit';
import { controls } from '../styles/controls.styles.js';
import { tokens } from '../styles/tokens.styles.js';

export default [
  tokens,
  ...controls,
  css`
    :host {
      display: block;
      max-width: 40rem;
    }
    [part='base'] {
      display: grid;
      gap: var(--_space);
      justify-items: start;
    }
    .summary {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.35rem 0.75rem;
    }
    .meta {
      color: var(--_muted);
      font-size: 0.875em;
      margin: 0;
    }
    [part='status'] {
      display: inline-block;
      padding: 0.1rem 0.55rem;
      border-radius: 999px;
      font-size: 0.85em;
      font-weight: 600;
      background: var(--_warning-subtle);
      color: var(--_text);
    }
    [part='status'].approved {
      background: var(--_success-subtle);
      color: var(--sg-approval-approved-color, var(--_success));
    }
    [part='status'].declined,
    [part='status'].expired {
      background: var(--_danger-subtle);
      color: var(--sg-approval-declined-color, var(--_danger));
    }
    /* Taken back by the builder: no outcome to colour, only that nobody is asked any more. */
    [part='status'].withdrawn {
      background: var(--_subtle);
      color: var(--_muted);
      box-shadow: inset 0 0 0 1px var(--_border);
    }
    /* What keeps the open approval from being decided: it waits until it is withdrawn or asked again. */
    .blocked {
      border-left: 3px solid var(--_warning);
      background: var(--_warning-subtle);
      padding: 0.4rem 0.75rem;
      border-radius: var(--_radius);
      font-size: 0.875em;
    }
    .blocked ul,
    .blocked p {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
    }
    .evidence {
      width: 100%;
    }
    .evidence summary {
      cursor: pointer;
      font-weight: 600;
      padding: 0.25rem 0;
    }
    .decisions {
      margin: 0.25rem 0 0.5rem;
      padding-inline-start: 1.25rem;
      display: grid;
      gap: 0.4rem;
    }
    .decision {
      display: grid;
      gap: 0.1rem;
    }
    .decision.approved strong {
      color: var(--_success);
    }
    .decision.declined strong {
      color: var(--_danger);
    }
    code,
    .hash {
      font-size: 0.8em;
      overflow-wrap: anywhere;
      color: var(--_muted);
    }
    .message .label {
      font-weight: 600;
    }
    .order {
      display: inline-grid;
      place-items: center;
      min-width: 1.4rem;
      height: 1.4rem;
      border-radius: 999px;
      background: var(--_accent);
      color: var(--_accent-text);
      font-size: 0.8em;
      font-weight: 600;
    }
    /* Under the name of a client who cannot decide, in line with it. */
    .why {
      margin: -0.2rem 0 0.2rem 1.5rem;
    }
    [part='error'] {
      color: var(--_danger);
      font-size: 0.875em;
      margin: 0;
    }
  `,
];
