import { css } from 'lit';
import { brand } from '../styles/brand.styles.js';
import { controls } from '../styles/controls.styles.js';
import { tokens } from '../styles/tokens.styles.js';

export default [
  tokens,
  controls,
  brand,
  css`
    [part='base'] {
      display: grid;
      gap: calc(var(--_space) * 2);
    }
    .top {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      justify-content: space-between;
      gap: var(--_space) calc(var(--_space) * 2);
    }
    .top {
      border-top: 4px solid var(--_brand, transparent);
      padding-top: var(--_space);
    }
    .title {
      display: flex;
      align-items: center;
      gap: calc(var(--_space) * 1.5);
      min-width: 0;
    }
    .top h2 {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .logo {
      max-height: 2.5rem;
      max-width: 8rem;
      object-fit: contain;
    }
    .overview {
      display: grid;
      gap: var(--_space);
    }
    .waiting::slotted(*) {
      display: block;
    }
    .tiles {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
      gap: var(--_space);
    }
    .tile {
      display: grid;
      gap: 0.15rem;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-inline-start: 4px solid var(--_accent);
      border-radius: var(--_radius);
      padding: var(--_space) calc(var(--_space) * 1.5);
    }
    .tile-label {
      font-size: 0.8rem;
      color: var(--_muted);
    }
    .jump ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35rem;
    }
    .chip {
      all: unset;
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      white-space: nowrap;
      cursor: pointer;
      padding: 0.3rem 0.7rem;
      border: 1px solid var(--_border);
      border-radius: 999px;
      background: var(--_surface);
      font-size: 0.875em;
    }
    .chip[aria-current='true'] {
      background: var(--_accent-subtle);
      border-color: var(--_accent);
    }
    .chip:focus-visible,
    .section h3:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    .section {
      scroll-margin-top: var(--_space);
    }
    .disclosure.more {
      font-weight: 500;
      font-size: 0.875em;
      color: var(--_accent);
    }
    .panel[hidden] {
      display: none;
    }
    .panel {
      flex-basis: 100%;
      padding: var(--_space) 0 var(--_space) 1.4rem;
      display: grid;
      gap: var(--_space);
      min-width: 0;
    }
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.2rem calc(var(--_space) * 2);
      margin: 0;
    }
    .facts dt {
      color: var(--_muted);
    }
    .facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .notes {
      white-space: pre-wrap;
      margin: 0;
    }
    .label {
      margin: 0;
      color: var(--_muted);
    }
    .options li,
    .revisions li {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 0.6rem;
      padding: 0.2rem 0;
    }
    .options .amount {
      margin-inline-start: auto;
    }
    .options li.chosen,
    .revisions li[aria-current='true'] {
      font-weight: 600;
    }
    .chosen-badge,
    .badge.current {
      background: var(--_accent-subtle);
      border-color: var(--_accent);
    }
    .revisions a,
    .log-photos a {
      color: var(--_accent);
    }
    .log-photos {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
    }
    .log-photos img {
      display: block;
      width: 5rem;
      aspect-ratio: 4 / 3;
      object-fit: cover;
      border-radius: 4px;
    }
    .panel .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      margin: 0;
    }
    a.btn {
      text-decoration: none;
    }
    .switcher {
      display: grid;
      gap: 0.2rem;
      font-weight: 600;
      min-width: 14rem;
    }
    .section {
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 2) calc(var(--_space) * 2.5);
    }
    .section h3 {
      font-size: 0.8rem;
      text-transform: uppercase;
      letter-spacing: 0.06em;
      color: var(--_muted);
      margin-bottom: calc(var(--_space) * 1.5);
    }
    .meta,
    .empty {
      color: var(--_muted);
      font-size: 0.875em;
    }
    .empty,
    .empty-page {
      margin: 0;
    }
    .empty-page {
      text-align: center;
      padding: calc(var(--_space) * 6) var(--_space);
      color: var(--_muted);
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
    }
    ul,
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .list .item {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 0.6rem;
      padding: 0.45rem 0;
      border-top: 1px solid var(--_border);
    }
    .list .item:first-child {
      border-top: 0;
    }
    .list .item.folder {
      display: block;
    }
    /* No longer shared: the name stays as plain text, with why on a line of its own. */
    .item.gone > .name {
      color: var(--_muted);
    }
    .item.gone > .notice {
      flex-basis: 100%;
      margin: 0;
    }
    .item .meta {
      margin-inline-start: auto;
    }
    /* A long name wraps beside its module icon rather than leave the icon on a line of its own. */
    .item > .name {
      max-width: calc(100% - 2.5em);
      overflow-wrap: anywhere;
    }
    .icon {
      color: var(--_muted);
    }
    a.name {
      color: var(--_accent);
      text-decoration: none;
      font-weight: 550;
    }
    a.name:hover {
      text-decoration: underline;
    }
    .badge {
      font-size: 0.75em;
      padding: 0.05rem 0.45rem;
      border-radius: 999px;
      background: var(--_subtle);
      border: 1px solid var(--_border);
    }
    /* Declined by the client just now: as the card's pill says it. */
    .badge.declined {
      background: var(--_danger-subtle);
      color: var(--_danger);
    }
    .disclosure {
      all: unset;
      display: inline-flex;
      align-items: center;
      gap: 0.45rem;
      font-weight: 600;
      cursor: pointer;
      border-radius: 4px;
      padding: 0.1rem 0.2rem;
    }
    /*
     * "Details", file names, revisions and "Email notifications" are at least 24 px tall for a
     * mouse too (WCAG 2.2, 2.5.8): a line of text, padded to it. On a touch screen they grow to
     * 44 px (below).
     */
    .disclosure {
      box-sizing: border-box;
      min-height: 24px;
    }
    a.name,
    .revisions a,
    .prefs summary {
      display: inline-block;
      padding-block: max(0px, 12px - 0.5lh);
    }
    .disclosure:focus-visible {
      outline: 2px solid var(--_accent);
    }
    .chevron::before {
      content: '▸';
      display: inline-block;
      transition: transform 120ms;
    }
    :host(:dir(rtl)) .chevron::before {
      content: '◂';
    }
    [aria-expanded='true'] .chevron::before {
      transform: rotate(90deg);
    }
    :host(:dir(rtl)) [aria-expanded='true'] .chevron::before {
      transform: rotate(-90deg);
    }
    .children {
      padding-inline-start: 1.4rem;
    }
    .children:empty {
      display: none;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(var(--sg-portal-photo-size, 9rem), 1fr));
      gap: var(--_space);
      margin-top: var(--_space);
    }
    .thumb {
      all: unset;
      display: grid;
      gap: 0.3rem;
      cursor: pointer;
      width: 100%;
      border-radius: var(--_radius);
    }
    .thumb:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    .thumb img,
    .placeholder {
      width: 100%;
      aspect-ratio: 4 / 3;
      object-fit: cover;
      border-radius: var(--_radius);
      background: var(--_subtle);
      display: grid;
      place-items: center;
      color: var(--_muted);
      font-size: 1.5rem;
    }
    .caption {
      font-size: 0.85em;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .updates > li + li {
      border-top: 1px solid var(--_border);
      margin-top: calc(var(--_space) * 1.5);
      padding-top: calc(var(--_space) * 1.5);
    }
    .update h4 {
      margin: 0;
      font-size: 1.02em;
    }
    .update .body {
      white-space: pre-wrap;
      margin: 0.3rem 0;
    }
    .schedule .task {
      display: grid;
      grid-template-columns: minmax(8rem, 1fr) 2fr;
      gap: 0.15rem var(--_space);
      padding: 0.4rem 0;
    }
    .task-name {
      font-weight: 600;
    }
    .task .meta {
      grid-column: 1;
    }
    .bar {
      grid-column: 2;
      grid-row: 1 / span 2;
      position: relative;
      align-self: center;
      height: 0.8rem;
      background: var(--_subtle);
      border-radius: 999px;
    }
    .bar .span {
      position: absolute;
      top: 0;
      bottom: 0;
      background: var(--_accent-subtle);
      border: 1px solid var(--_accent);
      border-radius: 999px;
      overflow: hidden;
    }
    .bar .done {
      display: block;
      height: 100%;
      background: var(--_accent);
    }
    .viewer {
      width: min(56rem, calc(100vw - 2rem));
    }
    .viewer figure {
      margin: 0;
      display: grid;
      gap: var(--_space);
    }
    .viewer img,
    .placeholder.big {
      max-width: 100%;
      max-height: 70vh;
      margin-inline: auto;
      border-radius: var(--_radius);
    }
    .viewer figcaption {
      display: flex;
      justify-content: space-between;
      gap: var(--_space);
    }
    /*
     * On a touch screen the section links, folders, "Details", file links and "Email
     * notifications" are tall enough to tap (44 px); the padding centres a line of text there.
     */
    @media (pointer: coarse) {
      .chip,
      .disclosure,
      a.name,
      .prefs summary {
        min-height: 2.75rem;
      }
      a.name,
      .prefs summary {
        padding-block: calc((2.75rem - 1lh) / 2);
      }
    }
    @media (max-width: 32rem) {
      .switcher {
        min-width: 0;
        width: 100%;
      }
      .facts {
        grid-template-columns: 1fr;
      }
      .facts dd {
        margin-bottom: 0.3rem;
      }
      .schedule .task {
        grid-template-columns: 1fr;
      }
      .bar {
        grid-column: 1;
        grid-row: auto;
      }
    }
  `,
];
