import { css } from 'lit';
import { controls } from '../styles/controls.styles.js';
import { tokens } from '../styles/tokens.styles.js';

export default [
  tokens,
  controls,
  css`
    .head {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: var(--_space);
      margin-bottom: calc(var(--_space) * 1.5);
    }
    .head h2,
    ::slotted([slot='title']) {
      margin: 0;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      margin-bottom: calc(var(--_space) * 1.5);
    }
    .toolbar input {
      flex: 1 1 14rem;
      width: auto;
    }
    .toolbar select {
      flex: 0 1 11rem;
      width: auto;
    }
    /* Words, then their button: beside them while the words keep 12rem, under them on a phone. */
    .notice {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_space);
      margin-bottom: var(--_space);
      padding-block: 0.25rem;
    }
    .notice > span {
      flex: 1 1 12rem;
      min-width: 0;
    }
    /* "Try again" never breaks ("Try / ag / ain"), whatever the words beside it. */
    .notice > .btn {
      flex: none;
      white-space: nowrap;
    }
    .dismiss {
      padding: 0 0.6rem;
      color: inherit;
    }
    .columns,
    .row {
      display: grid;
      grid-template-columns: minmax(10rem, 1.4fr) minmax(8rem, 1.2fr) minmax(8rem, 0.9fr) 2.5rem;
      gap: var(--_space);
      align-items: center;
    }
    .columns {
      padding: 0 0.75rem 0.35rem;
      font-size: 0.75rem;
      font-weight: 600;
      text-transform: uppercase;
      letter-spacing: 0.05em;
      color: var(--_muted);
      border-bottom: 1px solid var(--_border);
    }
    /* At most this tall: a short list leaves no empty area (windowing reads the real height). */
    .list {
      max-height: var(--sg-client-list-height, 30rem);
      overflow-y: auto;
      overscroll-behavior: contain;
    }
    .row {
      width: 100%;
      min-height: var(--sg-client-list-row-height, 3.5rem);
      padding: 0.4rem 0.75rem;
      border-bottom: 1px solid var(--_border);
      background: var(--_surface);
    }
    .row:hover {
      background: var(--_subtle);
    }
    .who {
      display: grid;
      min-width: 0;
    }
    /* Project names wrap: none is cut short. */
    .projects {
      overflow-wrap: anywhere;
    }
    .name,
    .email {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .name {
      font-weight: 600;
    }
    .email,
    .projects.none {
      color: var(--_muted);
      font-size: 0.9em;
    }
    .cell-status {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem;
      align-items: center;
    }
    .state {
      display: flex;
      gap: var(--_space);
      align-items: center;
      justify-content: center;
      padding: calc(var(--_space) * 6) var(--_space);
      color: var(--_muted);
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
      flex-direction: column;
    }
    .state.error {
      color: var(--_danger);
      border-color: var(--_danger);
    }
    .badge {
      font-size: 0.78rem;
      font-weight: 600;
      padding: 0.1rem 0.55rem;
      border-radius: 999px;
      border: 1px solid transparent;
      white-space: nowrap;
    }
    .badge.active {
      background: var(--_success-subtle);
      color: var(--_success);
    }
    .badge.invited {
      background: var(--_accent-subtle);
      color: var(--_accent);
    }
    .badge.expired {
      background: var(--_warning-subtle);
      color: var(--_warning);
    }
    .badge.none,
    .badge.not_invited {
      background: var(--_subtle);
      color: var(--_muted);
      border-color: var(--_border);
    }
    .badge.disabled {
      background: var(--_danger-subtle);
      color: var(--_danger);
    }
    .delivery,
    .sending,
    details,
    .fix,
    .dates {
      font-size: 0.78rem;
      overflow-wrap: anywhere;
    }
    .delivery {
      color: var(--_danger);
      font-weight: 600;
    }
    .sending {
      color: var(--_warning);
    }
    .dates,
    summary {
      color: var(--_muted);
    }
    summary {
      cursor: pointer;
    }
    .fix {
      padding: 0.1rem 0.6rem;
    }
    /* The actions button stays at the end of the row's first line, at every width. */
    .more {
      grid-area: 1/-2;
      padding: 0;
      width: 2.25rem;
      font-size: 1.2rem;
    }
    .menu {
      position: fixed;
      z-index: 10;
      min-width: 13rem;
      display: grid;
      padding: 0.3rem;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: var(--_shadow);
    }
    .menuitem {
      all: unset;
      padding: 0.45rem 0.7rem;
      border-radius: calc(var(--_radius) - 2px);
      cursor: pointer;
    }
    .menuitem:hover,
    .menuitem:focus {
      background: var(--_accent-subtle);
    }
    .menuitem.danger {
      color: var(--_danger);
    }
    .spinner {
      width: 1.25rem;
      height: 1.25rem;
      border: 2px solid var(--_border);
      border-top-color: var(--_accent);
      border-radius: 50%;
      animation: spin 0.8s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(1turn);
      }
    }
    .permissions + .field {
      margin-top: calc(var(--_space) * 2);
    }
    .digest {
      display: flex;
      gap: var(--_space);
    }
    .permissions {
      width: 100%;
      border-collapse: collapse;
    }
    .permissions th,
    .permissions td {
      text-align: start;
      padding: 0.35rem 0.25rem;
      border-bottom: 1px solid var(--_border);
    }
    @media (max-width: 40rem) {
      .columns {
        display: none;
      }
      /* Who | actions, then projects | status: the status column does not narrow the name. */
      .row {
        grid-template-columns: 1fr auto auto;
        align-items: start;
      }
      .who {
        grid-column: 1/3;
      }
      .projects {
        grid-column: 1;
      }
      /* Beside the actions button, the name and email wrap: they are not cut short on a phone. */
      .who > * {
        white-space: normal;
        overflow-wrap: anywhere;
      }
      /* Invite dates wrap rather than squeeze the name; the status sits under the actions button. */
      .cell-status {
        grid-column: 2/4;
        max-width: 10rem;
      }
    }
  `,
];
