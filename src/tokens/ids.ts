import { drawRandom, randomPool } from './random-pool.js';

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
  return `${prefix}_${ms.toString(16).padStart(12, '0')}${counter.toString(16).padStart(4, '0')}${randomPart()}`;
}

const RANDOM_BYTES = 12;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 96 fresh random bits as 16 base64url characters (12 bytes: no padding). */
function randomPart(): string {
  const at = drawRandom(RANDOM_BYTES);
  let out = '';
  for (let i = at; i < at + RANDOM_BYTES; i += 3) {
    const n = (randomPool[i]! << 16) | (randomPool[i + 1]! << 8) | randomPool[i + 2]!;
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + ALPHABET[n & 63]!;
  }
  return out;
}
