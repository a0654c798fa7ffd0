/**
 * Request ids: every answer carries one (`x-request-id`, and `requestId` in problem bodies), and
 * `onError` gets the same one, so a caller quoting it leads to the full error in the host's log
 * while the response itself says nothing about internals.
 */

import { REQUEST_ID_SHAPE } from '../model/request-id-shape.js';
import { drawRandom, randomPool } from '../tokens/random-pool.js';


/** Two hex digits per byte value. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** 128 random bits as 32 hex digits, from the shared pool (request ids are not secrets). */
export function newRequestId(): string {
  const at = drawRandom(16);
  let hex = '';
  for (let i = at; i < at + 16; i++) hex += HEX[randomPool[i]!]!;
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
      if (typeof own === 'string' && REQUEST_ID_SHAPE.test(own)) return own;
    } catch {
      // fall back to a random id
    }
  }
  return newRequestId();
}
