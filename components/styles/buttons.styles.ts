import { css } from 'lit';

/** Buttons, focus rings and screen-reader text: what every element needs, the share button only this. */
export const buttons = css`
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-height: 2.25rem;
    padding: 0 0.9rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    font-weight: 550;
    cursor: pointer;
    /* A long label ("Enregistrer et renvoyer l’invitation") wraps inside the button on a phone. */
    text-align: center;
    transition: background-color 120ms, border-color 120ms;
  }
  .btn:hover {
    background: var(--_subtle);
  }
  .btn.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  /* Towards the text colour, away from the accent's text: darker in light, lighter in dark. */
  .btn.primary:hover {
    background: color-mix(in srgb, var(--_accent) 88%, var(--_text));
  }
  /* The surface on the danger colour reads as well as the danger colour's text on the surface. */
  .btn.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_surface);
  }
  .btn.quiet {
    border-color: transparent;
    background: transparent;
  }
  /* A busy button is aria-disabled: it keeps focus (see base/a11y.ts). */
  .btn:is(:disabled, [aria-disabled='true']) {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :is(.btn, input, select, textarea, a, summary, [tabindex]):focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
    box-shadow: var(--_focus);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* Motion only says that something changed: with a reduced-motion preference, nothing moves. */
  @media (prefers-reduced-motion: reduce) {
    *,
    ::before {
      animation: none !important;
      transition: none !important;
    }
  }
`;
