import { css } from 'lit';

/** The centred card layout shared by the sign-in and accept-invite pages. */
export const page = css`
  :host {
    max-width: var(--sg-page-width, 26rem);
    margin-inline: auto;
  }
  [part='base'] h2 {
    margin-bottom: calc(var(--_space) * 1.5);
  }
  form .btn.primary {
    width: 100%;
    margin-top: var(--_space);
  }
  .gone {
    text-align: center;
  }
  .gone .icon {
    font-size: 2rem;
    line-height: 1;
    margin-bottom: var(--_space);
    color: var(--_muted);
  }
`;
