import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSitegateError, type Storage } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';
import { faultyStorage } from './faulty-storage.js';
import { dumpTables, openPglite, type SqlBackend } from './sql-backends.js';

type Setup = ReturnType<typeof makePortal>;

/** Everything observable about tenant A, to compare before and after a failed operation. */
async function snapshot({ portal, storage }: Setup): Promise<string> {
  const clients = await portal.clients.list(staffA, { limit: 500 });
  const parts: unknown[] = [clients, await portal.audit.list(staffA, { limit: 500 }), await storage.listMailJobs(TENANT_A)];
  for (const project of ['p-maple', 'p-harbor', 'p-oak']) parts.push((await portal.shares.list(staffA, project, { limit: 500 })).items, await storage.listUpdates(TENANT_A, project, { limit: 100 }));
  for (const c of clients.items) parts.push(await storage.getAccount(TENANT_A, c.id));
  return JSON.stringify(parts);
}

/** Operations that write several records in one transaction. */
const operations: [string, (s: Setup, ids: { clientId: string; token: string }) => Promise<unknown>][] = [
  ['add a client with an invite', (s) => s.portal.clients.add(staffA, { email: 'new@example.com', name: 'New', projectIds: ['p-maple'] })],
  ['update an existing client through add', (s) => s.portal.clients.add(staffA, { email: 'kim@example.com', projectIds: ['p-oak'] })],
  ['resend an invite', (s, ids) => s.portal.clients.sendInvite(staffA, ids.clientId)],
  ['accept an invite', (s, ids) => s.portal.invites.accept(ids.token, { password: 'long enough password' })],
  ['set projects', (s, ids) => s.portal.clients.setProjects(staffA, ids.clientId, ['p-oak'])],
  ['disable portal access', (s, ids) => s.portal.clients.update(staffA, ids.clientId, { portalAccess: false })],
  ['share several resources', (s) => s.portal.shares.share(staffA, 'p-maple', [
    { module: 'drawings', id: 'dr-a101', kind: 'item' },
    { module: 'dailyLogs', id: 'dl-1', kind: 'item' },
    { module: 'documents', id: 'd-contracts', kind: 'folder' },
  ])],
  ['publish an update', (s) => s.portal.updates.publish(staffA, 'p-maple', { body: 'hello', resources: [{ module: 'drawings', id: 'dr-a101' }] })],
  ['deliver the outbox', (s) => s.portal.outbox.flush()],
];

/**
 * Each storage hands out an empty store per attempt: memory makes a new one; PGlite empties its
 * tables (one instance for the file, start-up costs seconds).
 */
const storages: { name: string; fresh: () => Promise<Storage>; open?: () => Promise<void>; close?: () => Promise<void>; dump?: () => Promise<string> }[] = [
  { name: 'memory', fresh: async () => memoryStorage() },
  (() => {
    let backend: SqlBackend;
    let storage: Storage;
    return {
      name: 'pglite',
      open: async () => {
        backend = await openPglite('faults');
        storage = await backend.storage();
      },
      fresh: async () => {
        await backend.reset();
        return storage;
      },
      close: () => backend.close(),
      dump: () => dumpTables(backend),
    };
  })(),
];

describe.each(storages)('storage faults ($name)', ({ fresh, open, close, dump }) => {
  if (open) beforeAll(open);
  if (close) afterAll(close);

  it.each(operations)('%s: a failure at any write leaves no partial state', async (_name, operation) => {
    let failures = 0;
    for (let n = 1; n < 50; n++) {
      const faulty = faultyStorage(await fresh());
      const setup = makePortal({ storage: faulty.storage });
      const kim = await setup.portal.clients.add(staffA, { email: 'kim@example.com', projectIds: ['p-maple'] });
      await setup.portal.outbox.flush();
      const ids = { clientId: kim.id, token: setup.lastInviteToken('kim@example.com') };
      await setup.portal.clients.add(staffA, { email: 'queued@example.com', projectIds: [] });
      const before = await snapshot(setup);
      const rowsBefore = await dump?.();
      faulty.failNth(n);
      const outcome = await operation(setup, ids).then(
        () => 'ok',
        (error: unknown) => error,
      );
      faulty.failNth(undefined);
      if (outcome === 'ok') {
        // The outbox records a failed delivery attempt instead of throwing; anything else succeeded untouched.
        if (faulty.writes < n) break;
        continue;
      }
      failures++;
      expect(isSitegateError(outcome), String(outcome)).toBe(true);
      expect(await snapshot(setup)).toBe(before);
      expect(await dump?.()).toBe(rowsBefore);
    }
    expect(failures).toBeGreaterThan(0);
  });
});
