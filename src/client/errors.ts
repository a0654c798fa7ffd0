import { ERROR_CODES, isErrorCode, type ErrorCode } from '../errors/codes.js';
import type { SitegateError } from '../errors/SitegateError.js';
import { rebuildError } from '../errors/wire.js';
import { REQUEST_ID_SHAPE } from '../model/request-id-shape.js';
import { WireProblem } from '../contract/wire.js';

/**
 * The code a status answers with when the body is no problem+json (a proxy's error page, say):
 * the first, generic code of that status (`busy` for a 503). A 409 or 410 would claim a particular
 * conflict or dead link, and a 502 or 504 mail that failed, which such a page cannot know.
 */
function codeForStatus(status: number): ErrorCode {
  if (status === 409 || status === 410 || (status >= 500 && status !== 503)) return 'internal';
  const found = (Object.keys(ERROR_CODES) as ErrorCode[]).find((code) => ERROR_CODES[code] === status);
  return found ?? 'bad_request';
}

/** The problem body, or undefined when the body is not one. */
function readProblem(body: unknown): ReturnType<typeof WireProblem> | undefined {
  try {
    return WireProblem(body, []);
  } catch {
    return undefined;
  }
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Rebuilds the error the server threw from its problem response, as the same class, so
 * `instanceof` and `code` checks read alike on both sides of the network. The id the server
 * answered under comes along as `requestId`, for a person to quote when reporting a failure
 * (only an id of the shape the server gives: a proxy in between may answer anything).
 * `requestUrl`, the URL asked, is named in the message when the response has no URL of its own
 * (one a custom `fetch` or a test's mock made).
 */
export function errorFromProblem(body: unknown, response: Response, requestUrl?: string): SitegateError {
  const error = rebuild(body, response, requestUrl);
  const fromBody = typeof body === 'object' && body !== null ? str((body as { requestId?: unknown }).requestId) : undefined;
  const requestId = fromBody ?? response.headers.get('x-request-id') ?? undefined;
  if (requestId && REQUEST_ID_SHAPE.test(requestId)) Object.defineProperty(error, 'requestId', { value: requestId, configurable: true });
  return error;
}

function rebuild(body: unknown, response: Response, requestUrl: string | undefined): SitegateError {
  const parsed = readProblem(body);
  const problem = parsed && isErrorCode(parsed.code) ? parsed : undefined;
  const code: ErrorCode = problem ? (problem.code as ErrorCode) : codeForStatus(response.status);
  // Not the portal's answer: a proxy's page, or nothing mounted there. The URL tells them apart.
  const detail = problem?.detail ?? `Request failed with status ${response.status} from ${response.url || requestUrl}${response.status === 404 ? ': is baseUrl right?' : ''}`;
  const members: Record<string, unknown> = { ...problem };
  // A proxy's 429 or 503 may say when to come back only in its header.
  const header = Number(response.headers.get('retry-after'));
  if (typeof members.retryAfterSeconds !== 'number' && Number.isFinite(header) && header > 0) members.retryAfterSeconds = header;
  const error = rebuildError(code, detail, members);
  // Not the portal's problem: its status is the one that came, not the one of the code it reads as.
  if (!problem) Object.defineProperty(error, 'status', { value: response.status, configurable: true });
  return error;
}
