import { toBase64Url } from './encoding.js';

let lastMs = 0;
let counter = 0;

/**
 * Random, URL-safe record ids with a readable prefix (`cl_…`, `sh_…`). They start with the
 * wall-clock milliseconds and a per-process counter (hex, fixed width), so ids sort in creation
 * order: lists ordered by a timestamp that ties (an injected clock, one busy millisecond) still
 * come back in the order things happened. 96 random bits follow.
 */
export function newId(prefix: string): string {
  const ms = Date.now();
  counter = ms === lastMs ? (counter + 1) & 0xffff : 0;
  lastMs = ms;
  const random = new Uint8Array(12);
  crypto.getRandomValues(random);
  return `${prefix}_${ms.toString(16).padStart(12, '0')}${counter.toString(16).padStart(4, '0')}${toBase64Url(random)}`;
}
