import { css } from 'lit';
import { brand } from './brand.styles.js';

/** The centred card layout shared by the sign-in and accept-invite pages. */
export const page = css`
  ${brand}
  :host {
    max-width: var(--sg-page-width, 26rem);
    margin-inline: auto;
  }
  /* A builder's colour marks the card's top edge (set through the CSSOM, see util/brand-look.ts). */
  .card.branded {
    border-top: 4px solid var(--_brand, var(--_border));
  }
  .brand {
    display: flex;
    justify-content: center;
    margin-bottom: calc(var(--_space) * 2);
  }
  .logo {
    display: block;
    max-height: 3rem;
    max-width: min(12rem, 100%);
    object-fit: contain;
  }
  [part='base'] h2 {
    margin-bottom: calc(var(--_space) * 1.5);
  }
  /* The invitee's address and the builder's name are data: a long one wraps inside the card. */
  [part='base'] h2,
  [part='base'] p {
    overflow-wrap: anywhere;
  }
  form .btn.primary {
    width: 100%;
    margin-top: var(--_space);
  }
  /* Focused after a refusal: its ring keeps clear of the words (the padding sits in the card's, nothing moves). */
  .gone {
    text-align: center;
    padding: var(--_space);
    margin: calc(var(--_space) * -1);
    border-radius: var(--_radius);
  }
  /* Drawn, not an emoji: the page's fonts may have no emoji glyphs. */
  .gone .icon {
    display: inline-grid;
    place-items: center;
    width: 2.5rem;
    height: 2.5rem;
    border: 2px solid currentColor;
    border-radius: 50%;
    font-size: 1.25rem;
    font-weight: 700;
    line-height: 1;
    margin-bottom: var(--_space);
    color: var(--_muted);
  }
`;
