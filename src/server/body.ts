import type * as z from 'zod';
import { BadRequestError } from '../errors/BadRequestError.js';
import { SitegateError } from '../errors/SitegateError.js';
import { invalid } from '../errors/ValidationError.js';
import { parseInput } from '../errors/from-zod.js';
import { readDirectBody } from './light-request.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

const badRequest = (message: string) => new BadRequestError(message);
/** One decoder for every body: without `stream`, each `decode` starts afresh. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads the body up to `maxBytes`, refusing more as soon as the stream passes it. */
async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw bodyTooLarge(maxBytes);
  // From the socket itself, when `toNodeListener` passed the request without a byte stream.
  const direct = readDirectBody(request, maxBytes);
  if (direct) return direct;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = await reader.read();
    } catch {
      // The stream failed: the client went away mid-body, or its connection broke.
      throw bodyCutShort();
    }
    const { done, value } = read;
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Not awaited: when someone cloned the request, cancelling this copy settles only once
      // the clone is cancelled too, which may be never.
      reader.cancel().catch(() => {});
      throw bodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** A body the client stopped sending (it went away, or its connection broke): no fault of the server's. */
export const bodyCutShort = () => badRequest('The request body could not be read to its end.');

export const bodyTooLarge = (maxBytes: number) => new SitegateError(`The request body is larger than ${maxBytes} bytes.`, { code: 'payload_too_large' });

/** Reads a body that is left aside up to `maxBytes` (413 past them), whatever its bytes are. */
export async function discardBody(request: Request, maxBytes: number): Promise<void> {
  await readLimited(request, maxBytes);
}

/**
 * The body as UTF-8 text, read up to `maxBytes` and refused (413) as soon as it passes them, as
 * a JSON body is: for the few routes that take a form. Not valid UTF-8 is a 400.
 */
export async function readText(request: Request, maxBytes: number): Promise<string> {
  const bytes = await readLimited(request, maxBytes);
  try {
    return utf8.decode(bytes);
  } catch {
    throw badRequest('The request body is not valid UTF-8.');
  }
}

/**
 * The JSON body, validated by `schema`. An empty body counts as `{}` when `optional` (for
 * action routes like "send invite"); otherwise it must be `application/json`, valid UTF-8 and
 * valid JSON (400), within the size limit (413), and fit the schema (422 with field paths).
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes: number, optional = false): Promise<z.output<S>> {
  const bytes = await readLimited(request, maxBytes);
  if (bytes.byteLength === 0) {
    if (optional) return parseInput(schema, {});
    throw badRequest('A JSON request body is required.');
  }
  const type = request.headers.get('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new SitegateError('Send the request body as application/json.', { code: 'unsupported_media_type' });
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw badRequest('The request body is not valid UTF-8.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  return parseInput(schema, value);
}

/**
 * The query string as an object for a strict schema. Repeated keys become arrays only where
 * `lists` says so; elsewhere a repeat is an error rather than a silent pick.
 */
export function readQuery<S extends z.ZodType>(url: URL, schema: S, lists: readonly string[] = []): z.output<S> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    if (lists.includes(key)) {
      const items = value.split(',').filter((v) => v !== '');
      query[key] = [...((query[key] as string[] | undefined) ?? []), ...items];
    } else if (Object.hasOwn(query, key)) {
      throw invalid([{ path: [key], message: 'must be given once' }]);
    } else {
      query[key] = value;
    }
  }
  return parseInput(schema, query);
}
