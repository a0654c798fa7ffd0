// Response headers for the demo's pages, as a host should send them for pages that load the
// sitegate elements and for its accept / reset pages (see docs/deploying.md).

/**
 * No inline script or style anywhere: scripts and stylesheets come from this origin only. The
 * elements style themselves with constructed stylesheets and size their few positioned parts
 * (schedule bars, the row menu) through the CSSOM, neither of which CSP governs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // The demo serves its sample photos itself (sample-files.mjs); a host adds its files' origins.
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** For every page and asset the demo serves. */
export const PAGE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  // Links out of the portal (and an invite link's page) tell no other site where they came from.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  // frame-ancestors for older browsers.
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/** For the API's JSON answers: no sniffing, no referrer. */
export const API_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Node's server timeouts: a connection that has not sent its headers, or its whole request,
 * within these limits is closed (408), so slow-body clients cannot hold sockets open.
 */
export const SERVER_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000, checkIntervalMs: 1_000 };

/** `http.createServer` options for those timeouts. */
export function serverOptions(timeouts = {}) {
  const t = { ...SERVER_TIMEOUTS, ...timeouts };
  return {
    headersTimeout: t.headersMs,
    requestTimeout: t.requestMs,
    keepAliveTimeout: t.keepAliveMs,
    // How often Node checks the two timeouts above (default 30 s).
    connectionsCheckingInterval: t.checkIntervalMs,
  };
}
