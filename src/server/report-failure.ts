/** Reports a request's failure as the handler reports its own: to `onError`, else `console.error`. */
export type ReportFailure = (error: unknown, request: Request, requestId: string) => void;

/**
 * Where `createPortalHandler` puts its `ReportFailure`, so `toNodeListener` can report what
 * failed outside the handler (writing the answer, making the request) to the host's `onError`.
 */
export const REPORT_FAILURE = Symbol.for('sitegate.reportFailure');

export function reportFailureOf(handler: object): ReportFailure | undefined {
  const found = (handler as { [REPORT_FAILURE]?: unknown })[REPORT_FAILURE];
  return typeof found === 'function' ? (found as ReportFailure) : undefined;
}
