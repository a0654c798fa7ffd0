import type { Migration } from './migrations.js';

const id = 'text COLLATE "C" NOT NULL';

/**
 * Approvals and their decisions. Decisions are evidence: a trigger refuses UPDATE and DELETE
 * of one (only dropping the schema or TRUNCATE, an operator's act, removes them), and the
 * unique key `(tenant_id, approval_id, client_id, round)` lets a client decide once per round,
 * however many requests race.
 */
export const approvalsMigration: Migration = {
  version: 4,
  name: 'approvals with append-only decisions',
  statements: (s) => [
    `CREATE TABLE ${s}.approvals (
      tenant_id ${id}, id ${id}, project_id ${id}, module ${id}, resource_id ${id},
      approvers text[] COLLATE "C" NOT NULL, mode text NOT NULL, status text NOT NULL, round integer NOT NULL,
      due_at timestamptz, message text, snapshot jsonb NOT NULL, snapshot_hash text NOT NULL,
      requested_by ${id}, requested_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
      settled_at timestamptz, reopen_reason text,
      PRIMARY KEY (tenant_id, id))`,
    // A project's approvals in list order; module, resource and approver filters ride on it.
    `CREATE INDEX approvals_project_idx ON ${s}.approvals (tenant_id, project_id, requested_at, id)`,
    `CREATE TABLE ${s}.approval_decisions (
      tenant_id ${id}, id ${id}, approval_id ${id}, round integer NOT NULL, client_id ${id},
      decision text NOT NULL, note text, option_id text, ip text, user_agent text,
      snapshot jsonb NOT NULL, snapshot_hash text NOT NULL, decided_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, id),
      CONSTRAINT approval_decisions_once_key UNIQUE (tenant_id, approval_id, client_id, round))`,
    `CREATE FUNCTION ${s}.approval_decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'approval decisions are append-only' USING ERRCODE = '42501';
      END
    $fn$`,
    `CREATE TRIGGER approval_decisions_append_only BEFORE UPDATE OR DELETE ON ${s}.approval_decisions
      FOR EACH ROW EXECUTE FUNCTION ${s}.approval_decisions_append_only()`,
  ],
};
