import type { ProjectVisit } from '../model/visit.js';

/** When `recordVisit` writes: see there. */
export interface VisitWindow {
  /** A stored visit last seen at or before this is moved to `at`; a later one is left alone. */
  quietSince: Date;
  /** A stored visit last seen at or before this has ended: `at` starts a new one. */
  newVisitBefore: Date;
}

/** Clients' visits to projects: one record per client and project. */
export interface VisitStore {
  /**
   * Records that the client loaded the project's feed at `at`, and returns the visit as it
   * stands afterwards. No stored visit: stores `{ lastVisitAt: at }` (no previous visit). A
   * stored `lastVisitAt` at or before `window.newVisitBefore`: a new visit — `previousVisitAt`
   * becomes the stored `lastVisitAt`, and `lastVisitAt` becomes `at`. Else at or before
   * `window.quietSince`: the same visit — only `lastVisitAt` moves to `at`. Any other (seen since
   * `quietSince`) is left as it is: nothing is written, not even a row lock, and the stored visit
   * is returned. Of concurrent calls at most one writes; the others may return the visit as it
   * was read before that write.
   */
  recordVisit(tenantId: string, clientId: string, projectId: string, at: Date, window: VisitWindow): Promise<ProjectVisit>;
  /** The client's visit to the project, or `null` before its first. Reads only. */
  getVisit(tenantId: string, clientId: string, projectId: string): Promise<ProjectVisit | null>;
}
