/**
 * A GET or HEAD request for a portal handler that `toNodeListener` calls itself, without the cost
 * of a fetch `Request` up front. Making one takes several microseconds (its own copy of the
 * headers, its URL parsed again, an `AbortSignal`), more than the rest of turning node:http's
 * request into one, and the handler reads only its method, URL and headers.
 *
 * What is returned acts as a `Request` in every way: it is an `instanceof Request`, and anything
 * beyond those three (its signal, `clone()`, a host hook that reads more) is read from a real
 * `Request` made on first need, with the same method, URL and headers.
 */
export function lightRequest(method: string, url: URL, headers: Headers): Request {
  const own: Record<string | symbol, unknown> = { method, url: url.href, headers, body: null, bodyUsed: false };
  let real: Request | undefined;
  const made = (): Request => (real ??= new Request(url, { method, headers }));
  return new Proxy(Object.create(Request.prototype) as Request, {
    get(_target, key) {
      if (Object.hasOwn(own, key)) return own[key];
      const request = made();
      const value: unknown = Reflect.get(request, key, request);
      // Methods of a fetch Request check what `this` is: they run on the real one.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(request) : value;
    },
    has: (_target, key) => Object.hasOwn(own, key) || key in made(),
  });
}
