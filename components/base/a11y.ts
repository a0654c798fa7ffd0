import { html, nothing, type TemplateResult } from 'lit';

/**
 * A button busy with its request is `aria-disabled`, never `disabled`: Chromium moves focus off
 * a focused button that becomes disabled, to `<body>` — out of an open modal dialog too — and it
 * does not come back. Its handler ignores it while busy; it looks disabled all the same.
 */
export const disabledWhile = (busy: boolean): 'true' | typeof nothing => (busy ? 'true' : nothing);

/** A field the request refused, or the first choice of a refused group (a fieldset). */
const INVALID = ':is(input,textarea)[aria-invalid="true"],[aria-invalid="true"] input';
/** The message saying how the request went, focusable for this (`tabindex="-1"`). */
const OUTCOME = ':is([role=alert],[role=status])[tabindex="-1"]';

/**
 * Where focus goes once a request is answered, within `scope` (after `rendered`): the first
 * field it refused, else the message saying what happened — the last one, as an older message
 * above the form (a dead link's) is not news — else nowhere new: it stays on the button that
 * sent the request, which stayed focusable.
 */
export async function focusOutcome(scope: ParentNode, rendered: Promise<unknown>): Promise<void> {
  await rendered;
  (scope.querySelector<HTMLElement>(INVALID) ?? [...scope.querySelectorAll<HTMLElement>(OUTCOME)].pop())?.focus();
}

/**
 * Focus fell to the page: nothing has it, or `<body>`, or `host` with nothing inside it (the
 * control that had it was rendered away). Focus the user took elsewhere is not lost, and is not
 * moved.
 */
export function focusLost(host: HTMLElement): boolean {
  const active = document.activeElement;
  return !active || active === document.body || (active === host && !host.shadowRoot?.activeElement);
}

/**
 * A polite live region that is always in the page (one that appears with its text is often not
 * read): what a search found or a load brought, where focus is not.
 */
export const said = (text: string): TemplateResult => html`<p class="sr-only" role="status">${text}</p>`;
