/**
 * `work`'s answer, or a rejection with `expired()` once `ms` have passed, whichever comes first.
 * The work itself goes on (a promise cannot be cancelled): what it does once late must be safe on
 * its own, as the outbox's lease checks before minting and sending make it.
 */
export async function withinTime<T>(work: Promise<T>, ms: number, expired: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(expired()), Math.max(0, ms));
    // A wait must not keep a process alive that has nothing else to do.
    timer.unref?.();
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
