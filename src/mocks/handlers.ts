import { http, type HttpHandler } from 'msw';
import { cookieName } from '../server/cookies.js';
import { createMockPortal, type MockPortal, type MockPortalOptions } from './mock-portal.js';

export interface PortalHandlersOptions extends MockPortalOptions {
  /** The mock to serve; default a new `createMockPortal(options)`. */
  mock?: MockPortal;
  /**
   * Where the API lives: a path (`/api/portal`, matched on any origin) or an absolute URL
   * (`http://localhost:3000/api/portal`, matched on that origin only). Default the mock's basePath.
   */
  baseUrl?: string;
}

/**
 * msw handlers that send every request under `baseUrl` to the mock's real HTTP handler;
 * anything else falls through to your other handlers.
 */
export function portalHandlers(options: PortalHandlersOptions = {}): HttpHandler[] {
  const mock = options.mock ?? createMockPortal(options);
  const base = options.baseUrl ?? mock.basePath;
  const absolute = /^https?:\/\//i.test(base) ? new URL(base) : null;
  const prefix = (absolute ? absolute.pathname : base).replace(/\/+$/, '');
  const name = cookieName(options.handler?.cookie);

  return [
    http.all('*', async ({ request, cookies }) => {
      const url = new URL(request.url);
      if (absolute && url.origin !== absolute.origin) return undefined;
      if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return undefined;
      // In a browser the service worker cannot see Cookie headers; msw hands cookies over separately.
      let forwarded = request;
      const fromStore = cookies[name];
      if (fromStore && !request.headers.get('cookie')?.includes(`${name}=`)) {
        const headers = new Headers(request.headers);
        headers.append('cookie', `${name}=${encodeURIComponent(fromStore)}`);
        forwarded = new Request(request, { headers });
      }
      // Node's fetch sends no Origin; a page's same-origin fetch does. Stand in for the page so
      // cookie sessions pass the CSRF check; a request naming another Origin is still refused.
      if (!forwarded.headers.has('origin')) {
        const headers = new Headers(forwarded.headers);
        headers.set('origin', url.origin);
        forwarded = new Request(forwarded, { headers });
      }
      // The handler mounts at the mock's basePath; rewrite an API living elsewhere onto it.
      if (prefix !== mock.basePath.replace(/\/+$/, '')) {
        const target = new URL(url);
        target.pathname = mock.basePath.replace(/\/+$/, '') + url.pathname.slice(prefix.length);
        forwarded = new Request(target, forwarded);
      }
      return mock.handle(forwarded);
    }),
  ];
}
