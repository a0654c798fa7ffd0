import { describe, expect, it } from 'vitest';
import { NotFoundError, type StaffActor } from 'sitegate';
import { createPortalHandler } from 'sitegate/server';
import { staffA, staffB } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

type Portal = ReturnType<typeof makePortal>['portal'];

/**
 * Staff reads under a project: each checks the project as the writes do, so a mistyped or unset
 * id (or another builder's project) is `not_found`, not an empty list that reads as "nothing
 * shared yet".
 */
const reads: [string, (portal: Portal, staff: StaffActor, projectId: string) => Promise<unknown>][] = [
  ['shares.list', (p, s, id) => p.shares.list(s, id)],
  ['shares.status', (p, s, id) => p.shares.status(s, id, 'documents', ['d-contract'])],
  ['updates.list', (p, s, id) => p.updates.list(s, id)],
  ['approvals.list', (p, s, id) => p.approvals.list(s, id)],
  ['receipts.list', (p, s, id) => p.receipts.list(s, id)],
];

describe('staff reads under a project the tenant does not have', () => {
  it.each(reads)('%s answers not_found for an unknown project, and reads a known one', async (_name, read) => {
    const { portal } = makePortal();
    const refused = await read(portal, staffA, 'p-nope').then(() => undefined, (error: unknown) => error);
    expect(refused).toBeInstanceOf(NotFoundError);
    expect(refused).toMatchObject({ message: 'Project "p-nope" not found', data: { what: 'Project', id: 'p-nope' } });
    // p-harbor is acme's: globex's staff are told it does not exist, as for any unknown id.
    await expect(read(portal, staffB, 'p-harbor')).rejects.toMatchObject({ code: 'not_found', data: { what: 'Project', id: 'p-harbor' } });
    await expect(read(portal, staffA, 'p-harbor')).resolves.toBeDefined();
  });

  it('answers 404 over HTTP, naming the project, where an empty list came before', async () => {
    const { portal } = makePortal();
    const handler = createPortalHandler(portal, { basePath: '/api/portal', authenticateStaff: async () => staffA });
    for (const path of ['/projects/p-nope/updates', '/projects/p-nope/shares', '/projects/p-nope/approvals', '/projects/p-nope/receipts', '/projects/p-nope/shares/status?module=documents&ids=d-contract']) {
      const response = await handler(new Request(`http://portal.test/api/portal${path}`));
      expect(response.status, path).toBe(404);
      expect(await response.json(), path).toMatchObject({ code: 'not_found', what: 'Project', id: 'p-nope' });
    }
  });
});
