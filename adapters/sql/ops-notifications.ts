import type { StoredClientStatus } from '../../src/model/client.js';
import type { Frequency, Notification, NotificationSettingsRecord, UnsubscribeToken } from '../../src/model/notification.js';
import type { NotificationStore } from '../../src/ports/notification-store.js';
import type { OpsContext } from './context.js';
import { isRecursionRefused } from './errors.js';
import type { Row } from './driver.js';

const date = (v: unknown) => (v instanceof Date ? v : new Date(v as string));

const toNotification = (r: Row): Notification => ({
  tenantId: r.tenant_id as string,
  id: r.id as string,
  clientId: r.client_id as string,
  projectId: r.project_id as string,
  module: r.module as string,
  resourceId: r.resource_id as string,
  kind: r.kind as Notification['kind'],
  createdAt: date(r.created_at),
  ...(r.digest_id == null ? {} : { digestId: r.digest_id as string }),
});

const toSettings = (r: Row): NotificationSettingsRecord => ({
  tenantId: r.tenant_id as string,
  clientId: r.client_id as string,
  frequency: r.frequency as Frequency,
  updatedAt: date(r.updated_at),
});

const toToken = (r: Row): UnsubscribeToken => ({
  tenantId: r.tenant_id as string,
  tokenHash: r.token_hash as string,
  clientId: r.client_id as string,
  createdAt: date(r.created_at),
  expiresAt: date(r.expires_at),
  ...(r.used_at == null ? {} : { usedAt: date(r.used_at) }),
});

/** Notification digests: pending notifications, preferences, unsubscribe tokens. */
export function notificationOps({ q, s, planForValues, refused }: OpsContext): NotificationStore {
  return {
    async insertNotifications(list) {
      if (list.length === 0) return;
      // One statement for the whole batch (a share to a project of 1,000 clients is one round
      // trip); a clash of ids is a unique violation, mapped to ConflictError, and stores none.
      const first = list[0]!;
      const same = (n: Notification) =>
        n.tenantId === first.tenantId && n.projectId === first.projectId && n.module === first.module && n.resourceId === first.resourceId && n.kind === first.kind && n.createdAt.getTime() === first.createdAt.getTime();
      if (list.every(same)) {
        // One thing told to many clients (the usual batch): what they share travels once.
        await q.query(
          `INSERT INTO ${s}.notifications (tenant_id, id, client_id, project_id, module, resource_id, kind, created_at)
           SELECT $1, u.id, u.client_id, $4, $5, $6, $7, $8 FROM unnest($2::text[], $3::text[]) AS u(id, client_id)`,
          [first.tenantId, list.map((n) => n.id), list.map((n) => n.clientId), first.projectId, first.module, first.resourceId, first.kind, first.createdAt],
        );
        return;
      }
      const col = <K extends keyof Notification>(key: K) => list.map((n) => n[key]);
      await q.query(
        `INSERT INTO ${s}.notifications (tenant_id, id, client_id, project_id, module, resource_id, kind, created_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])`,
        [col('tenantId'), col('id'), col('clientId'), col('projectId'), col('module'), col('resourceId'), col('kind'), list.map((n) => n.createdAt.toISOString())],
      );
    },
    async listProjectAudience(tenantId, projectId, query = {}) {
      const params: unknown[] = [tenantId, projectId];
      const status = query.status === undefined ? '' : ` AND c.status = $${params.push(query.status)}`;
      // client_projects' project index finds the project's clients, then each client's row by
      // its primary key, for the three facts an audience needs. The lookup is a subquery the
      // planner may not flatten (`OFFSET 0`): as a plain join, with the statistics of freshly
      // added clients (before autovacuum analyzes them), it scanned the tenant's clients once
      // per client of the project — 1,000 × 1,000 rows, 60–100 ms instead of a few.
      const rows = await q.query(
        `SELECT c.id, c.role_id, c.status, c.pending_email FROM ${s}.client_projects cp
         CROSS JOIN LATERAL (
           SELECT c.id, c.role_id, c.status, c.pending_email IS NOT NULL AS pending_email FROM ${s}.clients c
           WHERE c.tenant_id = cp.tenant_id AND c.id = cp.client_id OFFSET 0
         ) c
         WHERE cp.tenant_id = $1 AND cp.project_id = $2${status} ORDER BY c.id`,
        params,
      );
      return rows.map((r) => ({ clientId: r.id as string, roleId: r.role_id as string, status: r.status as StoredClientStatus, pendingEmail: r.pending_email === true }));
    },
    async listNotifications(tenantId, query) {
      const params: unknown[] = [tenantId];
      let where = 'tenant_id = $1';
      if (query.clientId !== undefined) where += ` AND client_id = $${params.push(query.clientId)}`;
      if (query.digestId !== undefined) where += ` AND digest_id = $${params.push(query.digestId)}`;
      if (query.digestIds !== undefined) where += ` AND digest_id = ANY($${params.push(query.digestIds)}::text[])`;
      if (query.pending) where += ' AND digest_id IS NULL';
      const rows = await q.query(`SELECT * FROM ${s}.notifications WHERE ${where} ORDER BY created_at, id`, params);
      return rows.map(toNotification);
    },
    async getNotificationSettings(tenantId, clientId) {
      const [row] = await q.query(`SELECT * FROM ${s}.notification_settings WHERE tenant_id = $1 AND client_id = $2`, [tenantId, clientId]);
      return row ? toSettings(row) : null;
    },
    async listNotificationSettings(tenantId, clientIds) {
      if (clientIds.length === 0) return [];
      const rows = await q.query(`SELECT * FROM ${s}.notification_settings WHERE tenant_id = $1 AND client_id = ANY($2::text[])`, [tenantId, clientIds]);
      return rows.map(toSettings);
    },
    async saveNotificationSettings(v) {
      await q.query(
        `INSERT INTO ${s}.notification_settings (tenant_id, client_id, frequency, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, client_id) DO UPDATE SET frequency = EXCLUDED.frequency, updated_at = EXCLUDED.updated_at`,
        [v.tenantId, v.clientId, v.frequency, v.updatedAt],
      );
    },
    async listPendingDigests(query) {
      const { cutoffs } = query;
      const params: unknown[] = [cutoffs.instant, cutoffs.daily, cutoffs.weekly, cutoffs.unset, query.limit];
      let where = 'n.digest_id IS NULL';
      if (query.tenantId !== undefined) where += ` AND n.tenant_id = $${params.push(query.tenantId)}`;
      if (query.after) where += ` AND (n.tenant_id, n.client_id) > ($${params.push(query.after.tenantId)}, $${params.push(query.after.clientId)})`;
      // Per client, its oldest pending notification (notifications_pending_idx), then its
      // stored frequency; `off` is always listed, so what it holds can be dropped.
      const rows = await q.query(
        `SELECT g.tenant_id, g.client_id, g.oldest, st.frequency FROM (
           SELECT n.tenant_id, n.client_id, min(n.created_at) AS oldest FROM ${s}.notifications n
           WHERE ${where} GROUP BY n.tenant_id, n.client_id) g
         LEFT JOIN ${s}.notification_settings st ON st.tenant_id = g.tenant_id AND st.client_id = g.client_id
         WHERE coalesce(st.frequency, '') = 'off' OR g.oldest <= CASE st.frequency
           WHEN 'instant' THEN $1::timestamptz WHEN 'daily' THEN $2::timestamptz WHEN 'weekly' THEN $3::timestamptz ELSE $4::timestamptz END
         ORDER BY g.tenant_id, g.client_id LIMIT $5`,
        params,
      );
      return rows.map((r) => ({
        tenantId: r.tenant_id as string,
        clientId: r.client_id as string,
        oldest: date(r.oldest),
        ...(r.frequency == null ? {} : { frequency: r.frequency as Frequency }),
      }));
    },
    async listPendingTenants(query) {
      const params = query.after === undefined ? [query.limit] : [query.limit, query.after];
      const after = query.after === undefined ? '' : `AND n.tenant_id > $2`;
      if (!refused.recursiveScan) {
        try {
          // A skip scan: each step probes notifications_pending_idx for the first tenant after
          // the last one found, so a tenant costs one index probe however many rows it holds.
          // The outer LIMIT stops the recursion once enough are found.
          const rows = await q.query(
            `WITH RECURSIVE t(tenant_id) AS (
               (SELECT n.tenant_id FROM ${s}.notifications n WHERE n.digest_id IS NULL ${after} ORDER BY n.tenant_id LIMIT 1)
               UNION ALL
               SELECT (SELECT n.tenant_id FROM ${s}.notifications n WHERE n.digest_id IS NULL AND n.tenant_id > t.tenant_id ORDER BY n.tenant_id LIMIT 1)
               FROM t WHERE t.tenant_id IS NOT NULL)
             SELECT tenant_id FROM t WHERE tenant_id IS NOT NULL LIMIT $1`,
            params,
          );
          return rows.map((r) => r.tenant_id as string);
        } catch (error) {
          if (!isRecursionRefused(error)) throw error;
          refused.recursiveScan = true;
        }
      }
      // Citus: every shard lists its own tenants, which walks each shard's pending index whole.
      const rows = await q.query(`SELECT DISTINCT n.tenant_id FROM ${s}.notifications n WHERE n.digest_id IS NULL ${after} ORDER BY n.tenant_id LIMIT $1`, params);
      return rows.map((r) => r.tenant_id as string);
    },
    async attachDigests(tenantId, claims, upTo) {
      if (claims.length === 0) return [];
      // Each client's pending notifications are looked up from the client (LATERAL), through
      // notifications_pending_idx: a plan the planner cannot turn into a scan of every pending
      // row joined to the list, which it chose for a generic plan or without fresh statistics
      // (a batch of 500 clients: 630 ms that way, 38 ms this way). SKIP LOCKED:
      // a second worker passes over the rows the first is claiming, so no notification lands
      // in two digests; rows already claimed have a digest_id and are not pending.
      const rows = await q.query(
        `UPDATE ${s}.notifications n SET digest_id = p.digest_id
         FROM (SELECT c.digest_id, x.id FROM unnest($2::text[], $3::text[]) AS c(client_id, digest_id)
               CROSS JOIN LATERAL (
                 SELECT m.id FROM ${s}.notifications m
                 WHERE m.tenant_id = $1 AND m.client_id = c.client_id AND m.digest_id IS NULL AND m.created_at <= $4
                 FOR UPDATE SKIP LOCKED) x) p
         WHERE n.tenant_id = $1 AND n.id = p.id
         RETURNING n.client_id`,
        [tenantId, claims.map((c) => c.clientId), claims.map((c) => c.digestId), upTo],
      );
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(r.client_id as string, (counts.get(r.client_id as string) ?? 0) + 1);
      return claims.filter((c) => counts.has(c.clientId)).map((c) => ({ ...c, count: counts.get(c.clientId)! }));
    },
    async dropPendingNotifications(tenantId, clientIds, upTo) {
      if (clientIds.length === 0) return 0;
      // Planned for the list given: a generic plan tests each pending row against the whole
      // list (58 ms for 500 clients), a plan for the values hashes it (4 ms).
      await planForValues();
      const rows = await q.query(
        `DELETE FROM ${s}.notifications WHERE tenant_id = $1 AND client_id = ANY($2::text[]) AND digest_id IS NULL AND created_at <= $3 RETURNING id`,
        [tenantId, clientIds, upTo],
      );
      return rows.length;
    },
    async insertUnsubscribeToken(t) {
      await q.query(
        `INSERT INTO ${s}.unsubscribe_tokens (tenant_id, token_hash, client_id, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [t.tenantId, t.tokenHash, t.clientId, t.createdAt, t.expiresAt, t.usedAt ?? null],
      );
    },
    async insertUnsubscribeTokens(list) {
      if (list.length === 0) return;
      const col = <T>(pick: (t: (typeof list)[number]) => T) => list.map(pick);
      await q.query(
        `INSERT INTO ${s}.unsubscribe_tokens (tenant_id, token_hash, client_id, created_at, expires_at, used_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[])`,
        [
          col((t) => t.tenantId), col((t) => t.tokenHash), col((t) => t.clientId), col((t) => t.createdAt.toISOString()),
          col((t) => t.expiresAt.toISOString()), col((t) => t.usedAt?.toISOString() ?? null),
        ],
      );
    },
    async getUnsubscribeToken(tenantId, tokenHash) {
      const [row] = await q.query(`SELECT * FROM ${s}.unsubscribe_tokens WHERE tenant_id = $1 AND token_hash = $2`, [tenantId, tokenHash]);
      return row ? toToken(row) : null;
    },
    async useUnsubscribeToken(tenantId, tokenHash, now) {
      // One conditional UPDATE: of concurrent uses, the row lock lets exactly one match.
      const [row] = await q.query(
        `UPDATE ${s}.unsubscribe_tokens SET used_at = $3 WHERE tenant_id = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > $3 RETURNING *`,
        [tenantId, tokenHash, now],
      );
      return row ? toToken(row) : null;
    },
  };
}
