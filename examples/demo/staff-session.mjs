// The demo's stand-in for the host's own staff login. Opening the builder page signs that
// browser in as the builder with a random session id in an HttpOnly cookie; the builder page's
// API calls, the host content API and the dev outbox all require it. Only the SHA-256 of each
// id is kept, so nothing in memory is a usable session. A real host checks its own session here.
import { createHash, randomBytes } from 'node:crypto';

const COOKIE = 'demo_staff';
const digest = (id) => createHash('sha256').update(id).digest('hex');

export function staffSessions({ max = 1000 } = {}) {
  const hashes = new Set();

  function idIn(cookieHeader) {
    const match = new RegExp(`(?:^|;\\s*)${COOKIE}=([A-Za-z0-9_-]{43})(?:;|$)`).exec(cookieHeader ?? '');
    return match?.[1];
  }

  return {
    /** A `Set-Cookie` value for a new builder session. */
    issue() {
      const id = randomBytes(32).toString('base64url');
      hashes.add(digest(id));
      // Bounded: the oldest sessions end first.
      if (hashes.size > max) hashes.delete(hashes.values().next().value);
      return `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`;
    },
    /** Whether this Cookie header carries a live builder session. */
    has(cookieHeader) {
      const id = idIn(cookieHeader);
      return id !== undefined && hashes.has(digest(id));
    },
  };
}
