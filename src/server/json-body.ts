/**
 * The JSON text a response was built from, by response. `json()` serialises a result once and
 * records the text here, so `toNodeListener` can write that same string to the socket in one
 * call instead of reading it back through the response's byte stream. A response someone
 * else built, or one whose body was already read, is streamed as usual.
 */
const bodies = new WeakMap<Response, string>();

export function jsonResponse(text: string, init: ResponseInit): Response {
  const response = new Response(text, init);
  bodies.set(response, text);
  return response;
}

/** The text to write for `response`, when it is still the untouched one `jsonResponse` made. */
export function prebuiltBody(response: Response): string | undefined {
  return response.bodyUsed ? undefined : bodies.get(response);
}
