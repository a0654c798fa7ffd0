import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Which rows to render and how much empty space stands in for the rest, above and below. */
export interface RowRange {
  start: number;
  end: number;
  before: number;
  after: number;
}

/** Extra height rendered above and below the viewport, so a fast scroll never shows a gap. */
const OVERSCAN_PX = 240;
/** Until the scroller has been laid out, assume a tall viewport rather than render too little. */
const FIRST_VIEWPORT_PX = 800;
/** Until a row has been measured, assume the default row height (3.5rem at 16px). */
const FIRST_ESTIMATE_PX = 56;

/**
 * Windowing for a long list of rows of varying height, in a few hundred bytes: only the rows in
 * and near the viewport are in the DOM, and padding above and below them stands in for the rest.
 * Rows are measured once rendered; rows never rendered count at the average measured height, so
 * a list with rows of one height (the usual case) is laid out exactly. Offsets are prefix sums,
 * rebuilt in one pass when the items change and from the first changed row after a measurement.
 *
 * The host renders `range()`'s rows, in order, as the only children of one element inside the
 * scroller, and hands that element over with `attach()`. Its padding (set here, through the
 * CSSOM, so a strict CSP is no obstacle) stands in for the rows not rendered.
 */
export class RowWindow<T> implements ReactiveController {
  #host: ReactiveControllerHost;
  #key: (item: T) => string;
  #items: readonly T[] = [];
  /** Measured heights by key: they survive filtering, reordering and reloading. */
  #measured = new Map<string, number>();
  #estimate = FIRST_ESTIMATE_PX;
  #sizes = new Float64Array(0);
  /** `#offsets[i]` is the top of row i; `#offsets[n]` the height of all rows. */
  #offsets = new Float64Array(1);
  #range: RowRange = { start: 0, end: 0, before: 0, after: 0 };
  #rows?: HTMLElement | undefined;
  #scroller?: HTMLElement | undefined;
  #viewport = FIRST_VIEWPORT_PX;
  #width = 0;
  #resize?: ResizeObserver;

  constructor(host: ReactiveControllerHost, key: (item: T) => string) {
    this.#host = host;
    this.#key = key;
    host.addController(this);
  }

  /** The rows to render for these items at the current scroll position. */
  range(items: readonly T[]): RowRange {
    if (items !== this.#items) this.#setItems(items);
    this.#range = this.#compute();
    return this.#range;
  }

  /** The rows' parent, inside the scroller; use as a `ref` callback, so a new one is picked up. */
  attach = (rows: Element | undefined): void => {
    if (rows === this.#rows) return;
    if (this.#scroller) this.#resize?.unobserve(this.#scroller);
    this.#rows = rows as HTMLElement | undefined;
    this.#scroller = this.#rows?.parentElement ?? undefined;
    if (!this.#scroller) return;
    this.#scroller.style.overflowAnchor = 'none'; // we keep rows in place ourselves
    this.#resize ??= new ResizeObserver(() => this.#resized());
    this.#resize.observe(this.#scroller);
  };

  /** Call on the scroller's `scroll` event: re-renders only when other rows come into view. */
  scrolled(): void {
    const next = this.#compute();
    if (next.start !== this.#range.start || next.end !== this.#range.end) this.#host.requestUpdate();
  }

  hostUpdated(): void {
    const rows = this.#rows;
    if (!rows) return;
    rows.style.paddingTop = `${this.#range.before}px`;
    rows.style.paddingBottom = `${this.#range.after}px`;
    // Not laid out yet (the scroller's first size is still to come): measuring now would force a
    // layout in this task and a second render before the first paint, for rows that are right
    // already. The first size observation comes after that paint's layout and measures then.
    if (!this.#width) return;
    const { start, end } = this.#range;
    if (this.#keepingAnchor(() => this.#record(rows.children, start, end))) this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#resize?.disconnect();
    this.#resize = undefined;
    this.#rows = this.#scroller = undefined;
  }

  #setItems(items: readonly T[]): void {
    this.#items = items;
    this.#sizes = new Float64Array(items.length);
    for (let i = 0; i < items.length; i++) this.#sizes[i] = this.#measured.get(this.#key(items[i]!)) ?? this.#estimate;
    this.#offsets = new Float64Array(items.length + 1);
    this.#sum(0);
  }

  /** Rebuilds the offsets from row `from` on. */
  #sum(from: number): void {
    const sizes = this.#sizes;
    const offsets = this.#offsets;
    for (let i = from; i < sizes.length; i++) offsets[i + 1] = offsets[i]! + sizes[i]!;
  }

  /** The last row whose top is at or above `y`. */
  #rowAt(y: number): number {
    const offsets = this.#offsets;
    let lo = 0;
    let hi = this.#sizes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid]! <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  #compute(): RowRange {
    const n = this.#sizes.length;
    if (n === 0) return { start: 0, end: 0, before: 0, after: 0 };
    const total = this.#offsets[n]!;
    const top = Math.min(this.#scroller?.scrollTop ?? 0, Math.max(total - this.#viewport, 0));
    // Before the list is laid out nothing has scrolled: the first paint needs only what shows.
    const overscan = this.#width ? OVERSCAN_PX : 0;
    const start = this.#rowAt(top - overscan);
    const end = Math.min(this.#rowAt(top + this.#viewport + overscan) + 1, n);
    return { start, end, before: this.#offsets[start]!, after: total - this.#offsets[end]! };
  }

  /**
   * Runs a change to the offsets. Rows above the first visible one that turn out taller or
   * shorter than they were counted would push it up or down the screen, so the scroll position
   * moves by as much: what the user is reading stays put.
   */
  #keepingAnchor(change: () => boolean): boolean {
    const scroller = this.#scroller!;
    const anchor = this.#rowAt(scroller.scrollTop);
    const before = this.#offsets[anchor] ?? 0;
    if (!change()) return false;
    const shift = (this.#offsets[anchor] ?? 0) - before;
    if (Math.abs(shift) >= 0.5) scroller.scrollTop += shift;
    return true;
  }

  /** Stores the heights of rows `start`–`end` (the DOM `rows`) and updates the offsets; true if they changed. */
  #record(rows: HTMLCollection, start: number, end: number): boolean {
    let changedFrom = -1;
    let fresh = 0;
    let freshTotal = 0;
    for (let i = start; i < end && i - start < rows.length; i++) {
      const height = rows[i - start]!.getBoundingClientRect().height;
      if (height === 0) continue; // not laid out (hidden): nothing to learn
      const key = this.#key(this.#items[i]!);
      if (!this.#measured.has(key)) (fresh++, (freshTotal += height));
      this.#measured.set(key, height);
      if (height !== this.#sizes[i]) {
        this.#sizes[i] = height;
        if (changedFrom < 0) changedFrom = i;
      }
    }
    // The first rows measured set the estimate for all the others, once.
    if (fresh > 0 && this.#measured.size === fresh) {
      this.#estimate = freshTotal / fresh;
      this.#setItems(this.#items);
      return true;
    }
    if (changedFrom < 0) return false;
    this.#sum(changedFrom);
    return true;
  }

  #resized(): void {
    const scroller = this.#scroller;
    if (!scroller) return;
    const viewport = scroller.clientHeight || FIRST_VIEWPORT_PX;
    const width = scroller.clientWidth;
    if (viewport === this.#viewport && width === this.#width) return;
    // Another width wraps rows differently: what was measured at the old one no longer holds.
    // (From no width at all, nothing was measured: rows of a hidden list measure 0 and are skipped.)
    const rewrapped = this.#width !== 0 && width !== this.#width;
    this.#viewport = viewport;
    this.#width = width;
    if (rewrapped) {
      this.#keepingAnchor(() => {
        this.#measured.clear();
        this.#setItems(this.#items);
        return true;
      });
    }
    // On the next frame: rendering other rows resizes a list shorter than its greatest height,
    // which within this observer callback would be a resize loop.
    requestAnimationFrame(() => this.#host.requestUpdate());
  }
}
