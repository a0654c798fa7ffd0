import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receipt } from '../../src/testing/storage/receipts.js';
import { sqlBackends, type SqlBackend } from './sql-backends.js';

const MINUTE = 60_000;
const T = new Date('2026-03-02T10:00:00.000Z');
const at = (ms: number) => new Date(T.getTime() + ms);

describe.each(sqlBackends())('read receipts under load on $name', ({ open }) => {
  let backend: SqlBackend;
  beforeAll(async () => {
    backend = await open();
  }, 120_000);
  afterAll(async () => backend?.close());

  it('50 views within a minute write the row once: the throttled ones neither update nor lock it', { timeout: 60_000 }, async () => {
    const storage = await backend.storage();
    const view = (ms: number) => storage.recordView(receipt({ firstViewedAt: at(ms), lastViewedAt: at(ms) }), at(ms - MINUTE));
    // xmin changes with every write of the row, xmax with every row lock (ON CONFLICT DO UPDATE
    // … WHERE locks even when it skips), so equal values mean the row was not touched.
    const version = async () =>
      (await backend.query(`SELECT xmin::text AS xmin, xmax::text AS xmax, views FROM "${backend.schema}".receipts`)).rows;
    expect(await view(0)).toBe('created');
    const written = await version();
    const outcomes = [];
    for (let i = 1; i < 50; i++) outcomes.push(await view(i * 1000));
    expect(new Set(outcomes)).toEqual(new Set(['throttled']));
    expect(await version()).toEqual(written);
    expect(await view(MINUTE)).toBe('updated');
    expect((await version())[0]).toMatchObject({ views: 2 });
    expect(await version()).not.toEqual(written);
  });
});
