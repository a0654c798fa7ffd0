/**
 * One pool of random bytes for the ids that are not secrets: record ids (`newId`) and request
 * ids. One `getRandomValues` costs ~8 µs whatever its size, and a share told to 1,000 clients
 * makes 1,000 notification ids, so bytes are drawn 4 KB at a time. Tokens, salts and other
 * secrets draw their own bytes and never come from here.
 */
export const randomPool = new Uint8Array(4096);
let used = randomPool.length;

/**
 * Where `n` fresh random bytes (at most the pool's 4,096) start in `randomPool`: read them
 * there before the next draw, which may refill the pool. An offset rather than a copy or a
 * view, so a draw allocates nothing.
 */
export function drawRandom(n: number): number {
  if (used + n > randomPool.length) {
    crypto.getRandomValues(randomPool);
    used = 0;
  }
  const at = used;
  used += n;
  return at;
}
