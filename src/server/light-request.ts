/**
 * A request for a portal handler that `toNodeListener` calls itself, without the cost of a fetch
 * `Request` up front. Making one takes several microseconds (its own copy of the headers, its URL
 * parsed again, an `AbortSignal`), and one with a body wraps the socket in a byte stream that
 * costs as much again to read: more than the rest of a small request. The handler reads only the
 * method, URL and headers, and a body through `readDirectBody`.
 *
 * What is returned acts as a `Request` in every way: it is an `instanceof Request`, and anything
 * beyond those parts (its signal, `clone()`, its body as a stream, a host hook that reads more)
 * comes from a real `Request` that `make` builds on first need.
 */
export function lightRequest(method: string, url: URL, headers: Headers, make: () => Request): Request {
  // A request without a body says so itself; one with a body leaves `body` to the real one.
  const own: Record<string | symbol, unknown> =
    method === 'GET' || method === 'HEAD' ? { method, url: url.href, headers, body: null, bodyUsed: false } : { method, url: url.href, headers };
  let real: Request | undefined;
  const made = (): Request => (real ??= make());
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

/** Reads a request's body up to a size, or answers `undefined` when it must be read as a stream. */
export type DirectBodyReader = (maxBytes: number) => Promise<Uint8Array> | undefined;

const directBodies = new WeakMap<Request, DirectBodyReader>();

/** Called by `toNodeListener`: the body of `request` can be read straight from the socket. */
export function setDirectBody(request: Request, reader: DirectBodyReader): void {
  directBodies.set(request, reader);
}

/**
 * The body of a request `toNodeListener` made light, read straight from the socket up to
 * `maxBytes`; `undefined` for any other request, or when its body already went to a `Request`.
 */
export function readDirectBody(request: Request, maxBytes: number): Promise<Uint8Array> | undefined {
  return directBodies.get(request)?.(maxBytes);
}
