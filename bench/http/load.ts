import autocannon, { type RawRequest } from 'autocannon';

/** One endpoint under load: a request, or a request that changes each time it is sent. */
export interface Endpoint {
  label: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  /** A fresh body per request (e.g. a new resource to share), so a write is not a repeat. */
  body?: () => string;
}

export interface LoadResult {
  /** Responses received. */
  responses: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts, plus responses that were not 2xx. */
  errors: number;
  /** Status codes seen that were not 2xx, e.g. `{ 500: 3 }`. */
  failures: Record<string, number>;
}

/**
 * Loads `endpoint` on loopback with `connections` concurrent keep-alive connections for
 * `seconds`, never more than `maxRequests` requests: the run ends by itself on whichever comes
 * first. Latencies are autocannon's (whole milliseconds).
 */
export async function load(baseUrl: string, endpoint: Endpoint, options: { connections: number; seconds: number; maxRequests: number }): Promise<LoadResult> {
  const request: RawRequest & { setupRequest?: (r: RawRequest) => RawRequest } = {
    method: endpoint.method,
    path: endpoint.path,
    headers: { ...endpoint.headers, ...(endpoint.body ? { 'content-type': 'application/json' } : {}) },
  };
  const next = endpoint.body;
  if (next) request.setupRequest = (r) => ({ ...r, body: next() });
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.seconds,
    maxOverallRequests: Math.max(options.maxRequests, options.connections),
    timeout: 10,
    requests: [request],
  });
  const failures: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) if (!code.startsWith('2')) failures[code] = Number(count);
  const responses = Object.values(result.statusCodeStats).reduce((sum, { count }) => sum + Number(count), 0);
  return {
    responses,
    perSecond: responses / Math.max(result.duration, 0.001),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    failures,
  };
}
