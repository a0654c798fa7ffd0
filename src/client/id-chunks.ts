/**
 * Query characters one request's ids may take: well under the 8 KB request line many proxies
 * allow (Node's limit for all headers together is 16 KB), with room for the path and cookies.
 */
const MAX_QUERY_CHARS = 4000;
/** The most ids the server takes in one status request. */
export const MAX_STATUS_IDS = 500;

/**
 * `ids` in runs, in order, each short enough for one request's query string (as repeated
 * `ids=` keys) and at most `MAX_STATUS_IDS` long. An empty list is one empty run, so the server
 * still says what is wrong with it.
 */
export function idChunks(ids: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const id of ids) {
    const cost = '&ids='.length + encodeURIComponent(String(id)).length;
    if (current.length && (chars + cost > MAX_QUERY_CHARS || current.length >= MAX_STATUS_IDS)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(id);
    chars += cost;
  }
  if (current.length || !chunks.length) chunks.push(current);
  return chunks;
}
