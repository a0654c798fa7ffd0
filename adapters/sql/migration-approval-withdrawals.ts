import type { Migration } from './migrations.js';

/** Approvals a builder took back before they settled: when, and the reason given. */
export const approvalWithdrawalsMigration: Migration = {
  version: 9,
  name: 'approval withdrawals',
  statements: (s) => [`ALTER TABLE ${s}.approvals ADD COLUMN IF NOT EXISTS withdrawn_at timestamptz, ADD COLUMN IF NOT EXISTS withdraw_reason text`],
};
