import { allowedMethodsOf } from './methods.js';

/**
 * The JSON text a response was built from, by response. `json()` serialises a result once and
 * records the text here, so `toNodeListener` can write that same string to the socket in one
 * call instead of reading it back through the response's byte stream. A response someone
 * else built, or one whose body was already read, is streamed as usual.
 *
 * A fetch `Response` made from a string makes a byte stream of it at once, which costs more
 * than the rest of a small answer's response. So `jsonResponse` makes the response without a
 * body and keeps the text aside; before the portal handler hands a response out, `withBody`
 * gives it its body, unless `toNodeListener` called that handler itself and writes the text.
 */
const bodies = new WeakMap<Response, string>();
/** Requests `toNodeListener` passed straight to a portal handler: it writes their JSON itself. */
const writtenByListener = new WeakSet<Request>();

export function jsonResponse(text: string, init: ResponseInit): Response {
  const response = new Response(null, init);
  bodies.set(response, text);
  return response;
}

/** The text to write for `response`, when it is still the untouched one `jsonResponse` made. */
export function prebuiltBody(response: Response): string | undefined {
  return response.bodyUsed ? undefined : bodies.get(response);
}

/**
 * `response` as it may leave the portal handler: one `jsonResponse` made gets its body, the same
 * status and headers, and keeps its text for `toNodeListener`; only for a request
 * `toNodeListener` will write itself does it stay without one.
 */
export function withBody(response: Response, request: Request): Response {
  if (writtenByListener.has(request)) return response;
  const text = bodies.get(response);
  // Not one `jsonResponse` made, or one that already has its body.
  if (text === undefined || response.body !== null) return response;
  const filled = new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  bodies.set(filled, text);
  return filled;
}

/**
 * Called by `toNodeListener` before it passes `request` to `handler`: when that is a portal
 * handler itself (it carries the `AllowedMethods` only `createPortalHandler` gives), not a
 * function around one that might read the body, the handler may leave its JSON responses
 * without a body, because the listener writes their text.
 */
export function markWrittenByListener(handler: object, request: Request): void {
  if (allowedMethodsOf(handler)) writtenByListener.add(request);
}
