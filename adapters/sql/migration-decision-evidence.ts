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
  statements: (s) => [
    `ALTER TABLE ${s}.approval_decisions ADD COLUMN client_email text, ADD COLUMN client_name text,
      ADD COLUMN evidence text, ADD COLUMN evidence_hash text`,
  ],
};
