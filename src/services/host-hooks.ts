import { HostTimeoutError } from '../errors/HostTimeoutError.js';
import type { ContentSource } from '../ports/content.js';

/** How long a host hook may take, by default, before the call is answered without it. */
export const DEFAULT_HOST_HOOK_TIMEOUT_MS = 10_000;
/** The longest period a timer takes as given (beyond it, Node's timers fire at once): the limit is at most this. */
export const LONGEST_HOST_HOOK_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Where `createPortal` leaves its `hostHookTimeoutMs` on the portal, so the HTTP handler holds
 * its own hooks (`authenticateStaff`, a `rateLimit.limiter`) to the same limit.
 */
export const HOST_HOOK_TIMEOUT = Symbol.for('sitegate.hostHookTimeoutMs');

/** The portal's `hostHookTimeoutMs`, or the default for a portal that does not say. */
export function hostHookTimeoutOf(portal: object): number {
  const ms = (portal as { [HOST_HOOK_TIMEOUT]?: unknown })[HOST_HOOK_TIMEOUT];
  return typeof ms === 'number' ? ms : DEFAULT_HOST_HOOK_TIMEOUT_MS;
}

/** Runs one call of the hook named `hook`, rejecting with a `HostTimeoutError` when it is late. */
export type HookLimit = <T>(hook: string, call: () => Promise<T> | T) => Promise<T>;

/**
 * A hook call under way: the tick it started on, and how to fail it when it is late. Calls under
 * way are a list in the order they started, linked through `prev` and `next`.
 */
interface Waiting {
  tick: number;
  hook: string;
  reject: (error: unknown) => void;
  prev: Waiting | undefined;
  next: Waiting | undefined;
  /** Answered, or failed as late: what comes after is dropped. */
  settled: boolean;
}

/** Ticks per limit: a late call fails between `ms` and `ms` and a quarter after it started. */
const TICKS = 4;

/**
 * One time limit per call of a host hook: its answer, or a `HostTimeoutError` naming the hook once
 * `ms` have passed. A hook that hangs (a stalled database, a fetch with no timeout) then costs a
 * request `ms`, not its socket and memory for ever. The late call goes on (a promise cannot be
 * cancelled) and what it answers or throws is dropped: the call it was for has already failed
 * before writing anything of sitegate's, or inside a transaction that rolls back. (A rate
 * limiter's late `hit` or `reset` may still write in the host's own store.)
 *
 * Hooks are asked many times a request (`portal.can` asks the content source and `tenants` on
 * every check), so a call costs no timer of its own: one interval ticks `TICKS` times a limit
 * while calls are under way, and each tick fails the calls that have waited more than `TICKS`
 * ticks. They started in order, so the oldest are first and the sweep stops at the first in time.
 * The calls under way are a linked list rather than a `Set`: a `Set` that takes and drops an
 * entry per call cost some 350 ns a call, the list some 150.
 */
export function hookLimit(ms: number): HookLimit {
  let first: Waiting | undefined;
  let last: Waiting | undefined;
  let tick = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const unlink = (call: Waiting): void => {
    call.settled = true;
    if (call.prev) call.prev.next = call.next;
    else first = call.next;
    if (call.next) call.next.prev = call.prev;
    else last = call.prev;
    call.prev = call.next = undefined;
  };
  const sweep = (): void => {
    tick += 1;
    while (first && tick - first.tick > TICKS) {
      const call = first;
      unlink(call);
      call.reject(new HostTimeoutError(`The host's \`${call.hook}\` did not answer within ${ms} ms (hostHookTimeoutMs)`, { data: { hook: call.hook, timeoutMs: ms } }));
    }
    if (!first) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  return (hook, call) => {
    let work;
    try {
      work = call();
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      const entry: Waiting = { tick, hook, reject, prev: last, next: undefined, settled: false };
      if (last) last.next = entry;
      else first = entry;
      last = entry;
      if (timer === undefined) {
        timer = setInterval(sweep, ms / TICKS);
        // A wait must not keep a process alive that has nothing else to do.
        timer.unref?.();
      }
      Promise.resolve(work).then(
        (value) => {
          if (entry.settled) return;
          unlink(entry);
          resolve(value);
        },
        (error: unknown) => {
          if (entry.settled) return;
          unlink(entry);
          reject(error);
        },
      );
    });
  };
}

/** The content source with each call held to `limit`, named `content.resolve` and so on. */
export function limitedContent(content: ContentSource, limit: HookLimit): ContentSource {
  return {
    resolve: (tenantId, refs) => limit('content.resolve', () => content.resolve(tenantId, refs)),
    children: (tenantId, folder) => limit('content.children', () => content.children(tenantId, folder)),
    schedule: (tenantId, projectId) => limit('content.schedule', () => content.schedule(tenantId, projectId)),
    projects: (tenantId, ids) => limit('content.projects', () => (ids === undefined ? content.projects(tenantId) : content.projects(tenantId, ids))),
  };
}
