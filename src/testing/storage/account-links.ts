import { describe, expect, it } from 'vitest';
import type { AccountLink } from '../../model/account-link.js';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { at, client, mailJob, nth, T0, type GetStorage } from './records.js';

const HOUR = 60 * 60 * 1000;

export const accountLink = (over: Partial<AccountLink> = {}): AccountLink => ({
  tenantId: TENANT_A,
  id: 'al-1',
  clientId: 'cl-1',
  purpose: 'password-reset',
  email: 'dana@example.com',
  status: 'pending',
  requestedBy: 'cl-1',
  createdAt: T0,
  expiresAt: at(HOUR),
  ...over,
});

/** Account links (reset, sign-in, email confirmation) and the client fields of archive and email changes. */
export function accountLinkTests(get: GetStorage): void {
  describe('account links', () => {
    it('stores and finds a link by id and by token hash, every field kept', async () => {
      const full = accountLink({ tokenHash: 'h1', status: 'used', usedAt: at(5) });
      await get().insertAccountLink(full);
      await get().insertAccountLink(accountLink({ id: 'al-2', purpose: 'confirm-email', email: 'new@example.com', requestedBy: 'u-alice' }));
      expect(await get().getAccountLink(TENANT_A, 'al-1')).toEqual(full);
      expect(await get().getAccountLinkByTokenHash(TENANT_A, 'h1')).toEqual(full);
      expect(await get().getAccountLink(TENANT_A, 'al-2')).toEqual(accountLink({ id: 'al-2', purpose: 'confirm-email', email: 'new@example.com', requestedBy: 'u-alice' }));
      expect(await get().getAccountLink(TENANT_A, 'al-404')).toBeNull();
      expect(await get().getAccountLinkByTokenHash(TENANT_A, 'h-404')).toBeNull();
    });

    it('refuses a second link with the same id', async () => {
      await get().insertAccountLink(accountLink());
      await expect(get().insertAccountLink(accountLink({ purpose: 'sign-in' }))).rejects.toMatchObject({ code: 'conflict' });
      expect((await get().getAccountLink(TENANT_A, 'al-1'))?.purpose).toBe('password-reset');
    });

    it('sets the token hash only while the link is pending', async () => {
      await get().insertAccountLink(accountLink());
      await get().insertAccountLink(accountLink({ id: 'al-2', status: 'superseded' }));
      expect(await get().setAccountLinkTokenHash(TENANT_A, 'al-1', 'h1')).toBe(true);
      expect(await get().setAccountLinkTokenHash(TENANT_A, 'al-2', 'h2')).toBe(false);
      expect(await get().setAccountLinkTokenHash(TENANT_A, 'al-404', 'h3')).toBe(false);
      expect((await get().getAccountLinkByTokenHash(TENANT_A, 'h1'))?.id).toBe('al-1');
      expect(await get().getAccountLinkByTokenHash(TENANT_A, 'h2')).toBeNull();
    });

    it('ends the client\'s pending links, of one purpose or all, and counts them', async () => {
      await get().insertAccountLink(accountLink({ id: 'al-1' }));
      await get().insertAccountLink(accountLink({ id: 'al-2', purpose: 'sign-in' }));
      await get().insertAccountLink(accountLink({ id: 'al-3', status: 'used' }));
      await get().insertAccountLink(accountLink({ id: 'al-4', clientId: 'cl-2' }));
      expect(await get().endAccountLinks(TENANT_A, 'cl-1', 'superseded', 'password-reset')).toBe(1);
      expect((await get().getAccountLink(TENANT_A, 'al-1'))?.status).toBe('superseded');
      expect((await get().getAccountLink(TENANT_A, 'al-2'))?.status).toBe('pending');
      expect(await get().endAccountLinks(TENANT_A, 'cl-1', 'cancelled')).toBe(1);
      expect((await get().getAccountLink(TENANT_A, 'al-2'))?.status).toBe('cancelled');
      expect((await get().getAccountLink(TENANT_A, 'al-3'))?.status).toBe('used');
      expect((await get().getAccountLink(TENANT_A, 'al-4'))?.status).toBe('pending');
    });

    it('uses a link once, only if pending, unexpired and of the purpose asked for', async () => {
      await get().insertAccountLink(accountLink({ tokenHash: 'h1' }));
      await get().insertAccountLink(accountLink({ id: 'al-2', tokenHash: 'h2', expiresAt: T0 }));
      await get().insertAccountLink(accountLink({ id: 'al-3', tokenHash: 'h3', status: 'superseded' }));
      expect(await get().useAccountLink(TENANT_A, 'h1', 'sign-in', T0)).toBeNull();
      expect(await get().useAccountLink(TENANT_A, 'h2', 'password-reset', T0)).toBeNull();
      expect(await get().useAccountLink(TENANT_A, 'h3', 'password-reset', T0)).toBeNull();
      expect(await get().useAccountLink(TENANT_B, 'h1', 'password-reset', T0)).toBeNull();
      const used = await get().useAccountLink(TENANT_A, 'h1', 'password-reset', at(1));
      expect(used).toEqual(accountLink({ tokenHash: 'h1', status: 'used', usedAt: at(1) }));
      expect(await get().getAccountLink(TENANT_A, 'al-1')).toEqual(used);
      expect(await get().useAccountLink(TENANT_A, 'h1', 'password-reset', at(2))).toBeNull();
    });

    it('of 20 concurrent uses of one token, exactly one succeeds', async () => {
      await get().insertAccountLink(accountLink({ tokenHash: 'h1' }));
      const results = await Promise.all(Array.from({ length: 20 }, () => get().useAccountLink(TENANT_A, 'h1', 'password-reset', T0)));
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect((await get().getAccountLink(TENANT_A, 'al-1'))?.status).toBe('used');
    });

    it('lists a client\'s links by createdAt, then id, and keeps tenants apart', async () => {
      await get().insertAccountLink(accountLink({ id: 'al-b', createdAt: at(0) }));
      await get().insertAccountLink(accountLink({ id: 'al-a', createdAt: at(0) }));
      await get().insertAccountLink(accountLink({ id: 'al-0', createdAt: at(1) }));
      await get().insertAccountLink(accountLink({ id: 'al-x', clientId: 'cl-2' }));
      await get().insertAccountLink(accountLink({ id: 'al-t', tenantId: TENANT_B, tokenHash: 'hb' }));
      expect((await get().listAccountLinks(TENANT_A, 'cl-1')).map((l) => l.id)).toEqual(['al-a', 'al-b', 'al-0']);
      expect(await get().getAccountLink(TENANT_A, 'al-t')).toBeNull();
      expect(await get().getAccountLinkByTokenHash(TENANT_A, 'hb')).toBeNull();
      expect(await get().endAccountLinks(TENANT_A, 'cl-1', 'cancelled')).toBe(3);
      expect((await get().getAccountLink(TENANT_B, 'al-t'))?.status).toBe('pending');
    });

    it('keeps a mail job\'s link id, and a job with no invite', async () => {
      const job = mailJob({ id: 'job-link', kind: 'password-reset', linkId: 'al-1', inviteId: undefined });
      const { inviteId: _none, ...stored } = job;
      await get().insertMailJob(stored);
      expect(await get().getMailJob(TENANT_A, 'job-link')).toEqual(stored);
      const [claimed] = await get().claimMailJobs(T0, 1, at(1000));
      expect(claimed).toMatchObject({ id: 'job-link', linkId: 'al-1', kind: 'password-reset' });
      expect(claimed).not.toHaveProperty('inviteId');
    });
  });

  describe('archived clients and email changes', () => {
    it('keeps archivedAt and pendingEmail, and finds a client by its pending email', async () => {
      const full = client({ archivedAt: at(3), pendingEmail: 'dana.new@example.com' });
      await get().saveClient(full);
      expect(await get().getClient(TENANT_A, 'cl-1')).toEqual(full);
      expect(await get().getClientByPendingEmail(TENANT_A, 'dana.new@example.com')).toEqual(full);
      expect(await get().getClientByPendingEmail(TENANT_A, 'dana@example.com')).toBeNull();
      expect(await get().getClientByPendingEmail(TENANT_B, 'dana.new@example.com')).toBeNull();
      const { archivedAt: _a, pendingEmail: _p, ...cleared } = full;
      await get().saveClient(cleared);
      expect(await get().getClient(TENANT_A, 'cl-1')).toEqual(cleared);
      expect(await get().getClientByPendingEmail(TENANT_A, 'dana.new@example.com')).toBeNull();
    });

    it('lists archived clients by status, and leaves them out with notStatus', async () => {
      await get().saveClient(client({ id: nth('cl', 1), email: 'a@example.com', archivedAt: at(1) }));
      await get().saveClient(client({ id: nth('cl', 2), email: 'b@example.com', createdAt: at(1) }));
      await get().saveClient(client({ id: nth('cl', 3), email: 'c@example.com', createdAt: at(2), portalAccess: false, archivedAt: at(2) }));
      const ids = async (q: { status?: 'archived' | 'not_invited'; notStatus?: 'archived' }) => (await get().listClients(TENANT_A, { limit: 10, ...q })).items.map((c) => c.id);
      expect(await ids({ status: 'archived' })).toEqual([nth('cl', 1), nth('cl', 3)]);
      expect(await ids({ notStatus: 'archived' })).toEqual([nth('cl', 2)]);
      expect(await ids({ status: 'not_invited' })).toEqual([nth('cl', 2)]);
      expect(await ids({})).toEqual([nth('cl', 1), nth('cl', 2), nth('cl', 3)]);
    });
  });
}
