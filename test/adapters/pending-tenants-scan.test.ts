import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../adapters/sql/driver.js';
import { sqlStorage } from '../../adapters/sql/storage.js';
import { pgliteDriver } from '../../adapters/pglite/driver.js';
import { TENANT_A, TENANT_B } from '../../src/testing/fixtures.js';
import { notification } from '../../src/testing/storage/notifications.js';

const db = new PGlite();
afterAll(() => db.close());
let schemas = 0;

/**
 * PGlite answering a recursive CTE as Citus answers one across shards (`feature_not_supported`),
 * or with `failing` to every statement while it is set; the texts it was sent, in order.
 */
function citusLike() {
  const driver = pgliteDriver(db, { owns: false, preparedStatements: true });
  const sent: string[] = [];
  const state = { failing: undefined as { code: string; message: string } | undefined };
  const refuse = (text: string) => {
    if (state.failing) throw Object.assign(new Error(state.failing.message), { code: state.failing.code });
    if (/WITH RECURSIVE/.test(text)) throw Object.assign(new Error('recursive CTEs are not supported in multi-shard queries'), { code: '0A000' });
  };
  const wrapped: SqlDriver = {
    ...driver,
    name: driver.name,
    query: async (text, params) => {
      sent.push(text);
      refuse(text);
      return driver.query(text, params);
    },
    transaction: (fn) => driver.transaction(fn),
    close: () => driver.close(),
  };
  return { storage: sqlStorage(wrapped, { schema: `pending_tenants_${++schemas}` }), sent, state };
}

describe('listing the tenants with pending digests on a database that refuses recursive CTEs', () => {
  it('lists them with one plain scan instead, and stops sending the skip scan once refused', async () => {
    const { storage, sent } = citusLike();
    await storage.insertNotifications([
      notification({ id: 'nt-1', tenantId: 'initech' }),
      notification({ id: 'nt-2', tenantId: TENANT_B }),
      notification({ id: 'nt-3', tenantId: TENANT_A }),
      notification({ id: 'nt-4', tenantId: TENANT_A, clientId: 'cl-2' }),
    ]);
    sent.length = 0;
    expect(await storage.listPendingTenants!({ limit: 10 })).toEqual([TENANT_A, TENANT_B, 'initech']);
    expect(sent.map((t) => (/WITH RECURSIVE/.test(t) ? 'skip scan' : /SELECT DISTINCT/.test(t) ? 'plain scan' : t))).toEqual(['skip scan', 'plain scan']);
    sent.length = 0;
    expect(await storage.listPendingTenants!({ limit: 1, after: TENANT_A })).toEqual([TENANT_B]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/SELECT DISTINCT/);
  });

  it.each([
    ['a lost connection', { code: '08006', message: 'terminating connection' }],
    ['the same code for something else', { code: '0A000', message: 'cached plan must not change result type' }],
  ])('reports any other failure as it is (%s), and tries the skip scan again next time', async (_, failure) => {
    const { storage, sent, state } = citusLike();
    await storage.insertNotifications([notification()]);
    state.failing = failure;
    sent.length = 0;
    await expect(storage.listPendingTenants!({ limit: 10 })).rejects.toMatchObject({ code: expect.stringMatching(/^storage_/) });
    expect(sent).toHaveLength(1);
    state.failing = undefined;
    sent.length = 0;
    await expect(storage.listPendingTenants!({ limit: 10 })).resolves.toEqual([TENANT_A]);
    // Still the skip scan first: neither says the database cannot run it.
    expect(sent[0]).toMatch(/WITH RECURSIVE/);
  });
});
