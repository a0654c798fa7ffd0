import type { Migration } from './migrations.js';

const id = 'text COLLATE "C" NOT NULL';

/**
 * Notification digests: what is waiting to be told to each client, each client's frequency, and
 * the unsubscribe tokens of sent digests (hashes only). A digest is a mail job of kind `digest`
 * whose id the notifications it took carry in `digest_id`.
 */
export const notificationsMigration: Migration = {
  version: 6,
  name: 'notification digests',
  statements: (s) => [
    `CREATE TABLE IF NOT EXISTS ${s}.notifications (
      tenant_id ${id}, id ${id}, client_id ${id}, project_id ${id}, module ${id}, resource_id ${id},
      kind text NOT NULL, created_at timestamptz NOT NULL, digest_id text COLLATE "C",
      PRIMARY KEY (tenant_id, id))`,
    // What is still to be sent, per client, oldest first: the assembly's scan and claim. Partial,
    // so it holds only pending rows and stays small however many were sent.
    `CREATE INDEX IF NOT EXISTS notifications_pending_idx ON ${s}.notifications (tenant_id, client_id, created_at) WHERE digest_id IS NULL`,
    // The items of one digest, read when its mail is rendered.
    `CREATE INDEX IF NOT EXISTS notifications_digest_idx ON ${s}.notifications (tenant_id, digest_id) WHERE digest_id IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS notifications_client_idx ON ${s}.notifications (tenant_id, client_id, created_at, id)`,
    `CREATE TABLE IF NOT EXISTS ${s}.notification_settings (
      tenant_id ${id}, client_id ${id}, frequency text NOT NULL, updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, client_id))`,
    `CREATE TABLE IF NOT EXISTS ${s}.unsubscribe_tokens (
      tenant_id ${id}, token_hash ${id}, client_id ${id},
      created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL, used_at timestamptz,
      PRIMARY KEY (tenant_id, token_hash))`,
  ],
};
