import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** How long a success notice stays (ms); errors stay until dismissed. */
export const NOTICE = { ms: 6000 };

/**
 * The list's notice: what the last action did, or what went wrong. Success is said in a polite
 * live region and leaves after `NOTICE.ms` — not while the pointer or focus is on it, so it can
 * be read at one's own pace; an error is an alert that stays until dismissed or replaced.
 */
export class NoticeController implements ReactiveController {
  #host: ReactiveControllerHost;
  #timer?: ReturnType<typeof setTimeout> | undefined;
  /** When the armed timer is due (`Date.now()` time): a move in the page re-arms it for what is left. */
  #due = 0;
  /** The pointer is over the notice, and focus is in it: either one holds it on screen. */
  #hovered = false;
  #focused = false;
  current?: { text: string; error: boolean } | undefined;

  #dismissed: () => void;

  /** `dismissed` runs after the dismiss button removed the notice (and itself): focus goes there. */
  constructor(host: ReactiveControllerHost, dismissed: () => void) {
    this.#host = host;
    this.#dismissed = dismissed;
    host.addController(this);
  }

  show(text: string, error = false): void {
    this.current = { text, error };
    this.#hovered = this.#focused = false;
    this.#arm();
    this.#host.requestUpdate();
  }

  clear = (): void => {
    clearTimeout(this.#timer);
    this.current = undefined;
    this.#host.requestUpdate();
  };

  hostConnected(): void {
    // Back in the page after a move (re-parenting, a tab container): leaving cleared the timer.
    // The notice leaves when it was due, at once if that has passed. The move took the pointer
    // and focus off it without mouseleave or focusout: a notice they held gets its full time.
    const held = this.#hovered || this.#focused;
    this.#hovered = this.#focused = false;
    this.#arm(held ? NOTICE.ms : this.#due - Date.now());
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  #arm(ms = NOTICE.ms): void {
    clearTimeout(this.#timer);
    if (this.current && !this.current.error && !this.#hovered && !this.#focused) {
      this.#due = Date.now() + ms;
      this.#timer = setTimeout(this.clear, ms);
    }
  }

  #hold = (event: Event): void => {
    if (event.type === 'mouseenter' || event.type === 'mouseleave') this.#hovered = event.type === 'mouseenter';
    else this.#focused = event.type === 'focusin';
    this.#arm();
  };

  /**
   * The notice and its dismiss button. Only the words are announced, not "Dismiss" with them: the
   * status region and the alert hold the words alone, and the button sits beside them. The words
   * are in the page once. The status region is in the accessibility tree before it has words
   * (out of sight, never `hidden`): a region that appears with its text is often not read.
   */
  render(dismiss: string): TemplateResult {
    const n = this.current;
    const click = (): void => (this.clear(), this.#dismissed());
    const button = html`<button type="button" class="btn quiet dismiss" aria-label=${dismiss} @click=${click}>×</button>`;
    const success = n && !n.error ? n.text : '';
    return html`<div class="live" @mouseenter=${this.#hold} @mouseleave=${this.#hold} @focusin=${this.#hold} @focusout=${this.#hold}>
        <p class=${success ? 'notice success' : 'sr-only'}><span role="status">${success}</span>${success ? button : nothing}</p>
      </div>
      ${n?.error ? html`<p class="notice error"><span role="alert">${n.text}</span>${button}</p>` : nothing}`;
  }
}
