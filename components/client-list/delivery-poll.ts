import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The first wait, and the longest one the backoff reaches (1.5× per round without news). */
export const DELIVERY_POLL = { firstMs: 3000, maxMs: 30_000 };

export interface PollHost extends ReactiveControllerHost, HTMLElement {
  /** Ids of the rows on screen whose invite mail is still on its way. */
  inFlight(): string[];
  /** Fetches these rows again and puts them in place. */
  refresh(ids: string[]): Promise<void>;
}

/**
 * Asks the server again for the rows whose invite is queued or being retried, so "Sending…"
 * turns into "Sent" or "Not delivered" without a reload. It polls only while such a row is on
 * screen, the element is in the page and the tab is visible; it backs off while nothing
 * changes and starts over fast when another invite goes out.
 */
export class DeliveryPoll implements ReactiveController {
  #host: PollHost;
  #timer?: ReturnType<typeof setTimeout> | undefined;
  #delay = DELIVERY_POLL.firstMs;
  #busy = false;
  #seen = new Set<string>();

  constructor(host: PollHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#visibility);
    // Moved in the page (re-parented, a tab shown again): leaving stopped the timer, and the rows
    // still in flight may not update again by themselves. A quick look, as when the tab comes back.
    this.#visibility();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#visibility);
    this.#stop();
  }

  hostUpdated(): void {
    const ids = this.#host.inFlight();
    // A row that newly went out (an invite just sent) is worth a quick look again.
    if (ids.some((id) => !this.#seen.has(id))) {
      this.#delay = DELIVERY_POLL.firstMs;
      this.#stop();
    }
    this.#seen = new Set(ids);
    if (!ids.length) this.#stop();
    else if (!this.#timer && !this.#busy && !document.hidden && this.#host.isConnected) this.#timer = setTimeout(this.#tick, this.#delay);
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #visibility = (): void => {
    this.#stop();
    this.#delay = DELIVERY_POLL.firstMs;
    if (!document.hidden) this.hostUpdated();
  };

  #tick = async (): Promise<void> => {
    this.#timer = undefined;
    const ids = this.#host.inFlight();
    if (!ids.length || document.hidden || !this.#host.isConnected) return;
    this.#busy = true;
    try {
      await this.#host.refresh(ids);
    } finally {
      this.#busy = false;
      // News (a row went out or failed, leaving the others) starts the backoff over: the outbox
      // is moving. Only rounds that changed nothing wait longer each time.
      const unchanged = this.#host.inFlight().join(' ') === ids.join(' ');
      this.#delay = unchanged ? Math.min(this.#delay * 1.5, DELIVERY_POLL.maxMs) : DELIVERY_POLL.firstMs;
      this.#host.requestUpdate();
    }
  };
}
