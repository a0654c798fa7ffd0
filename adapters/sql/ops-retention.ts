import type { PurgeCounts, PurgeQuery, RetentionStore } from '../../src/ports/retention-store.js';
import type { OpsContext } from './context.js';

type Kind = keyof PurgeCounts;

/** No mail job still to send (`pending`, `sending`) has `column` = the row's id: its send reads the row. */
const noOpenJob = (s: string, column: 'id' | 'invite_id' | 'link_id', id: string) =>
  `NOT EXISTS (SELECT 1 FROM ${s}.mail_jobs j WHERE j.tenant_id = t.tenant_id AND j.${column} = ${id} AND j.state IN ('pending', 'sending'))`;

/**
 * Each kind's table, key and "ended by $1" condition (`t` is the table). `$1` is the cutoff;
 * the tenant, when given, is `$3`.
 */
const KINDS: Record<Kind, { table: string; key: string; ended: (s: string) => string }> = {
  sessions: { table: 'sessions', key: 'token_hash', ended: () => 't.expires_at <= $1' },
  // An invite or link whose mail has not gone out yet (a tenant's outbox stopped for weeks) is
  // kept: the send then fails it as expired, and the client list says so.
  invites: { table: 'invites', key: 'id', ended: (s) => `t.expires_at <= $1 AND ${noOpenJob(s, 'invite_id', 't.id')}` },
  accountLinks: { table: 'account_links', key: 'id', ended: (s) => `t.expires_at <= $1 AND ${noOpenJob(s, 'link_id', 't.id')}` },
  unsubscribeTokens: { table: 'unsubscribe_tokens', key: 'token_hash', ended: () => 't.expires_at <= $1' },
  // A digest's job reads its notifications when it goes out: keep them while it may.
  notifications: {
    table: 'notifications',
    key: 'id',
    ended: (s) => `t.digest_id IS NOT NULL AND t.created_at <= $1 AND ${noOpenJob(s, 'id', 't.digest_id')}`,
  },
  mailJobs: { table: 'mail_jobs', key: 'id', ended: () => `t.state IN ('sent', 'failed', 'cancelled') AND t.updated_at <= $1` },
  events: { table: 'events', key: 'id', ended: () => `t.state IN ('delivered', 'failed') AND t.updated_at <= $1` },
};

/**
 * Retention: each kind in one statement that picks at most `limit` ended rows and deletes them.
 * No transaction spans the kinds: each is complete on its own, and a purge stopped halfway has
 * deleted only what was ended. The pick locks its rows and skips rows another transaction holds:
 * two purges at once take different rows (neither waits, so they cannot deadlock, nor with a
 * sign-out deleting a client's sessions), and a row changed meanwhile is checked again. Without a
 * tenant the picks scan across tenants, as the outbox claim does; with one both the pick and the
 * delete name it, so the statement stays on its rows (its shard, distributed).
 */
export function retentionOps({ q, s }: OpsContext): RetentionStore {
  const statement = (kind: Kind, perTenant: boolean): string => {
    const { table, key, ended } = KINDS[kind];
    return `WITH doomed AS (
              SELECT t.tenant_id, t.${key} FROM ${s}.${table} t
              WHERE ${perTenant ? 't.tenant_id = $3 AND ' : ''}${ended(s)} LIMIT $2 FOR UPDATE OF t SKIP LOCKED),
            gone AS (
              DELETE FROM ${s}.${table} x USING doomed d
              WHERE ${perTenant ? 'x.tenant_id = $3 AND ' : ''}x.tenant_id = d.tenant_id AND x.${key} = d.${key} RETURNING 1)
            SELECT count(*)::int AS n FROM gone`;
  };
  const texts = (perTenant: boolean) => Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, statement(kind as Kind, perTenant)])) as Record<Kind, string>;
  const acrossTenants = texts(false);
  const oneTenant = texts(true);

  return {
    async purgeEnded(query: PurgeQuery) {
      const perTenant = query.tenantId !== undefined;
      const params = perTenant ? [query.before, query.limit, query.tenantId] : [query.before, query.limit];
      const counts = {} as PurgeCounts;
      // Notifications before mail jobs, as KINDS lists them: either order is safe (only open jobs keep notifications).
      for (const kind of Object.keys(KINDS) as Kind[]) {
        if (query.kinds && !query.kinds.includes(kind)) {
          counts[kind] = 0;
          continue;
        }
        const [row] = await q.query((perTenant ? oneTenant : acrossTenants)[kind], params);
        counts[kind] = Number(row?.n ?? 0);
      }
      return counts;
    },
  };
}
