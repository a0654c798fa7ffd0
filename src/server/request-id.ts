/**
 * Request ids: every answer carries one (`x-request-id`, and `requestId` in problem bodies), and
 * `onError` gets the same one, so a caller quoting it leads to the full error in the host's log
 * while the response itself says nothing about internals.
 */

/** What a host-supplied id may look like: short, and nothing that could forge a log line. */
const SAFE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** Two hex digits per byte value. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
/** Random bytes drawn 4 KB at a time: one `getRandomValues` per 256 ids instead of one per id. */
const pool = new Uint8Array(4096);
let used = pool.length;

/** 128 random bits as 32 hex digits. */
export function newRequestId(): string {
  if (used + 16 > pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  let hex = '';
  for (let end = used + 16; used < end; used++) hex += HEX[pool[used]!]!;
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
