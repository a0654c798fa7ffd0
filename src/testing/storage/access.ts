import { describe, expect, it } from 'vitest';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { account, at, client, DAY, invite, session, T0, type GetStorage } from './records.js';

export function accessTests(get: GetStorage): void {
  describe('invites', () => {
    it('returns null for an invite that does not exist', async () => {
      expect(await get().getInvite(TENANT_A, 'inv-missing')).toBeNull();
      expect(await get().getInviteByTokenHash(TENANT_A, 'no-such-hash')).toBeNull();
    });

    it('stores an invite and finds it by id and, once set, by token hash', async () => {
      const stored = invite();
      await get().insertInvite(stored);
      expect(await get().getInvite(TENANT_A, 'inv-1')).toEqual(stored);
      expect(await get().getInviteByTokenHash(TENANT_A, 'h1')).toBeNull();
      expect(await get().setInviteTokenHash(TENANT_A, 'inv-1', 'h1')).toBe(true);
      expect(await get().getInviteByTokenHash(TENANT_A, 'h1')).toEqual({ ...stored, tokenHash: 'h1' });
    });

    it('throws ConflictError for a second invite with the same id', async () => {
      await get().insertInvite(invite());
      await expect(get().insertInvite(invite({ email: 'other@example.com' }))).rejects.toMatchObject({ code: 'conflict' });
      expect((await get().getInvite(TENANT_A, 'inv-1'))?.email).toBe('dana@example.com');
    });

    it('sets a token hash only while the invite is pending', async () => {
      await get().insertInvite(invite({ id: 'inv-acc', status: 'accepted', acceptedAt: T0 }));
      expect(await get().setInviteTokenHash(TENANT_A, 'inv-acc', 'h-acc')).toBe(false);
      expect(await get().setInviteTokenHash(TENANT_A, 'inv-missing', 'h-x')).toBe(false);
      expect(await get().getInviteByTokenHash(TENANT_A, 'h-acc')).toBeNull();
    });

    it('supersedes only the pending invites of that client', async () => {
      await get().insertInvite(invite({ id: 'inv-1', tokenHash: 'h1' }));
      await get().insertInvite(invite({ id: 'inv-2', tokenHash: 'h2' }));
      await get().insertInvite(invite({ id: 'inv-3', status: 'accepted', acceptedAt: T0 }));
      await get().insertInvite(invite({ id: 'inv-4', clientId: 'cl-2', email: 'sam@example.com' }));
      expect(await get().supersedeInvites(TENANT_A, 'cl-1')).toBe(2);
      expect((await get().getInvite(TENANT_A, 'inv-1'))?.status).toBe('superseded');
      expect((await get().getInvite(TENANT_A, 'inv-3'))?.status).toBe('accepted');
      expect((await get().getInvite(TENANT_A, 'inv-4'))?.status).toBe('pending');
      expect(await get().supersedeInvites(TENANT_A, 'cl-1')).toBe(0);
      expect(await get().acceptInvite(TENANT_A, 'h1', T0)).toBeNull();
    });

    it('cancels the pending invites of that client when asked to (portal access switched off)', async () => {
      await get().insertInvite(invite({ tokenHash: 'h1' }));
      await get().insertInvite(invite({ id: 'inv-3', status: 'accepted', acceptedAt: T0 }));
      expect(await get().supersedeInvites(TENANT_A, 'cl-1', 'cancelled')).toBe(1);
      expect((await get().getInvite(TENANT_A, 'inv-1'))?.status).toBe('cancelled');
      expect((await get().getInvite(TENANT_A, 'inv-3'))?.status).toBe('accepted');
      expect(await get().acceptInvite(TENANT_A, 'h1', T0)).toBeNull();
    });

    it('accepts a pending, unexpired invite once', async () => {
      await get().insertInvite(invite({ tokenHash: 'h1' }));
      const now = at(DAY);
      const accepted = await get().acceptInvite(TENANT_A, 'h1', now);
      expect(accepted).toEqual(invite({ tokenHash: 'h1', status: 'accepted', acceptedAt: now }));
      expect(await get().getInvite(TENANT_A, 'inv-1')).toEqual(accepted);
      expect(await get().acceptInvite(TENANT_A, 'h1', now)).toBeNull();
    });

    it('does not accept an invite at or after its expiry, nor an unknown token', async () => {
      await get().insertInvite(invite({ tokenHash: 'h1', expiresAt: at(DAY) }));
      expect(await get().acceptInvite(TENANT_A, 'h1', at(DAY))).toBeNull();
      expect(await get().acceptInvite(TENANT_A, 'h1', at(2 * DAY))).toBeNull();
      expect(await get().acceptInvite(TENANT_A, 'h-unknown', T0)).toBeNull();
      expect((await get().getInvite(TENANT_A, 'inv-1'))?.status).toBe('pending');
      expect(await get().acceptInvite(TENANT_A, 'h1', at(DAY - 1))).not.toBeNull();
    });
  });

  describe('accounts', () => {
    it('returns null, then the saved account, then its replacement', async () => {
      expect(await get().getAccount(TENANT_A, 'cl-1')).toBeNull();
      await get().saveAccount(account());
      expect(await get().getAccount(TENANT_A, 'cl-1')).toEqual(account());
      const changed = account({ passwordHash: 'scrypt$new', updatedAt: at(DAY) });
      await get().saveAccount(changed);
      expect(await get().getAccount(TENANT_A, 'cl-1')).toEqual(changed);
    });
  });

  describe('sessions', () => {
    it('stores a session and finds it by token hash', async () => {
      expect(await get().getSessionByTokenHash(TENANT_A, 'hash-se-1')).toBeNull();
      await get().insertSession(session());
      expect(await get().getSessionByTokenHash(TENANT_A, 'hash-se-1')).toEqual(session());
    });

    it('finds a session with its client in one read, and only in its own tenant', async () => {
      expect(await get().getSessionWithClient(TENANT_A, 'hash-se-1')).toBeNull();
      const stored = client({ name: 'Dana', activatedAt: T0, projectIds: ['p-1', 'p-2'] });
      await get().saveClient(stored);
      await get().insertSession(session());
      expect(await get().getSessionWithClient(TENANT_A, 'hash-se-1')).toEqual({ session: session(), client: await get().getClient(TENANT_A, 'cl-1') });
      expect((await get().getSessionWithClient(TENANT_A, 'hash-se-1'))?.client).toEqual(stored);
      expect(await get().getSessionWithClient(TENANT_B, 'hash-se-1')).toBeNull();
      // A session whose client is not (or no longer) there still answers, without a client.
      await get().insertSession(session({ id: 'se-2', tokenHash: 'h2', clientId: 'cl-gone' }));
      expect(await get().getSessionWithClient(TENANT_A, 'h2')).toEqual({ session: session({ id: 'se-2', tokenHash: 'h2', clientId: 'cl-gone' }), client: null });
    });

    it('deletes one session, reporting whether it existed', async () => {
      await get().insertSession(session());
      expect(await get().deleteSession(TENANT_A, 'hash-se-1')).toBe(true);
      expect(await get().deleteSession(TENANT_A, 'hash-se-1')).toBe(false);
      expect(await get().getSessionByTokenHash(TENANT_A, 'hash-se-1')).toBeNull();
    });

    it("deletes every session of one client and no one else's", async () => {
      await get().insertSession(session({ id: 'se-1', tokenHash: 'h1' }));
      await get().insertSession(session({ id: 'se-2', tokenHash: 'h2' }));
      await get().insertSession(session({ id: 'se-3', tokenHash: 'h3', clientId: 'cl-2' }));
      expect(await get().deleteClientSessions(TENANT_A, 'cl-1')).toBe(2);
      expect(await get().deleteClientSessions(TENANT_A, 'cl-1')).toBe(0);
      expect(await get().getSessionByTokenHash(TENANT_A, 'h3')).not.toBeNull();
    });
  });
}
