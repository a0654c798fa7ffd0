/** What the measured server process (server.ts) and the suite driving it (suites/http.ts) share. */

/** Staff are the host's to authenticate; here a header stands in for the host's session. */
export const STAFF_HEADER = 'x-bench-staff';
/** Children per folder in the synthetic content: what opening a folder lists. */
export const FOLDER_CHILDREN = 25;
export const BASE_PATH = '/api/portal';

/** CPU time of PostgreSQL backend processes, per process id, in microseconds. */
export type CpuSample = Record<string, number>;

/** One statement a server sent to PostgreSQL, as node-postgres was given it. */
export interface RecordedStatement {
  name?: string;
  text: string;
  values?: unknown[];
}

/** What an endpoint's floor replays: the statements one request sent, in order, and the answer it got. */
export interface RecordedRequest {
  /** The database the statements ran in, on the server `DATABASE_URL` names. */
  database: string;
  statements: RecordedStatement[];
  /** The answer's status and body, as the endpoint sent them. */
  status: number;
  body: string;
  /**
   * Ids a request makes (a new share's, its audit entry's): each replayed request writes them
   * with a suffix of its own wherever they occur in a value, so that a write is not a repeat.
   */
  fresh: string[];
}

export type ServerMessage =
  | { type: 'ready'; port: number; sessionToken?: string; seedSeconds?: number; databaseCpu?: boolean }
  | { type: 'cpu'; ownMicros: number; database?: CpuSample }
  | { type: 'recording' }
  | { type: 'recorded'; database: string; statements: RecordedStatement[] }
  | { type: 'failed'; message: string };

/** CPU spent between two samples of the database's backends; a backend that started in between counts from zero. */
export function cpuBetween(before: CpuSample | undefined, after: CpuSample | undefined): number | undefined {
  if (!before || !after) return undefined;
  return Object.entries(after).reduce((sum, [pid, micros]) => sum + Math.max(0, micros - (before[pid] ?? 0)), 0);
}
