/**
 * Request ids: every answer carries one (`x-request-id`, and `requestId` in problem bodies), and
 * `onError` gets the same one, so a caller quoting it leads to the full error in the host's log
 * while the response itself says nothing about internals.
 */

/** What a host-supplied id may look like: short, and nothing that could forge a log line. */
const SAFE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** 128 random bits as 32 hex digits. */
export function newRequestId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * The id of `request`: the host's own (its tracing or proxy id, from `options.requestId`) when
 * it has a safe shape, else a new random one. A failing hook never fails the request.
 */
export function requestIdFor(request: Request, hook: ((request: Request) => string | null | undefined) | undefined): string {
  if (hook) {
    try {
      const own = hook(request);
      if (typeof own === 'string' && SAFE_ID.test(own)) return own;
    } catch {
      // fall back to a random id
    }
  }
  return newRequestId();
}
