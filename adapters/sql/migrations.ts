/**
 * The schema, as numbered migrations. Each is a list of single statements (PGlite's extended
 * protocol runs one statement per query). Never edit a released migration: add the next one.
 * From 6 on, each creates `IF NOT EXISTS`: a PGlite data dir an older version (one without the
 * data-dir lock) wrote over while a newer one migrated it holds their objects without their
 * records, and they must apply again (test/adapters/migrate-restart.test.ts).
 *
 * Every table carries `tenant_id` and every primary key and index leads with it, so the tables
 * can be distributed by tenant (Citus and the like). Ids and emails are `COLLATE "C"`: lists
 * order by id as a tie-break, and byte order is what the other adapters (and cursors) use,
 * whatever locale the host's database was created with.
 */
export interface Migration {
  version: number;
  name: string;
  statements: (schema: string) => string[];
}

import { approvalsMigration } from './migration-approvals.js';
import { visitsMigration } from './migration-visits.js';
import { notificationsMigration } from './migration-notifications.js';
import { updateEditsMigration } from './migration-update-edits.js';
import { approvalWithdrawalsMigration } from './migration-approval-withdrawals.js';
import { decisionEvidenceMigration } from './migration-decision-evidence.js';
import { rateLimitsMigration } from './migration-rate-limits.js';
import { clientLanguageMigration } from './migration-client-language.js';

const id = 'text COLLATE "C" NOT NULL';

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    statements: (s) => [
      `CREATE TABLE ${s}.clients (
        tenant_id ${id}, id ${id}, email ${id}, name text, search_name text,
        role_id ${id}, project_ids text[] NOT NULL, portal_access boolean NOT NULL,
        status text NOT NULL, activated_at timestamptz, invite_expires_at timestamptz,
        delivery_state text, delivery_reason text, delivery_at timestamptz,
        created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT clients_email_key UNIQUE (tenant_id, email))`,
      // Substring search (email, name) filters the tenant's keyset scan below; see README.
      `CREATE INDEX clients_order_idx ON ${s}.clients (tenant_id, created_at, id)`,
      `CREATE INDEX clients_status_idx ON ${s}.clients (tenant_id, status, created_at, id)`,
      // Project access, one row per (client, project): "clients of a project" walks this index
      // in list order, so a page costs the page, not the project.
      `CREATE TABLE ${s}.client_projects (
        tenant_id ${id}, client_id ${id}, project_id ${id}, client_created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, client_id, project_id))`,
      `CREATE INDEX client_projects_project_idx ON ${s}.client_projects (tenant_id, project_id, client_created_at, client_id)`,

      `CREATE TABLE ${s}.roles (tenant_id ${id}, id ${id}, name text NOT NULL, permissions jsonb NOT NULL, PRIMARY KEY (tenant_id, id))`,

      `CREATE TABLE ${s}.invites (
        tenant_id ${id}, id ${id}, client_id ${id}, email ${id}, token_hash text COLLATE "C",
        status text NOT NULL, invited_by ${id}, resend boolean NOT NULL,
        created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL, accepted_at timestamptz,
        PRIMARY KEY (tenant_id, id))`,
      `CREATE UNIQUE INDEX invites_token_idx ON ${s}.invites (tenant_id, token_hash) WHERE token_hash IS NOT NULL`,
      `CREATE INDEX invites_client_idx ON ${s}.invites (tenant_id, client_id)`,

      `CREATE TABLE ${s}.accounts (
        tenant_id ${id}, client_id ${id}, password_hash text NOT NULL,
        created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, client_id))`,
      `CREATE TABLE ${s}.sessions (
        tenant_id ${id}, token_hash ${id}, id ${id}, client_id ${id},
        created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, token_hash))`,
      `CREATE INDEX sessions_client_idx ON ${s}.sessions (tenant_id, client_id)`,

      // The unique key serves `insertShare`'s ON CONFLICT, `findShares` (resource and its
      // ancestors) and, by its prefixes, the shares of a project and of a project's module.
      `CREATE TABLE ${s}.shares (
        tenant_id ${id}, id ${id}, project_id ${id}, module ${id}, resource_id ${id},
        kind text NOT NULL, shared_by ${id}, created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT shares_resource_key UNIQUE (tenant_id, project_id, module, resource_id))`,

      `CREATE TABLE ${s}.updates (
        tenant_id ${id}, id ${id}, project_id ${id}, title text, body text NOT NULL,
        resources jsonb NOT NULL, author_id ${id}, published_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id))`,
      `CREATE INDEX updates_project_idx ON ${s}.updates (tenant_id, project_id, published_at, id)`,
      // `resources` keeps the attachments in order for display; this table answers
      // "is this resource (or its folder) attached to an update?" by index.
      `CREATE TABLE ${s}.update_attachments (
        tenant_id ${id}, project_id ${id}, module ${id}, resource_id ${id}, update_id ${id},
        PRIMARY KEY (tenant_id, project_id, module, resource_id, update_id))`,
      `CREATE INDEX update_attachments_update_idx ON ${s}.update_attachments (tenant_id, update_id)`,

      `CREATE TABLE ${s}.audit (
        tenant_id ${id}, id ${id}, at timestamptz NOT NULL, actor_type text NOT NULL, actor_id text NOT NULL,
        action text NOT NULL, client_id text COLLATE "C", project_id text COLLATE "C", data jsonb,
        PRIMARY KEY (tenant_id, id))`,
      `CREATE INDEX audit_order_idx ON ${s}.audit (tenant_id, at, id)`,
      `CREATE INDEX audit_project_idx ON ${s}.audit (tenant_id, project_id, at, id) WHERE project_id IS NOT NULL`,
      `CREATE INDEX audit_client_idx ON ${s}.audit (tenant_id, client_id, at, id) WHERE client_id IS NOT NULL`,

      `CREATE TABLE ${s}.mail_jobs (
        tenant_id ${id}, id ${id}, kind text NOT NULL, invite_id ${id}, client_id ${id},
        state text NOT NULL, attempts integer NOT NULL, run_at timestamptz NOT NULL,
        last_error text, provider_id text, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id))`,
      `CREATE INDEX mail_jobs_tenant_idx ON ${s}.mail_jobs (tenant_id, created_at, id)`,
      `CREATE INDEX mail_jobs_client_idx ON ${s}.mail_jobs (tenant_id, client_id)`,
      // The one index not led by tenant_id: outbox workers claim due mail of every tenant at
      // once, oldest first, so they need the due jobs in run_at order across tenants. Partial,
      // so it holds only unsent mail and stays small; on a distributed Postgres the claim runs
      // per shard and this index is local to each.
      `CREATE INDEX mail_jobs_due_idx ON ${s}.mail_jobs (run_at, id) WHERE state IN ('pending', 'sending')`,
    ],
  },
  {
    version: 2,
    name: 'per-tenant outbox claim',
    // `claimMailJobs(…, tenantId)`: one tenant's due mail in run_at order, led by tenant_id like
    // every other index, so a worker can claim within one tenant's shard (docs/scaling.md).
    statements: (s) => [
      `CREATE INDEX mail_jobs_tenant_due_idx ON ${s}.mail_jobs (tenant_id, run_at, id) WHERE state IN ('pending', 'sending')`,
    ],
  },
  {
    version: 3,
    name: 'accounts: reset, sign-in and email confirmation links; archive; email changes',
    statements: (s) => [
      `CREATE TABLE ${s}.account_links (
        tenant_id ${id}, id ${id}, client_id ${id}, purpose text NOT NULL, email ${id},
        token_hash text COLLATE "C", status text NOT NULL, requested_by ${id},
        created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL, used_at timestamptz,
        PRIMARY KEY (tenant_id, id))`,
      `CREATE UNIQUE INDEX account_links_token_idx ON ${s}.account_links (tenant_id, token_hash) WHERE token_hash IS NOT NULL`,
      `CREATE INDEX account_links_client_idx ON ${s}.account_links (tenant_id, client_id, created_at, id)`,
      `ALTER TABLE ${s}.clients ADD COLUMN archived_at timestamptz`,
      `ALTER TABLE ${s}.clients ADD COLUMN pending_email text COLLATE "C"`,
      `CREATE INDEX clients_pending_email_idx ON ${s}.clients (tenant_id, pending_email) WHERE pending_email IS NOT NULL`,
      // A mail job carries an invite or an account link.
      `ALTER TABLE ${s}.mail_jobs ALTER COLUMN invite_id DROP NOT NULL`,
      `ALTER TABLE ${s}.mail_jobs ADD COLUMN link_id text COLLATE "C"`,
    ],
  },
  {
    version: 5,
    name: 'read receipts; events for the host',
    statements: (s) => [
      // One row per client and resource. The key serves `recordView` and, by its prefixes, the
      // receipts of a project, of a module, of one resource.
      `CREATE TABLE ${s}.receipts (
        tenant_id ${id}, project_id ${id}, module ${id}, resource_id ${id}, client_id ${id},
        first_viewed_at timestamptz NOT NULL, last_viewed_at timestamptz NOT NULL, views integer NOT NULL,
        PRIMARY KEY (tenant_id, project_id, module, resource_id, client_id))`,
      `CREATE INDEX receipts_client_idx ON ${s}.receipts (tenant_id, project_id, client_id)`,
      // `seq` is the tenant's delivery order, counted in `event_queues`: taking the next number
      // locks the tenant's counter until the inserting transaction ends, so a tenant's events
      // become visible in `seq` order — no worker can see event n+1 while n is still in flight.
      `CREATE TABLE ${s}.event_queues (tenant_id ${id}, last_seq bigint NOT NULL, PRIMARY KEY (tenant_id))`,
      `CREATE TABLE ${s}.events (
        tenant_id ${id}, id ${id}, seq bigint NOT NULL, type text NOT NULL,
        at timestamptz NOT NULL, data jsonb NOT NULL, state text NOT NULL, attempts integer NOT NULL,
        run_at timestamptz NOT NULL, last_error text, updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id))`,
      `CREATE UNIQUE INDEX events_order_idx ON ${s}.events (tenant_id, seq)`,
      // Each tenant's queue: undelivered events in order, its head first. Partial, so it holds
      // only what is still to deliver; the claims probe it for each tenant's head.
      `CREATE INDEX events_queue_idx ON ${s}.events (tenant_id, seq) WHERE state IN ('pending', 'delivering')`,
    ],
  },
  approvalsMigration,
  notificationsMigration,
  visitsMigration,
  updateEditsMigration,
  approvalWithdrawalsMigration,
  decisionEvidenceMigration,
  rateLimitsMigration,
  clientLanguageMigration,
];
