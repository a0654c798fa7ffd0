import { css } from 'lit';

/** "Waiting on you": a highlighted card per approval, above the overview tiles. */
export default css`
  .waiting-on-you {
    display: grid;
    gap: var(--_space);
    background: var(--_warning-subtle);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_warning);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 1.5);
  }
  /* Under the overview's heading (h3): the section is an h4, each approval an h5. */
  .waiting-on-you > h4 {
    margin: 0;
    font-size: 1.05em;
  }
  .asks {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .ask {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 1.5);
    display: grid;
    gap: 0.35rem;
  }
  .ask h5 {
    margin: 0;
    font-size: 1em;
  }
  .ask h5 .module {
    display: block;
    font-size: 0.8em;
    font-weight: 500;
    color: var(--_muted);
  }
  .ask .facts {
    margin: 0;
  }
  .ask .message {
    margin: 0;
    padding-inline-start: 0.75rem;
    border-inline-start: 3px solid var(--_border);
    white-space: pre-line;
  }
  .actions.start {
    justify-content: flex-start;
    margin-top: 0.25rem;
  }
  .outcome {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.6rem;
    align-items: center;
    margin: 0;
  }
  /* Focused (after a decision, or read again): the ring and halo clear of the text, which stays in line. */
  .outcome:not(.notice),
  .ask h5 {
    padding: 0.2rem 0.35rem;
    margin: -0.2rem -0.35rem;
  }
  /* No decision taken (refused, or changed since asked): a notice, not a result. */
  .outcome.notice {
    background: var(--_warning-subtle);
    border-inline-start: 3px solid var(--_warning);
  }
  .status {
    display: inline-block;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    font-size: 0.85em;
    font-weight: 600;
    background: var(--_subtle);
  }
  .status.approved {
    background: var(--_success-subtle);
    color: var(--_success);
  }
  .status.declined,
  .status.expired {
    background: var(--_danger-subtle);
    color: var(--_danger);
  }
  /* Withdrawn by the builder: neither outcome, only that nothing is asked any more. */
  .status.withdrawn {
    color: var(--_muted);
    box-shadow: inset 0 0 0 1px var(--_border);
  }
`;
