import type { Migration } from './migrations.js';

/**
 * Edited and removed updates. Removal is a soft delete: the row stays (with its resources) and
 * `deleted_at` hides it from every read; its rows in `update_attachments`, an index derived from
 * `resources`, are dropped so a removed update no longer makes anything visible.
 */
export const updateEditsMigration: Migration = {
  version: 8,
  name: 'update edits and removals',
  statements: (s) => [`ALTER TABLE ${s}.updates ADD COLUMN IF NOT EXISTS edited_at timestamptz`, `ALTER TABLE ${s}.updates ADD COLUMN IF NOT EXISTS deleted_at timestamptz`],
};
