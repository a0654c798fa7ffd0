import pg from 'pg';
import { postgresStorage, type SqlStorage } from 'sitegate/adapters/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, client } from '../../src/testing/storage/records.js';
import { notification } from '../../src/testing/storage/notifications.js';
import { noteSessionSettings } from '../support/session-settings.js';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';

/**
 * The sessions of a pool `postgresStorage` opens plan prepared statements once
 * (`plan_cache_mode = force_generic_plan`); a pool passed in keeps its own setting. What a
 * session runs with is read where sitegate writes: a trigger on its clients table notes the
 * settings of the session that inserts a client.
 */
const url = databaseUrl();

describe.skipIf(!url)('PostgreSQL generic plans', () => {
  const schema = uniqueSchema('sg_generic');
  const s = `"${schema}"`;
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  const opened: SqlStorage[] = [];
  let clients = 0;

  beforeAll(async () => {
    const storage = postgresStorage({ connectionString: url! }, { schema });
    await storage.ready();
    await storage.close();
    for (const sql of noteSessionSettings(s, ['plan_cache_mode', 'application_name'])) await admin.query(sql);
  });

  afterAll(async () => {
    await Promise.all(opened.map((storage) => storage.close()));
    await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await admin.end();
  });

  /** The settings of the session `storage` inserts a client with. */
  async function sessionOf(storage: SqlStorage): Promise<{ plan_cache_mode: string; application_name: string }> {
    opened.push(storage);
    const id = `cl-${++clients}`;
    await storage.saveClient(client({ id, email: `${id}@example.com` }));
    const { rows } = await admin.query(`SELECT plan_cache_mode, application_name FROM ${s}.session_settings WHERE client_id = $1`, [id]);
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  it('runs the sessions of the pool it opens with generic plans', async () => {
    const settings = await sessionOf(postgresStorage({ connectionString: url! }, { schema, migrate: false }));
    expect(settings.plan_cache_mode).toBe('force_generic_plan');
  });

  it('keeps the options PGOPTIONS gives', async () => {
    const before = process.env.PGOPTIONS;
    process.env.PGOPTIONS = '-c application_name=sitegate-pgoptions-test';
    try {
      const storage = postgresStorage({ connectionString: url! }, { schema, migrate: false });
      expect(await sessionOf(storage)).toEqual({ plan_cache_mode: 'force_generic_plan', application_name: 'sitegate-pgoptions-test' });
    } finally {
      if (before === undefined) delete process.env.PGOPTIONS;
      else process.env.PGOPTIONS = before;
    }
  });

  it('leaves PostgreSQL to choose with genericPlans: false', async () => {
    const settings = await sessionOf(postgresStorage({ connectionString: url! }, { schema, migrate: false, genericPlans: false }));
    expect(settings.plan_cache_mode).toBe('auto');
  });

  it("plans a digest batch's drop of pending notifications for the clients given, in its transaction only", async () => {
    // What plan_cache_mode the session has when it drops the notifications of clients who
    // turned digests off.
    await admin.query(`CREATE TABLE ${s}.drop_settings (plan_cache_mode text)`);
    await admin.query(`CREATE FUNCTION ${s}.note_drop_settings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ${s}.drop_settings VALUES (current_setting('plan_cache_mode'));
        RETURN OLD;
      END $$`);
    await admin.query(`CREATE TRIGGER note_drop_settings BEFORE DELETE ON ${s}.notifications FOR EACH ROW EXECUTE FUNCTION ${s}.note_drop_settings()`);
    const storage = postgresStorage({ connectionString: url! }, { schema, migrate: false });
    const pending = notification({ id: 'nt-drop', clientId: 'cl-drop' });
    await storage.insertNotifications([pending]);
    expect(await storage.transaction((tx) => tx.dropPendingNotifications(pending.tenantId, ['cl-drop'], at(60_000)))).toBe(1);
    expect((await admin.query(`SELECT plan_cache_mode FROM ${s}.drop_settings`)).rows).toEqual([{ plan_cache_mode: 'force_custom_plan' }]);
    // The setting ended with the transaction: the pool's sessions plan generically again.
    expect((await sessionOf(storage)).plan_cache_mode).toBe('force_generic_plan');
  });

  it('does not change a pool passed in', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const settings = await sessionOf(postgresStorage({ pool }, { schema, migrate: false }));
      expect(settings.plan_cache_mode).toBe('auto');
    } finally {
      await pool.end();
    }
  });
});
