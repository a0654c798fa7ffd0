export { sqlStorage, type SqlStorage, type SqlStorageOptions } from './storage.js';
export { migrate, quoteSchema } from './migrate.js';
export { MIGRATIONS, type Migration } from './migrations.js';
export type { SqlDriver, Queryable, Row } from './driver.js';
