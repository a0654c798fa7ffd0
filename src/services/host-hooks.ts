import { HostTimeoutError } from '../errors/HostTimeoutError.js';
import type { ContentSource } from '../ports/content.js';
import { withinTime } from './time-limit.js';

/** How long a host hook may take, by default, before the call is answered without it. */
export const DEFAULT_HOST_HOOK_TIMEOUT_MS = 10_000;
/** The longest wait a timer takes as given: beyond it, `setTimeout` fires at once. */
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
 * One time limit per call of a host hook: its answer, or a `HostTimeoutError` naming the hook once
 * `ms` have passed. A hook that hangs (a stalled database, a fetch with no timeout) then costs a
 * request `ms`, not its socket and memory for ever. The late call goes on (a promise cannot be
 * cancelled) and what it answers or throws is dropped: every hook only reads, and the call it was
 * for has already failed before writing anything, or inside a transaction that rolls back.
 */
export function hookLimit(ms: number): HookLimit {
  return (hook, call) => {
    let work;
    try {
      work = call();
    } catch (error) {
      return Promise.reject(error);
    }
    return withinTime(Promise.resolve(work), ms, () => new HostTimeoutError(`The host's \`${hook}\` did not answer within ${ms} ms (hostHookTimeoutMs)`, { data: { hook, timeoutMs: ms } }));
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
