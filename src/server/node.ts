import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { SitegateError } from '../errors/SitegateError.js';
import { BadRequestError } from '../errors/BadRequestError.js';
import { allowedMethodsOf, FETCH_FORBIDDEN_METHODS, underBasePathOf, type UnderBasePath } from './methods.js';
import { markWrittenByListener, prebuiltBody } from './json-body.js';
import { errorResponse } from './problem.js';
import { setRemoteAddress } from './remote-address.js';
import { reportFailureOf } from './report-failure.js';
import { newRequestId } from './request-id.js';
import { lightRequest, setDirectBody } from './light-request.js';
import { bodyCutShort, bodyTooLarge } from './body.js';

/**
 * The requests and answers `toNodeListener` serves: node:http's, and node:http2's compatibility
 * ones, which offer the same members it uses.
 */
export type NodeRequest = IncomingMessage | Http2ServerRequest;
export type NodeResponse = ServerResponse | Http2ServerResponse;

/** What `toNodeListener` takes: a portal handler, or any fetch handler (Hono's `app.fetch`, say). */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** The methods the portal API routes, for a 405 when the handler cannot say which apply. */
const API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The request's URL, or undefined when its target or Host header makes none. Express and
 * Connect take a mount path off `req.url` (`app.use('/api/portal', listener)` leaves `/me`) and
 * keep the target as it came in `originalUrl`: that one is read when it, and not `req.url`, lies
 * under the handler's base path (`under`), so a host that mounts the listener elsewhere, or
 * rewrites `req.url` on purpose, is routed as before.
 */
function requestUrl(req: IncomingMessage, under: UnderBasePath | undefined): URL | undefined {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  // HTTP/2 names the host in `:authority`; a `host` header may stand beside it.
  const host = req.headers.host ?? (req.headers[':authority'] as string | undefined) ?? 'localhost';
  const original = (req as { originalUrl?: unknown }).originalUrl;
  const pathOf = (target: string) => target.split('?', 1)[0]!;
  const cut = typeof original === 'string' && original !== req.url && under !== undefined && !under(pathOf(req.url ?? '/')) && under(pathOf(original));
  try {
    return new URL(cut ? original : (req.url ?? '/'), `${encrypted ? 'https' : 'http'}://${host}`);
  } catch {
    return undefined;
  }
}

/**
 * The answer to a request no fetch `Request` can hold, instead of a failure to build one: 400
 * for a URL that cannot be parsed; for CONNECT, TRACE and TRACK what the handler says of any
 * method it does not route — 405 with the path's `Allow`, or 404 where no route is. Nothing
 * here is a fault, so nothing is reported.
 */
function refusal(req: IncomingMessage, url: URL | undefined, handler: FetchHandler): Response {
  const requestId = newRequestId();
  const noReport = () => {};
  if (!url) {
    const message = 'The request URL or Host header is not valid.';
    return errorResponse(new BadRequestError(message), noReport, requestId);
  }
  const known = allowedMethodsOf(handler);
  const allow = known ? known(url) : API_METHODS;
  if (!allow) return errorResponse(new SitegateError(`No such route: ${req.method} ${url.pathname}`, { code: 'not_found' }), noReport, requestId);
  const response = errorResponse(new SitegateError(`${req.method} is not allowed here; use ${allow.join(', ')}.`, { code: 'method_not_allowed' }), noReport, requestId);
  response.headers.set('allow', allow.join(', '));
  return response;
}

/**
 * The request's body as a stream, read as the handler pulls, so its size limit stops reading
 * early instead of buffering it all. Made only for methods with a body: a GET or HEAD pays for no
 * iterator over the socket.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const iterator = req[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(stream) {
      const { done, value } = await iterator.next();
      if (done) stream.close();
      else stream.enqueue(typeof value === 'string' ? new TextEncoder().encode(value) : new Uint8Array(value as Buffer));
    },
    // The handler stopped reading (body too large): stop pulling; the socket closes after the answer.
    cancel() {
      req.pause();
    },
  });
}

/**
 * `req` as a fetch request. `light`: a portal handler itself, which reads only the method, URL
 * and headers, and its body through `readDirectBody`, gets a request that makes the fetch
 * `Request` only if something asks for more (see light-request.ts).
 */
function toRequest(req: IncomingMessage, url: URL, light: boolean): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2's pseudo-headers (`:path`, `:method`) are no headers a `Headers` may hold.
    if (value === undefined || name[0] === ':') continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const withoutBody = method === 'GET' || method === 'HEAD';
  const made = () => fetchRequest(req, url, method, headers, withoutBody);
  let request: Request;
  if (!light) request = made();
  else {
    // The body is read once, by whichever asks first: the handler straight from the socket, or
    // a fetch Request made for someone (its stream then serves the handler too).
    let bodyTaken = false;
    request = lightRequest(method, url, headers, () => ((bodyTaken = true), made()));
    if (!withoutBody) setDirectBody(request, (maxBytes) => (bodyTaken ? undefined : ((bodyTaken = true), readSocketBody(req, maxBytes))));
  }
  setRemoteAddress(request, req.socket.remoteAddress);
  return request;
}

/**
 * The request's body, read from node:http up to `maxBytes`: refused as soon as it passes them,
 * and the socket left unread (it closes after the answer, as `writeResponse` arranges). Read by
 * its events: an async iterator over the request cost a kilobyte and a half of objects per body.
 */
function readSocketBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  // Read already, by something mounted before the listener: waiting for its events would wait
  // for ever. A wiring mistake of the host's, so a 500 reported to `onError`, not the caller's 400.
  if (req.readableEnded) return Promise.reject(bodyAlreadyRead());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
    };
    const onData = (value: Buffer | string) => {
      const chunk = typeof value === 'string' ? Buffer.from(value) : value;
      size += chunk.byteLength;
      if (size > maxBytes) {
        stop();
        req.pause();
        reject(bodyTooLarge(maxBytes));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    // The connection failed or closed mid-body (node:http says `aborted`, ECONNRESET): the
    // client went away, nobody will read the answer, and it is no fault of the handler's.
    const onGone = () => {
      stop();
      reject(bodyCutShort());
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onGone);
  });
}

/** The error for a request body that something before the listener had read (a body parser). */
const bodyAlreadyRead = () =>
  new Error(
    'toNodeListener: the request body was read before the portal handler got it (a body parser such as express.json() ran first): mount the listener before any body parser',
  );

function fetchRequest(req: IncomingMessage, url: URL, method: string, headers: Headers, withoutBody: boolean): Request {
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (!withoutBody) {
    init.body = bodyStream(req);
    init.duplex = 'half';
    // Aborted when the client goes before its body is in. A GET or HEAD has no body the
    // handler reads, so it gets no signal to follow: following one costs more than the rest of
    // building the request.
    const controller = new AbortController();
    req.once('close', () => {
      if (!req.complete) controller.abort();
    });
    init.signal = controller.signal;
  }
  return new Request(url, init);
}

async function writeResponse(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  // An unread request body cannot be skipped on a kept-alive connection: answer, then close.
  // (HTTP/2 has no such header: its stream alone is ended.)
  if (!req.complete && req.method !== 'GET' && req.method !== 'HEAD') {
    if (req.httpVersionMajor < 2) headers.connection = 'close';
    res.once('finish', () => req.destroy());
  }
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie' && !(name in headers)) headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  const text = prebuiltBody(response);
  if (text !== undefined) {
    // The handler's own JSON: one write of the string it was built from, with its length.
    headers['content-length'] = String(Buffer.byteLength(text));
    res.writeHead(response.status, headers);
    return void res.end(text);
  }
  if (!response.body) {
    // No body (a 202): its length of 0 said up front, not an empty chunked stream for the
    // client to wait out (204 and 304 carry no length by definition).
    if (response.status !== 204 && response.status !== 304) headers['content-length'] = '0';
    res.writeHead(response.status, headers);
    return void res.end();
  }
  res.writeHead(response.status, headers);
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

/**
 * Adapts a fetch handler to node:http's `(req, res)`, and so to Express (`app.use(listener)`).
 * The socket address is passed on for rate limiting. In Express, mount it before any body
 * parser (`express.json()`): the handler reads and limits the raw body itself.
 *
 * @example
 * http.createServer(toNodeListener(createPortalHandler(portal, options))).listen(3000);
 * http2.createSecureServer({ key, cert }, toNodeListener(handler)).listen(443); // HTTP/2 too
 */
export function toNodeListener(handler: FetchHandler): (req: NodeRequest, res: NodeResponse, next?: (error?: unknown) => void) => void {
  // A portal handler itself, not a function around one that might read the body or more of
  // the request: it may get a light request, and leave its JSON answers for this listener to write.
  const isPortalHandler = allowedMethodsOf(handler) !== undefined;
  const under = underBasePathOf(handler);
  return (nodeRequest, nodeResponse, next) => {
    const req = nodeRequest as IncomingMessage;
    const res = nodeResponse as ServerResponse;
    let url: URL | undefined;
    let request: Request | undefined;
    (async () => {
      url = requestUrl(req, under);
      const representable = url !== undefined && !FETCH_FORBIDDEN_METHODS.has((req.method ?? 'GET').toUpperCase());
      let response: Response;
      if (representable) {
        request = toRequest(req, url!, isPortalHandler);
        markWrittenByListener(handler, request);
        response = await handler(request);
      } else response = refusal(req, url, handler);
      await writeResponse(response, req, res);
    })().catch((error: unknown) => {
      if (next) return next(error);
      failed(error, request ?? new Request(url ?? 'http://localhost/'), handler, res, req);
    });
  };
}

/**
 * A failure nothing else answered (a function around the handler threw, the request could not
 * be made, its answer could not be written), without Express's `next`: reported as the handler
 * reports its own failures, to `onError` when the listener was given the portal handler itself,
 * else to `console.error`; answered as the handler answers one, a problem+json 500 under a
 * request id. `request` stands in with the URL alone when the request could not be made.
 */
function failed(error: unknown, request: Request, handler: FetchHandler, res: ServerResponse, req: IncomingMessage): void {
  const requestId = newRequestId();
  const report = reportFailureOf(handler);
  if (report) report(error, request, requestId);
  else console.error(`sitegate: request ${requestId} failed`, error);
  // Part of an answer is out: the connection ends, so the client does not take it for whole.
  if (res.headersSent) return void res.destroy(error instanceof Error ? error : undefined);
  const answer = errorResponse(new SitegateError('Something went wrong on our side.', { code: 'internal' }), () => {}, requestId);
  writeResponse(answer, req, res).catch(() => res.destroy());
}
