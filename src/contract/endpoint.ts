import type { Check } from './check.js';

/**
 * The shape of one API entry: how a method of the headless API travels over HTTP. Both sides
 * read the same entry — the typed client builds the request from the method's arguments, the
 * handler rebuilds the arguments from the request and hands them to the core, which validates
 * them. Zod-free, so the browser client can import it.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call: host staff (the `authenticateStaff` hook), a signed-in client, or anyone. */
export type Who = 'staff' | 'client' | 'anyone';

/**
 * Where one positional argument of the method travels:
 * - `path`: a string filling the `:name` segment;
 * - `query` with a name: one value (`list`: repeated keys, or comma-separated, as an array);
 *   without a name: an object whose entries are the query string;
 * - `body` with a name: the value of that member of a JSON object body; without a name: the
 *   whole body (`lift` names members that travel as path segments instead; `optional`: an
 *   empty body is `{}`, for a method whose input may be left out).
 */
export type Arg =
  | { readonly in: 'path'; readonly name: string }
  | { readonly in: 'query'; readonly name?: string; readonly list?: true }
  | { readonly in: 'body'; readonly name?: string; readonly lift?: readonly string[]; readonly optional?: true };

export interface Endpoint {
  readonly method: Method;
  /** Under the handler's base path; `:name` segments are path arguments. */
  readonly path: string;
  readonly who: Who;
  /** The method's arguments after the actor, in order. */
  readonly args: readonly Arg[];
  /** Query members that are numbers: the query string carries text, the core takes numbers. */
  readonly numbers?: readonly string[];
  /** Query members that are lists: repeated keys, or comma-separated, as for a named `list` argument. */
  readonly lists?: readonly string[];
  /** The success status: 201 for what creates, 202 for accepted work with no body, 204 for no body. */
  readonly status: 200 | 201 | 202 | 204;
  /** The response body's check, or `null` for 204. */
  readonly output: Check<unknown> | null;
  /** A successful answer starts (`start`) or ends (`end`) the client's session. */
  readonly session?: 'start' | 'end';
  /** A POST that changes nothing, so the client may repeat it like a GET. */
  readonly retry?: true;
  /**
   * A GET that records being asked (a client's view of a resource, its visit to a project): no
   * HEAD, which would record what nobody was shown (a link checker's probe counted as "viewed").
   */
  readonly records?: true;
}

export const path = (name: string): Arg => ({ in: 'path', name });
export const query = (name?: string, list?: 'list'): Arg => ({ in: 'query', name, list: list && true });
export const body = (name?: string, lift?: readonly string[]): Arg => ({ in: 'body', name, lift });
/** The whole body, which may be left out (read as `{}`). */
export const optionalBody = (): Arg => ({ in: 'body', optional: true });

/** One entry, written as a row of the table (see `Endpoint` for each column). */
export const endpoint = (
  method: Method,
  path: string,
  who: Who,
  args: readonly Arg[],
  status: Endpoint['status'],
  output: Endpoint['output'],
  more: Pick<Endpoint, 'numbers' | 'lists' | 'session' | 'retry' | 'records'> = {},
): Endpoint => ({ method, path, who, args, status, output, ...more });
