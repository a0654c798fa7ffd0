import type { PurgeCounts, PurgeQuery, RetentionStore } from '../../src/ports/retention-store.js';
import type { OpsContext } from './context.js';

type Kind = keyof PurgeCounts;

/**
 * Each kind's table, key and "ended by $1" condition (`t` is the table). `$1` is the cutoff;
 * the tenant, when given, is `$3`.
 */
const KINDS: Record<Kind, { table: string; key: string; ended: (s: string) => string }> = {
  sessions: { table: 'sessions', key: 'token_hash', ended: () => 't.expires_at <= $1' },
  invites: { table: 'invites', key: 'id', ended: () => 't.expires_at <= $1' },
  accountLinks: { table: 'account_links', key: 'id', ended: () => 't.expires_at <= $1' },
  unsubscribeTokens: { table: 'unsubscribe_tokens', key: 'token_hash', ended: () => 't.expires_at <= $1' },
  // A digest's job reads its notifications when it goes out: keep them while it may.
  notifications: {
    table: 'notifications',
    key: 'id',
    ended: (s) =>
      `t.digest_id IS NOT NULL AND t.created_at <= $1 AND NOT EXISTS (
         SELECT 1 FROM ${s}.mail_jobs j WHERE j.tenant_id = t.tenant_id AND j.id = t.digest_id AND j.state IN ('pending', 'sending'))`,
  },
  mailJobs: { table: 'mail_jobs', key: 'id', ended: () => `t.state IN ('sent', 'failed', 'cancelled') AND t.updated_at <= $1` },
  events: { table: 'events', key: 'id', ended: () => `t.state IN ('delivered', 'failed') AND t.updated_at <= $1` },
};

/**
 * Retention: each kind in one statement that picks at most `limit` ended rows and deletes them.
 * No transaction spans the kinds: each is complete on its own, and a purge stopped halfway has
 * deleted only what was ended. Without a tenant the picks scan across tenants, as the outbox
 * claim does; with one they stay on its rows (its shard, distributed).
 */
export function retentionOps({ q, s }: OpsContext): RetentionStore {
  const statement = (kind: Kind, perTenant: boolean): string => {
    const { table, key, ended } = KINDS[kind];
    return `WITH doomed AS (
              SELECT t.tenant_id, t.${key} FROM ${s}.${table} t
              WHERE ${perTenant ? 't.tenant_id = $3 AND ' : ''}${ended(s)} LIMIT $2),
            gone AS (
              DELETE FROM ${s}.${table} x USING doomed d WHERE x.tenant_id = d.tenant_id AND x.${key} = d.${key} RETURNING 1)
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
        const [row] = await q.query((perTenant ? oneTenant : acrossTenants)[kind], params);
        counts[kind] = Number(row?.n ?? 0);
      }
      return counts;
    },
  };
}
