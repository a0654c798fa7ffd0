/**
 * A client's visits to one project, as the portal feed records them: `lastVisitAt` moves with
 * every feed load (at most once a minute); when a load comes after a quiet spell (see
 * `VISIT_GAP_MS` in services/project-visits.ts) a new visit starts and the one before it becomes
 * `previousVisitAt`. What became visible after `previousVisitAt` is "new" in the feed.
 */
export interface ProjectVisit {
  tenantId: string;
  clientId: string;
  projectId: string;
  lastVisitAt: Date;
  /** Absent until the client's second visit. */
  previousVisitAt?: Date;
}
