/**
 * Calls a host's error hook so that the hook's own failure goes nowhere: a logger that throws,
 * or returns a promise that rejects (an error tracker that cannot be reached), must not turn one
 * reported failure into a second one — an unhandled rejection ends a Node process, and a request
 * or delivery that worked must not fail because its report did.
 */
export function reportSafely<Args extends unknown[]>(hook: (...args: Args) => unknown, ...args: Args): void {
  try {
    const answer = hook(...args);
    if (answer !== null && typeof answer === 'object' && typeof (answer as PromiseLike<unknown>).then === 'function') {
      Promise.resolve(answer).catch(() => {});
    }
  } catch {
    // Swallowed on purpose: see above.
  }
}
