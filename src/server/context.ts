import type { RateLimitRule } from './rate-limit.js';
import { jsonResponse } from './json-body.js';
import { jsonText } from './json-text.js';
import type * as z from 'zod';
import type { ClientActor, StaffActor } from '../model/actor.js';
import type { Portal } from '../portal/create-portal.js';
import type { SessionCredential } from './auth.js';
import type { PortalHandlerOptions } from './options.js';

/** What a route handler gets: the parsed request and the helpers that enforce the HTTP rules. */
export interface RouteContext {
  portal: Portal;
  request: Request;
  url: URL;
  params: Record<string, string>;
  options: PortalHandlerOptions;
  /** The staff actor (401 / 403 otherwise). */
  staff(): Promise<StaffActor>;
  /** The signed-in client (401 otherwise). */
  client(): Promise<{ actor: ClientActor; credential: SessionCredential }>;
  /** The JSON body checked against `schema`; `optional` lets an empty body count as `{}`. */
  body<S extends z.ZodType>(schema: S, optional?: boolean): Promise<z.output<S>>;
  /** The query string checked against a strict schema; `lists` names comma/repeat list keys. */
  query<S extends z.ZodType>(schema: S, lists?: readonly string[]): z.output<S>;
  /** Counts one attempt under `key`; throws RateLimitError when over the limit. */
  limit(key: string, rule?: RateLimitRule): Promise<void>;
  /**
   * Forgets the count under `key` (lifts a lock-out), when the limiter supports it. A limiter
   * late to answer is reported and passed over, unless `lateFails`: then it throws HostTimeoutError.
   */
  resetLimit(key: string, lateFails?: boolean): Promise<void>;
  /** The caller's address, for rate-limit keys: IPv6 grouped by /64, IPv4-mapped IPv6 as IPv4. */
  ip(): string;
}

export type RouteHandler = (ctx: RouteContext) => Promise<Response>;

/** A JSON response; dates become ISO strings. */
export function json(data: unknown, status = 200, headers?: Record<string, string>): Response {
  return jsonOfText(jsonText(data), status, headers);
}

/** A JSON response of text already serialised; `headers` are added to the JSON ones. */
export function jsonOfText(text: string, status = 200, headers?: Record<string, string>): Response {
  // Serialised once; the Node adapter writes this very string (see json-body.ts).
  return jsonResponse(text, { status, headers: { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

export function noContent(headers: Record<string, string> = {}): Response {
  const out = new Headers(headers);
  out.set('cache-control', 'no-store');
  return new Response(null, { status: 204, headers: out });
}
