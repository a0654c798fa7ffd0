import { describe, expect, it } from 'vitest';
import type { ClientListQuery } from '../../ports/storage.js';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { at, client, DAY, role, T0, type GetStorage } from './records.js';

type Filters = Partial<ClientListQuery>;

/** The ids `listClients` returns for `query`, checked against `expected` with the query in the failure message. */
async function expectListed(storage: ReturnType<GetStorage>, query: Filters, expected: string[], options: { anyOrder?: boolean } = {}): Promise<void> {
  const ids = (await storage.listClients(TENANT_A, { limit: 100, ...query })).items.map((c) => c.id);
  const label = `listClients(${JSON.stringify(query)})`;
  if (options.anyOrder) expect([...ids].sort(), label).toEqual([...expected].sort());
  else expect(ids, label).toEqual(expected);
}

export function clientTests(get: GetStorage): void {
  describe('clients', () => {
    it('returns null for a client that does not exist', async () => {
      expect(await get().getClient(TENANT_A, 'cl-missing')).toBeNull();
      expect(await get().getClientByEmail(TENANT_A, 'nobody@example.com')).toBeNull();
    });

    it('stores a client with every field and returns it equal, dates to the millisecond', async () => {
      const full = client({
        name: 'Dana Client',
        roleId: 'docs-only',
        projectIds: ['p-oak', 'p-maple', 'p-harbor'],
        activatedAt: new Date('1999-12-31T23:59:59.999Z'),
        inviteExpiresAt: new Date('2100-01-01T00:00:00.001Z'),
        inviteDelivery: { state: 'failed', reason: 'mailbox full', at: at(5) },
        createdAt: at(1),
        updatedAt: at(2),
      });
      await get().saveClient(full);
      expect(await get().getClient(TENANT_A, 'cl-1')).toEqual(full);
      expect(await get().getClientByEmail(TENANT_A, 'dana@example.com')).toEqual(full);
    });

    it('reads many clients at once: the tenant\'s, unknown ids left out', async () => {
      const dana = client({ projectIds: ['p-maple', 'p-oak'], inviteDelivery: { state: 'sent', at: at(1) } });
      const ed = client({ id: 'cl-2', email: 'ed@example.com', name: 'Ed' });
      await get().saveClient(dana);
      await get().saveClient(ed);
      await get().saveClient(client({ id: 'cl-3', email: 'fay@example.com' }));
      await get().saveClient(client({ tenantId: TENANT_B, id: 'cl-4', email: 'gus@example.com' }));
      const byId = (list: { id: string }[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(byId(await get().getClients(TENANT_A, ['cl-2', 'cl-missing', 'cl-1', 'cl-4']))).toEqual([dana, ed]);
      expect(await get().getClients(TENANT_A, [])).toEqual([]);
      expect(await get().getClients(TENANT_B, ['cl-1', 'cl-4'])).toEqual([client({ tenantId: TENANT_B, id: 'cl-4', email: 'gus@example.com' })]);
    });

    it('returns optional fields absent when they were not set', async () => {
      await get().saveClient(client());
      const stored = await get().getClient(TENANT_A, 'cl-1');
      expect(stored).toEqual(client());
      for (const key of ['name', 'activatedAt', 'inviteExpiresAt', 'inviteDelivery'] as const) expect(stored![key]).toBeUndefined();
    });

    it('keeps a client\'s email language, returns it on every read, and clears it', async () => {
      const french = client({ language: 'fr-CA', activatedAt: at(1) });
      await get().saveClient(french);
      await get().saveClient(client({ id: 'cl-2', email: 'ed@example.com' }));
      expect(await get().getClient(TENANT_A, 'cl-1')).toEqual(french);
      expect(await get().getClientByEmail(TENANT_A, 'dana@example.com')).toEqual(french);
      expect(await get().getClientForUpdate(TENANT_A, 'cl-1')).toEqual(french);
      expect(await get().getClients(TENANT_A, ['cl-1'])).toEqual([french]);
      expect((await get().listClients(TENANT_A, { limit: 10 })).items.map((c) => c.language)).toEqual(['fr-CA', undefined]);
      // A client saved without one has none: the field is absent, not stored empty.
      expect(await get().getClient(TENANT_A, 'cl-2')).not.toHaveProperty('language');
      const { language: _cleared, ...english } = { ...french, updatedAt: at(2) };
      await get().saveClient(english);
      const stored = await get().getClient(TENANT_A, 'cl-1');
      expect(stored).toEqual(english);
      expect(stored).not.toHaveProperty('language');
      await get().saveClient({ ...english, language: 'en' });
      expect((await get().getClient(TENANT_A, 'cl-1'))?.language).toBe('en');
    });

    it('replaces the client with the same id, email and project access included', async () => {
      await get().saveClient(client({ projectIds: ['p-maple', 'p-oak'] }));
      const changed = client({ email: 'dana.new@example.com', name: 'Dana', projectIds: ['p-harbor'], updatedAt: at(DAY) });
      await get().saveClient(changed);
      expect(await get().getClient(TENANT_A, 'cl-1')).toEqual(changed);
      expect(await get().getClientByEmail(TENANT_A, 'dana@example.com')).toBeNull();
      await expectListed(get(), { projectId: 'p-maple' }, []);
      await expectListed(get(), { projectId: 'p-harbor' }, ['cl-1']);
    });

    it('throws ConflictError for a second client with the same email, and keeps the first', async () => {
      await get().saveClient(client());
      await expect(get().saveClient(client({ id: 'cl-2', name: 'Impostor' }))).rejects.toMatchObject({ name: 'ConflictError', code: 'conflict' });
      expect(await get().getClient(TENANT_A, 'cl-2')).toBeNull();
      expect((await get().getClientByEmail(TENANT_A, 'dana@example.com'))?.id).toBe('cl-1');
      await get().saveClient(client({ name: 'Same client again' }));
    });

    it('lists by createdAt, then id', async () => {
      await get().saveClient(client({ id: 'cl-c', email: 'c@example.com', createdAt: at(0) }));
      await get().saveClient(client({ id: 'cl-a', email: 'a@example.com', createdAt: at(10) }));
      await get().saveClient(client({ id: 'cl-b', email: 'b@example.com', createdAt: at(0) }));
      await get().saveClient(client({ id: 'cl-B', email: 'b2@example.com', createdAt: at(0) }));
      await expectListed(get(), {}, ['cl-B', 'cl-b', 'cl-c', 'cl-a']);
    });

    it('filters by project', async () => {
      await get().saveClient(client({ id: 'cl-1', email: '1@example.com', projectIds: ['p-maple', 'p-oak'] }));
      await get().saveClient(client({ id: 'cl-2', email: '2@example.com', projectIds: ['p-oak'] }));
      await get().saveClient(client({ id: 'cl-3', email: '3@example.com', projectIds: [] }));
      await expectListed(get(), { projectId: 'p-oak' }, ['cl-1', 'cl-2']);
      await expectListed(get(), { projectId: 'p-maple' }, ['cl-1']);
      await expectListed(get(), { projectId: 'p-none' }, []);
    });

    it('filters by stored status and by invite expiry (`>` after, `<=` at or before)', async () => {
      await get().saveClient(client({ id: 'cl-new', email: 'new@example.com' }));
      await get().saveClient(client({ id: 'cl-inv', email: 'inv@example.com', inviteExpiresAt: at(DAY) }));
      await get().saveClient(client({ id: 'cl-exp', email: 'exp@example.com', inviteExpiresAt: at(-1) }));
      await get().saveClient(client({ id: 'cl-edge', email: 'edge@example.com', inviteExpiresAt: at(0) }));
      await get().saveClient(client({ id: 'cl-act', email: 'act@example.com', activatedAt: at(0), inviteExpiresAt: at(-DAY) }));
      await get().saveClient(client({ id: 'cl-off', email: 'off@example.com', portalAccess: false, activatedAt: at(0) }));
      // `status` is storedStatus(client): portal access off → disabled, else accepted → active,
      // else an invite expiry set → invited (expired or not), else not_invited.
      await expectListed(get(), { status: 'not_invited' }, ['cl-new']);
      await expectListed(get(), { status: 'invited' }, ['cl-inv', 'cl-exp', 'cl-edge'], { anyOrder: true });
      await expectListed(get(), { status: 'active' }, ['cl-act']);
      await expectListed(get(), { status: 'disabled' }, ['cl-off']);
      // How the core asks for "invited" and "expired" at T0.
      await expectListed(get(), { status: 'invited', inviteExpiresAfter: T0 }, ['cl-inv']);
      await expectListed(get(), { status: 'invited', inviteExpiresAtOrBefore: T0 }, ['cl-edge', 'cl-exp'], { anyOrder: true });
      // Two days on, the pending invite has expired too.
      await expectListed(get(), { status: 'invited', inviteExpiresAfter: at(2 * DAY) }, []);
      await expectListed(get(), { status: 'invited', inviteExpiresAtOrBefore: at(2 * DAY) }, ['cl-edge', 'cl-exp', 'cl-inv'], { anyOrder: true });
      // The bounds alone: a client without an invite expiry passes neither.
      await expectListed(get(), { inviteExpiresAfter: at(-DAY) }, ['cl-inv', 'cl-exp', 'cl-edge'], { anyOrder: true });
      await expectListed(get(), { inviteExpiresAtOrBefore: at(-DAY) }, ['cl-act']);
    });

    it('searches email and name as case-insensitive substrings', async () => {
      await get().saveClient(client({ id: 'cl-1', email: 'dana@harbor.example', name: 'Dana Ökland', createdAt: at(1) }));
      await get().saveClient(client({ id: 'cl-2', email: 'sam@oak.example', name: 'Sam HARBORSIDE', createdAt: at(2) }));
      await get().saveClient(client({ id: 'cl-3', email: 'lee@maple.example', createdAt: at(3) }));
      await expectListed(get(), { q: 'HARBOR' }, ['cl-1', 'cl-2']);
      await expectListed(get(), { q: 'ökland' }, ['cl-1']);
      await expectListed(get(), { q: 'LEE@' }, ['cl-3']);
      await get().saveClient(client({ id: 'cl-4', email: 'x_y@example.com', name: 'Back\\slash', createdAt: at(4) }));
      // Wildcards of SQL LIKE are plain characters here.
      await expectListed(get(), { q: '%' }, []);
      await expectListed(get(), { q: '_' }, ['cl-4']);
      await expectListed(get(), { q: 'k\\s' }, ['cl-4']);
      await expectListed(get(), { q: 'nobody' }, []);
    });

    it('finds an accented name however its accents were typed: as one letter or as a letter and a mark', async () => {
      // As macOS and some forms send it: "e" then U+0301 COMBINING ACUTE ACCENT.
      await get().saveClient(client({ id: 'cl-1', email: 'jose@example.com', name: 'Jose\u0301 Ferna\u0301ndez', createdAt: at(1) }));
      await get().saveClient(client({ id: 'cl-2', email: 'zoe@example.com', name: 'Zo\u00eb Brontë', createdAt: at(2) }));
      await expectListed(get(), { q: 'José' }, ['cl-1']);
      await expectListed(get(), { q: 'FERNÁNDEZ' }, ['cl-1']);
      await expectListed(get(), { q: 'Zoe\u0308' }, ['cl-2']);
    });

    it('combines project, status and text filters', async () => {
      await get().saveClient(client({ id: 'cl-1', email: 'dana@example.com', projectIds: ['p-oak'], inviteExpiresAt: at(DAY) }));
      await get().saveClient(client({ id: 'cl-2', email: 'dan@example.com', projectIds: ['p-oak'] }));
      await get().saveClient(client({ id: 'cl-3', email: 'danny@example.com', projectIds: ['p-maple'], inviteExpiresAt: at(DAY) }));
      await expectListed(get(), { projectId: 'p-oak', status: 'invited', inviteExpiresAfter: T0, q: 'dan' }, ['cl-1']);
    });
  });

  describe('roles', () => {
    it('returns null for a role that does not exist', async () => {
      expect(await get().getRole(TENANT_A, 'nope')).toBeNull();
      expect(await get().listRoles(TENANT_A)).toEqual([]);
    });

    it('stores, replaces and lists roles by id', async () => {
      await get().saveRole(role({ id: 'zeta' }));
      await get().saveRole(role({ id: 'alpha', permissions: [{ module: 'selections', actions: ['read', 'approve'] }] }));
      const renamed = role({ id: 'zeta', name: 'Zeta', permissions: [] });
      await get().saveRole(renamed);
      expect(await get().getRole(TENANT_A, 'zeta')).toEqual(renamed);
      expect((await get().listRoles(TENANT_A)).map((r) => r.id)).toEqual(['alpha', 'zeta']);
    });
  });
}
