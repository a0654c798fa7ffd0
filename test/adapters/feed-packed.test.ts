import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { postgresStorage } from 'sitegate/adapters/postgres';
import type { Storage } from 'sitegate';
import { afterAll, describe, expect, it } from 'vitest';
import { TENANT_A } from '../../src/testing/fixtures.js';
import { share } from '../../src/testing/storage/records.js';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';

/**
 * The SQL feed read packs a project's shares into one text (fields and shares between control
 * characters, see adapters/sql/ops-feed.ts). These tests hold it to `listShares`, on rows
 * sitegate wrote and on rows it did not: a field holding a separator must not shift the others.
 */
type Query = (text: string, params?: unknown[]) => Promise<unknown>;

function packedFeedCases(name: string, open: () => Promise<{ storage: Storage; query: Query; schema: string }>) {
  describe(`packed feed shares on ${name}`, () => {
    it('reads what listShares reads, in its order, with times to the millisecond', async () => {
      const { storage } = await open();
      const at = (ms: number) => new Date(Date.UTC(2026, 11, 3, 10, 0, 0, ms));
      // Two shares in the same millisecond (ordered by id), a folder, and ids with every allowed punctuation.
      const made = [
        share({ id: 'sh-b', projectId: 'p-packed', resourceId: 'doc.1:a@b_c-d', createdAt: at(5) }),
        share({ id: 'sh-a', projectId: 'p-packed', resourceId: 'doc-2', createdAt: at(5) }),
        share({ id: 'sh-c', projectId: 'p-packed', module: 'photos', resourceId: 'album-1', kind: 'folder', createdAt: at(999) }),
        share({ id: 'sh-other', projectId: 'p-elsewhere', resourceId: 'doc-3', createdAt: at(1) }),
      ];
      for (const s of made) await storage.insertShare(s);
      const read = await storage.readFeed(TENANT_A, 'p-packed', 'cl-packed');
      expect(read.shares).toEqual(await storage.listShares(TENANT_A, 'p-packed'));
      expect(read.shares.map((s) => s.id)).toEqual(['sh-a', 'sh-b', 'sh-c']);
      expect(read.shares[2]).toEqual(made[2]);
      expect((await storage.readFeed(TENANT_A, 'p-none', 'cl-packed')).shares).toEqual([]);
    });

    it('reads times written to the microsecond, before 2000 and before 1970, as listShares does, in time order', async () => {
      const { storage, query, schema } = await open();
      const projectId = 'p-times';
      // Written past sitegate (whose times are whole milliseconds), as a host's import might,
      // newest first so the rows' own order is not the feed's.
      const times = ['2026-12-03 10:00:00.005999+00', '2026-12-03 10:00:00.005001+00', '1999-12-31 23:59:59.9999+00', '1969-12-31 23:59:59.9995+00', '1901-06-01 12:00:00.000001+00'];
      for (const [n, time] of times.entries()) {
        await query(
          `INSERT INTO "${schema}".shares (tenant_id, id, project_id, module, resource_id, kind, shared_by, created_at)
           VALUES ($1, $2, $3, 'documents', $4, 'file', 'u-1', $5::timestamptz)`,
          [TENANT_A, `sh-${n}`, projectId, `doc-${n}`, time],
        );
      }
      const read = await storage.readFeed(TENANT_A, projectId, 'cl-packed');
      expect(read.shares).toEqual(await storage.listShares(TENANT_A, projectId));
      // By the stored time, then rounded down to the millisecond, as a Date holds them.
      expect(read.shares.map((s) => [s.id, s.createdAt.toISOString()])).toEqual([
        ['sh-4', '1901-06-01T12:00:00.000Z'],
        ['sh-3', '1969-12-31T23:59:59.999Z'],
        ['sh-2', '1999-12-31T23:59:59.999Z'],
        ['sh-1', '2026-12-03T10:00:00.005Z'],
        ['sh-0', '2026-12-03T10:00:00.005Z'],
      ]);
    });

    // One field holding a field separator, one holding a share separator, and both at once.
    const odd = [
      { id: 'sh-odd', resourceId: 'doc\x1fone-more-field', sharedBy: 'u-1' },
      { id: 'sh\x1eodd', resourceId: 'doc-2', sharedBy: 'u-1' },
      { id: 'sh-odd', resourceId: 'doc\x1fwith\x1eseparators\x1f\x1f\x1f\x1f\x1f', sharedBy: 'u\x1e1' },
    ];
    for (const [n, row] of odd.entries()) {
      it(`reads rows whose fields hold the separators as they are, not shifted (${n + 1})`, async () => {
        const { storage, query, schema } = await open();
        const projectId = `p-odd-${n}`;
        await storage.insertShare(share({ id: 'sh-plain', projectId, resourceId: 'doc-1', createdAt: new Date('2026-12-03T10:00:00.000Z') }));
        // Written past sitegate (which accepts no such id), as a host's own migration might.
        await query(
          `INSERT INTO "${schema}".shares (tenant_id, id, project_id, module, resource_id, kind, shared_by, created_at)
           VALUES ($1, $2, $3, 'documents', $4, 'file', $5, $6)`,
          [TENANT_A, row.id, projectId, row.resourceId, row.sharedBy, new Date('2026-12-03T10:00:01.000Z')],
        );
        await storage.insertShare(share({ id: 'sh-z', projectId, resourceId: 'doc-9', createdAt: new Date('2026-12-03T10:00:02.000Z') }));
        const read = await storage.readFeed(TENANT_A, projectId, 'cl-packed');
        expect(read.shares).toEqual(await storage.listShares(TENANT_A, projectId));
        expect(read.shares.map((s) => [s.id, s.resourceId, s.sharedBy])).toEqual([
          ['sh-plain', 'doc-1', share().sharedBy],
          [row.id, row.resourceId, row.sharedBy],
          ['sh-z', 'doc-9', share().sharedBy],
        ]);
      });
    }
  });
}

const lite = new PGlite();
afterAll(() => lite.close());
let liteSchemas = 0;
packedFeedCases('PGlite', async () => {
  const schema = `packed_${++liteSchemas}`;
  const storage = pgliteStorage({ db: lite, schema });
  await storage.ready();
  return { storage, schema, query: (text, params) => lite.query(text, params) };
});

const url = databaseUrl();
if (url) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });
  packedFeedCases('PostgreSQL', async () => {
    const schema = uniqueSchema('sg_packed');
    schemas.push(schema);
    const storage = postgresStorage({ pool }, { schema });
    await storage.ready();
    return { storage, schema, query: (text, params) => pool.query(text, params) };
  });
}
