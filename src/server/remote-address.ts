/**
 * The socket address `toNodeListener` saw for a request. A fetch `Request` has no such field,
 * and a header would be forgeable, so the adapter records it here, keyed by the request object.
 */
const addresses = new WeakMap<Request, string>();

export function setRemoteAddress(request: Request, address: string | undefined): void {
  if (address) addresses.set(request, address);
}

export function remoteAddressOf(request: Request): string | undefined {
  return addresses.get(request);
}
