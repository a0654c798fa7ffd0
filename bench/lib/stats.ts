/** Timing helpers. Benchmarks report; nothing here ever fails on a slow figure. */

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  samples: number;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export function summarise(samplesMs: number[]): Latency {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), mean, samples: sorted.length };
}

/**
 * Start a measurement from a settled heap: the garbage seeding left behind is not the measured
 * operation's (the bench runs its suites with --expose-gc). A forced collection marks at once but
 * sweeps on background threads afterwards; on a large heap that sweep lands in the first hundreds
 * of samples, on both cores and in the CPU counted per call. With 1M shares in memory (a 420 MB
 * heap) it was most of the feed's p95 (bench/history.md, "The sampler waits for its own
 * collection's sweep"). So the sampler waits for it, about 1 ms per 2 MB of heap (at most
 * 500 ms); the operation's own collections, the scavenges and any major GC its garbage causes,
 * still fall inside the samples.
 */
export async function settleHeap(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  gc();
  const heapMb = process.memoryUsage().heapTotal / 2 ** 20;
  await new Promise((resolve) => setTimeout(resolve, Math.min(500, heapMb / 2)));
}

/**
 * Latency of an async operation, run one at a time: warm-up first (JIT, caches, prepared
 * statements), then samples until `samples` are taken or `budgetMs` has passed, whichever is
 * first — but never fewer than `minSamples` (default 5).
 */
export async function sampleLatency(fn: (i: number) => Promise<unknown>, options: { samples: number; warmup?: number; budgetMs?: number; minSamples?: number }): Promise<Latency> {
  const warmup = options.warmup ?? Math.min(20, options.samples);
  await settleHeap();
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  const deadline = performance.now() + (options.budgetMs ?? Number.POSITIVE_INFINITY);
  for (let i = 0; i < options.samples && (out.length < (options.minSamples ?? 5) || performance.now() < deadline); i++) {
    const start = performance.now();
    await fn(warmup + i);
    out.push(performance.now() - start);
  }
  return summarise(out);
}

/**
 * Throughput of a synchronous check: runs `fn` over batches for about `durationMs` and returns
 * operations per second. The results feed a sink so the work cannot be optimised away; the best
 * of a few rounds is kept, as other processes on a shared machine only ever slow a round down.
 */
export function opsPerSecond(fn: (i: number) => boolean, options: { durationMs: number; rounds?: number; batch?: number }): number {
  const rounds = options.rounds ?? 3;
  const batch = options.batch ?? 10_000;
  let sink = 0;
  let best = 0;
  // Warm-up: let the JIT settle on the hot path before timing.
  for (let i = 0; i < batch; i++) if (fn(i)) sink++;
  for (let round = 0; round < rounds; round++) {
    let ops = 0;
    const start = performance.now();
    const until = start + options.durationMs / rounds;
    let now = start;
    while (now < until) {
      for (let i = 0; i < batch; i++) if (fn(ops + i)) sink++;
      ops += batch;
      now = performance.now();
    }
    best = Math.max(best, ops / ((now - start) / 1000));
  }
  if (sink < 0) console.log(sink);
  return best;
}

export const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
export const fmtLatency = (l: Latency) => `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)} ms`;

export function fmtRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k/s`;
  return `${perSecond.toFixed(0)}/s`;
}

/** `value / baseline`; below 0.01 it reads as a fraction (`1/650×`) rather than `0.00×`. */
export function fmtRatio(x: number): string {
  if (!Number.isFinite(x) || x <= 0) return '—';
  if (x < 0.01) return `1/${(1 / x).toFixed(0)}×`;
  return `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`;
}
