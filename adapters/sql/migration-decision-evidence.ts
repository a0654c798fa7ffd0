import type { Migration } from './migrations.js';

/**
 * Each decision's evidence as it was hashed: who decided, by the address and name they had then
 * (a corrected email later must not move a decision to someone else), the canonical text of the
 * whole decision and its SHA-256, which chains to the decision before it. Decisions recorded
 * before this migration keep `NULL` in all four.
 */
export const decisionEvidenceMigration: Migration = {
  version: 10,
  name: 'approval decision evidence',
  // IF NOT EXISTS: a data dir an older version (without the PGlite lock) wrote over while a newer
  // one migrated it can hold the columns but not the record of this migration; it applies again.
  statements: (s) => [
    `ALTER TABLE ${s}.approval_decisions ADD COLUMN IF NOT EXISTS client_email text, ADD COLUMN IF NOT EXISTS client_name text,
      ADD COLUMN IF NOT EXISTS evidence text, ADD COLUMN IF NOT EXISTS evidence_hash text`,
  ],
};
