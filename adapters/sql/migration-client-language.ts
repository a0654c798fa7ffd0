import type { Migration } from './migrations.js';

/**
 * The language a client's emails are written in (`fr`, `fr-CA`), when the builder set one or the
 * client accepted its invite on a page that said one. `NULL`: the tenant's `locale`, as before.
 */
export const clientLanguageMigration: Migration = {
  version: 12,
  name: 'client email language',
  // IF NOT EXISTS, as from migration 6 on: an overlapped older process may have left the column.
  statements: (s) => [`ALTER TABLE ${s}.clients ADD COLUMN IF NOT EXISTS language text`],
};
