import { ForbiddenError } from '../errors/ForbiddenError.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(value: string | null): string | null {
  if (!value || value === 'null') return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * Cookies ride along on requests other sites trigger, so a mutation that relies on cookies
 * must show where it came from: `Origin` (or, failing that, `Referer`) must be the API's own
 * origin or a trusted one. Requests that authenticate with a header are not forgeable this way
 * and pass; so do requests without cookies (they carry no ambient authority).
 */
export function assertSameOrigin(request: Request, trustedOrigins: readonly string[]): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (!request.headers.has('cookie') || request.headers.has('authorization')) return;
  const origin = originOf(request.headers.get('origin')) ?? originOf(request.headers.get('referer'));
  const own = new URL(request.url).origin;
  if (origin && (origin === own || trustedOrigins.includes(origin))) return;
  throw new ForbiddenError('send', 'Request', 'Cross-site request refused: the Origin of this request is not trusted.');
}
