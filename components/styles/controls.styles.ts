import { css } from 'lit';
import { buttons } from './buttons.styles.js';

/** Cards, headings, fields, notices and dialogs, for the elements that show more than a button. */
const fields = css`
  .card {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    padding: calc(var(--_space) * 3);
  }
  h2,
  h3 {
    margin: 0 0 var(--_space);
    line-height: 1.25;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.05em;
  }
  p {
    margin: 0 0 var(--_space);
  }
  .muted {
    color: var(--_muted);
  }
  .field {
    display: grid;
    gap: 0.25rem;
    margin-bottom: calc(var(--_space) * 2);
  }
  .field label,
  legend {
    font-weight: 600;
  }
  input[type='text'],
  input[type='email'],
  input[type='password'],
  input[type='search'],
  input[type='date'],
  select,
  textarea {
    min-height: 2.25rem;
    padding: 0.35rem 0.6rem;
    /* A field's outline must read at 3:1 (WCAG 1.4.11); dividers keep the lighter border. */
    border: 1px solid color-mix(in srgb, var(--_text) 45%, var(--_border));
    border-radius: var(--_radius);
    background: var(--_surface);
    width: 100%;
  }
  /* The browser's own grey reads at 3.5:1 in some, and not at all on the dark surface. */
  ::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  input[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.875em;
  }
  .field-error:empty {
    display: none;
  }
  .notice {
    border-radius: var(--_radius);
    padding: 0.6rem 0.8rem;
    margin-bottom: calc(var(--_space) * 2);
    background: var(--_subtle);
    /* An email or name with no space in it wraps inside the box instead of widening the page. */
    overflow-wrap: anywhere;
  }
  .notice.error {
    background: var(--_danger-subtle);
    color: var(--_danger);
  }
  .notice.success {
    background: var(--_success-subtle);
    color: var(--_success);
  }
  .actions {
    display: flex;
    gap: var(--_space);
    justify-content: flex-end;
    flex-wrap: wrap;
    margin-top: calc(var(--_space) * 2);
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 1.5);
    padding: calc(var(--_space) * 3);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: var(--_shadow);
    width: min(32rem, calc(100vw - 2rem));
  }
  /* A client's name or address in a dialog's title or text wraps inside it at 320 px. */
  dialog :is(h2, p) {
    overflow-wrap: anywhere;
  }
  dialog::backdrop {
    background: rgb(15 20 30 / 45%);
  }
  fieldset {
    border: 0;
    margin: 0 0 calc(var(--_space) * 2);
    padding: 0;
  }
  /* Without the browser's 2px either side, a legend lines up with the labels above it. */
  legend {
    padding: 0;
  }
  .checks {
    display: grid;
    gap: 0.35rem;
    max-height: 14rem;
    overflow: auto;
    margin-top: 0.35rem;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
`;

/** Buttons, fields, notices and dialogs shared by every element, so they look like one family. */
export const controls = [buttons, fields];
