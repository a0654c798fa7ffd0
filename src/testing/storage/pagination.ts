import { describe, expect, it } from 'vitest';
import type { ClientRecord } from '../../model/client.js';
import type { ClientListQuery } from '../../ports/storage.js';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { allPages, at, auditEvent, client, DAY, nth, T0, update, type GetStorage } from './records.js';

const CLIENTS = 1_050;
const PAGE = 100;
const BIG = { timeout: 120_000 };

/** Every 3 clients share a createdAt, so pages must break ties by id. */
const manyClients = (): ClientRecord[] =>
  Array.from({ length: CLIENTS }, (_, i) =>
    client({
      id: nth('cl', CLIENTS - i),
      email: `${nth('client', i)}@example.com`,
      name: i % 2 ? 'Odd Person' : 'Even Person',
      createdAt: at(Math.floor(i / 3)),
      projectIds: i % 5 === 0 ? ['p-oak', 'p-maple'] : ['p-maple'],
      ...(i % 4 === 0 ? { inviteExpiresAt: at(i % 8 === 0 ? DAY : -DAY) } : {}),
    }),
  );

const sortedIds = (clients: ClientRecord[]) =>
  [...clients].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((c) => c.id);

function expectCompletePages<T>(pages: T[][], expected: T[]) {
  for (const page of pages.slice(0, -1)) expect(page).toHaveLength(PAGE);
  const flat = pages.flat();
  expect(new Set(flat).size).toBe(flat.length);
  expect(flat).toEqual(expected);
}

export function paginationTests(get: GetStorage): void {
  describe('pagination', () => {
    it(`pages through ${CLIENTS} clients in pages of ${PAGE}, no duplicates, no gaps, also filtered`, BIG, async () => {
      const clients = manyClients();
      await get().transaction(async (tx) => {
        for (const c of clients) await tx.saveClient(c);
      });
      await get().saveClient(client({ tenantId: TENANT_B, id: nth('cl', 1), email: 'b@example.com' }));
      const list = (query: Omit<ClientListQuery, 'limit' | 'cursor'>) => async () =>
        (await allPages((cursor) => get().listClients(TENANT_A, { limit: PAGE, cursor, ...query }))).map((page) => page.map((c) => c.id));

      const pages = await list({})();
      expect(pages).toHaveLength(Math.ceil(CLIENTS / PAGE));
      expectCompletePages(pages, sortedIds(clients));
      expectCompletePages(await list({ projectId: 'p-oak' })(), sortedIds(clients.filter((c) => c.projectIds.includes('p-oak'))));
      const now = T0.getTime();
      const invited = clients.filter((c) => c.inviteExpiresAt && c.inviteExpiresAt.getTime() > now);
      const expired = clients.filter((c) => c.inviteExpiresAt && c.inviteExpiresAt.getTime() <= now);
      expectCompletePages(await list({ status: 'invited', inviteExpiresAfter: T0 })(), sortedIds(invited));
      expectCompletePages(await list({ status: 'invited', inviteExpiresAtOrBefore: T0 })(), sortedIds(expired));
      expectCompletePages(await list({ q: 'odd' })(), sortedIds(clients.filter((c) => c.name === 'Odd Person')));
    });

    it('pages through audit events and updates, newest first', BIG, async () => {
      await get().transaction(async (tx) => {
        for (let i = 0; i < 1_000; i++) await tx.insertAudit(auditEvent({ id: nth('ev', i), at: at(Math.floor(i / 4)), projectId: i % 2 ? 'p-maple' : 'p-oak' }));
        for (let i = 0; i < 250; i++) await tx.insertUpdate(update({ id: nth('up', i), publishedAt: at(Math.floor(i / 3)) }));
      });
      const newestFirst = (n: number, prefix: string, keep: (i: number) => boolean = () => true) =>
        Array.from({ length: n }, (_, i) => i).filter(keep).reverse().map((i) => nth(prefix, i));

      const audit = await allPages((cursor) => get().listAudit(TENANT_A, { limit: PAGE, cursor }));
      expectCompletePages(audit.map((p) => p.map((e) => e.id)), newestFirst(1_000, 'ev'));
      const maple = await allPages((cursor) => get().listAudit(TENANT_A, { limit: PAGE, cursor, projectId: 'p-maple' }));
      expectCompletePages(maple.map((p) => p.map((e) => e.id)), newestFirst(1_000, 'ev', (i) => i % 2 === 1));
      const updates = await allPages((cursor) => get().listUpdates(TENANT_A, 'p-maple', { limit: PAGE, cursor }));
      expect(updates).toHaveLength(3);
      expectCompletePages(updates.map((p) => p.map((u) => u.id)), newestFirst(250, 'up'));
    });

    it('returns a null cursor when the last page is exactly full', async () => {
      for (let i = 0; i < 3; i++) await get().saveClient(client({ id: nth('cl', i), email: `${i}@example.com` }));
      const first = await get().listClients(TENANT_A, { limit: 2 });
      const second = await get().listClients(TENANT_A, { limit: 2, cursor: first.nextCursor! });
      expect(second.items).toHaveLength(1);
      expect(second.nextCursor).toBeNull();
      expect((await get().listClients(TENANT_A, { limit: 3 })).nextCursor).toBeNull();
    });

    it('rejects a cursor it did not make with a BadRequestError (code bad_request)', async () => {
      const bad = { name: 'BadRequestError', code: 'bad_request' };
      for (const cursor of ['not a cursor', '!!!', 'e30']) {
        await expect(get().listClients(TENANT_A, { limit: 10, cursor }), `listClients with cursor ${JSON.stringify(cursor)}`).rejects.toMatchObject(bad);
        await expect(get().listAudit(TENANT_A, { limit: 10, cursor }), `listAudit with cursor ${JSON.stringify(cursor)}`).rejects.toMatchObject(bad);
        await expect(get().listUpdates(TENANT_A, 'p-maple', { limit: 10, cursor }), `listUpdates with cursor ${JSON.stringify(cursor)}`).rejects.toMatchObject(bad);
      }
    });
  });
}
