import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isSitegateError, type ClientActor } from 'sitegate';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';
import { sqlBackends, type SqlBackend } from './sql-backends.js';

/**
 * Races between two portals over one database — two handler processes, as a platform runs
 * them. What one commits, the other must honour at once; what both attempt, one wins.
 */
const stress = Boolean(process.env.STRESS);
const PASSWORD = 'long enough password';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(sqlBackends())('races on $name', ({ open }) => {
  let backend: SqlBackend;
  let a: ReturnType<typeof makePortal>;
  let b: ReturnType<typeof makePortal>;

  beforeAll(async () => {
    backend = await open();
    // Room for 100 concurrent accepts: these races are about the atomic steps, not the bound on
    // password hashing (which would answer most of them 503 busy before they race).
    const passwordHashing = { concurrency: 4, queue: 200 };
    a = makePortal({ storage: await backend.storage(), passwordHashing });
    b = makePortal({ storage: await backend.storage(), passwordHashing });
  });
  afterAll(() => backend?.close());
  beforeEach(() => backend.reset());

  const count = async (table: string, where: string, params: unknown[]) =>
    Number((await backend.query(`SELECT count(*)::int AS n FROM "${backend.schema}".${table} WHERE ${where}`, params)).rows[0]!.n);

  async function invited(email: string, projectIds = ['p-maple']) {
    const client = await a.portal.clients.add(staffA, { email, projectIds });
    await a.portal.outbox.flush();
    return { client, token: a.lastInviteToken(email) };
  }

  it('100 concurrent accepts of one token: exactly one session', async () => {
    const { client, token } = await invited('dana@example.com');
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).portal.invites.accept(token, { password: PASSWORD })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    for (const r of lost) {
      expect(isSitegateError(r.reason), String(r.reason)).toBe(true);
      expect(r.reason.code).toBe('invite_used');
    }
    expect(await count('sessions', 'tenant_id = $1 AND client_id = $2', [TENANT_A, client.id])).toBe(1);
    expect((await a.portal.audit.list(staffA, { clientId: client.id })).items.filter((e) => e.action === 'invite.accepted')).toHaveLength(1);
  });

  it('accept racing resend: the old link wins before the resend, or fails — never a success and a live new link', async () => {
    const rounds = stress ? 60 : 20;
    const seen = { accepted: 0, resent: 0 };
    for (let i = 0; i < rounds; i++) {
      const email = `race${i}@example.com`;
      const { client, token } = await invited(email);
      const mailsBefore = a.mail.messages.length;
      // Stagger the two a little differently each round, so both orders and overlaps occur.
      const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const [accept, resend] = await Promise.allSettled([
        delay(i % 2).then(() => a.portal.invites.accept(token, { password: PASSWORD })),
        // Accepting hashes the password before its transaction; a resend that waits a few ms
        // lands during, before or after that transaction.
        delay(i % 7).then(() => b.portal.clients.sendInvite(staffA, client.id)),
      ]);
      await a.portal.outbox.flush();
      const live = await count('invites', "tenant_id = $1 AND client_id = $2 AND status = 'pending'", [TENANT_A, client.id]);
      const newLink = a.mail.messages.length > mailsBefore ? a.lastInviteToken(email) : undefined;
      const what = `round ${i}: accept ${accept.status}, resend ${resend.status}, pending invites ${live}, new link ${newLink ? (await a.portal.invites.inspect(newLink)).status : 'none'}, client ${(await a.portal.clients.get(staffA, client.id)).status}`;
      if (accept.status === 'fulfilled') {
        seen.accepted++;
        expect(resend.status, what).toBe('rejected');
        expect(live, what).toBe(0);
        if (newLink) expect((await a.portal.invites.inspect(newLink)).status, what).not.toBe('pending');
        expect(await count('sessions', 'tenant_id = $1 AND client_id = $2', [TENANT_A, client.id]), what).toBe(1);
      } else {
        seen.resent++;
        expect(isSitegateError(accept.reason), String(accept.reason)).toBe(true);
        expect(resend.status, what).toBe('fulfilled');
        expect((await a.portal.invites.inspect(token)).status, what).not.toBe('pending');
        expect(live, what).toBe(1);
        await expect(a.portal.invites.accept(newLink!, { password: PASSWORD }), what).resolves.toBeDefined();
      }
    }
    expect(seen.accepted + seen.resent).toBe(rounds);
  });

  it('a client read for update inside a transaction is locked until it ends: concurrent edits are not lost', async () => {
    const { client } = await invited('dana@example.com', ['p-maple', 'p-harbor']);
    let first!: () => void;
    const firstHasRead = new Promise<void>((resolve) => (first = resolve));
    // A slow writer (delivery state, say) reads the client, then saves it a little later…
    const slow = a.storage.transaction(async (tx) => {
      const c = (await tx.getClientForUpdate(TENANT_A, client.id))!;
      first();
      await new Promise((r) => setTimeout(r, 150));
      await tx.saveClient({ ...c, name: 'Renamed' });
    });
    await firstHasRead;
    // …while a revoke in another process changes project access.
    const revoke = b.storage.transaction(async (tx) => {
      const c = (await tx.getClientForUpdate(TENANT_A, client.id))!;
      await tx.saveClient({ ...c, projectIds: ['p-harbor'] });
    });
    await Promise.all([slow, revoke]);
    const after = (await a.storage.getClient(TENANT_A, client.id))!;
    expect(after.projectIds, 'the revoke was overwritten').toEqual(['p-harbor']);
    expect(after.name).toBe('Renamed');
  });

  /**
   * Readers loop on the second portal while the first revokes. A read that starts after the
   * revoke has returned (so after it committed) must not see the project; reads that overlap
   * the revoke may go either way.
   */
  async function raceReads(read: () => Promise<boolean>, revoke: () => Promise<unknown>) {
    const reads: { start: number; saw: boolean }[] = [];
    let stop = false;
    const reader = async () => {
      while (!stop) {
        const start = performance.now();
        const saw = await read();
        reads.push({ start, saw });
        // PGlite answers through microtasks alone; yield so timers (and the revoke) get a turn.
        await new Promise((r) => setImmediate(r));
      }
    };
    const readers = Array.from({ length: 4 }, reader);
    // Wait on progress, not on the clock, so a slow machine still gets reads on both sides.
    const waitFor = async (done: () => boolean) => {
      for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
    };
    await waitFor(() => reads.filter((r) => r.saw).length >= 4);
    await revoke();
    const committed = performance.now();
    await waitFor(() => reads.filter((r) => r.start > committed).length >= 8);
    stop = true;
    await Promise.all(readers);
    const before = reads.filter((r) => r.start < committed);
    const after = reads.filter((r) => r.start > committed);
    expect(before.some((r) => r.saw), 'reads before the revoke saw the project').toBe(true);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((r) => r.saw), 'reads that started after the revoke committed').toEqual([]);
  }

  /** Whether a read succeeded; a refusal must be a typed error, anything else fails the test. */
  const allowed = (attempt: Promise<unknown>) =>
    attempt.then(
      () => true,
      (error: unknown) => {
        if (!isSitegateError(error)) throw error;
        return false;
      },
    );

  async function activeClient(email: string): Promise<{ id: string; actor: ClientActor }> {
    const { client, token } = await invited(email, ['p-maple']);
    await a.portal.invites.accept(token, { password: PASSWORD });
    return { id: client.id, actor: { type: 'client', tenantId: TENANT_A, clientId: client.id } };
  }

  it('revoke racing feed reads: no read that starts after the revoke commits sees the project', async () => {
    await a.portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contracts', kind: 'folder' }]);
    const dana = await activeClient('dana@example.com');
    await raceReads(
      () =>
        allowed(
          b.portal.view.feed(dana.actor, 'p-maple').then((feed) => {
            if (!feed.modules.documents?.length) throw new Error('the feed lost its documents without losing the project');
          }),
        ),
      () => a.portal.clients.revokeProject(staffA, dana.id, 'p-maple'),
    );
  });

  it('unshare racing reads of the item: no read after the unshare commits gets it', async () => {
    const [share] = await a.portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    const dana = await activeClient('dana@example.com');
    await raceReads(
      () => allowed(b.portal.view.open(dana.actor, 'p-maple', 'documents', 'd-contract')),
      () => a.portal.shares.unshare(staffA, 'p-maple', share!.id),
    );
  });

  it('disabling portal access racing session lookups: no lookup after it commits resolves', async () => {
    const dana = await activeClient('dana@example.com');
    const { session } = await b.portal.sessions.signIn({ tenantId: TENANT_A, email: 'dana@example.com', password: PASSWORD });
    await raceReads(
      async () => (await b.portal.sessions.resolve(session.token)) !== null,
      () => a.portal.clients.update(staffA, dana.id, { portalAccess: false }),
    );
  });

  it('concurrent adds of one new email from two processes: one client, and every caller gets it', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).portal.clients.add(staffA, { email: 'same@example.com', projectIds: [i % 3 ? 'p-maple' : 'p-oak'] })),
    );
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String(r.reason));
    expect(failures).toEqual([]);
    const ids = new Set(results.map((r) => (r as PromiseFulfilledResult<{ id: string }>).value.id));
    expect(ids.size).toBe(1);
    expect(await count('clients', 'tenant_id = $1 AND email = $2', [TENANT_A, 'same@example.com'])).toBe(1);
    const [id] = [...ids];
    expect((await a.portal.clients.get(staffA, id!)).projectIds.sort()).toEqual(['p-maple', 'p-oak']);
  });

  it('an email change racing an add of that address: never two clients holding it', async () => {
    const rounds = stress ? 40 : 12;
    let changed = 0;
    let added = 0;
    for (let i = 0; i < rounds; i++) {
      const { client, token } = await invited(`holder${i}@example.com`);
      await a.portal.invites.accept(token, { password: PASSWORD });
      const address = `wanted${i}@example.com`;
      const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const [change, add] = await Promise.allSettled([
        delay(i % 2).then(() => a.portal.clients.update(staffA, client.id, { email: address })),
        delay(i % 3).then(() => b.portal.clients.add(staffA, { email: address, projectIds: ['p-maple'] })),
      ]);
      // One of them takes the address; the other is refused as a conflict.
      expect([change.status, add.status].sort(), `round ${i}`).toEqual(['fulfilled', 'rejected']);
      const refused = (change.status === 'rejected' ? change : add) as PromiseRejectedResult;
      expect(refused.reason.code, String(refused.reason)).toBe('conflict');
      expect(await count('clients', 'tenant_id = $1 AND (email = $2 OR pending_email = $2)', [TENANT_A, address])).toBe(1);
      if (change.status === 'fulfilled') changed++;
      else added++;
    }
    expect(changed + added).toBe(rounds);
  });

  it('concurrent unshares of one share: one removal and one audit entry; the others find nothing', async () => {
    for (let i = 0; i < (stress ? 40 : 10); i++) {
      const [share] = await a.portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
      const results = await Promise.allSettled(Array.from({ length: 4 }, (_, k) => (k % 2 ? a : b).portal.shares.unshare(staffA, 'p-maple', share!.id)));
      expect(results.filter((r) => r.status === 'fulfilled'), `round ${i}`).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason.code).toBe('not_found');
      const removed = (await a.portal.audit.list(staffA, { projectId: 'p-maple' })).items.filter((e) => e.action === 'share.removed' && e.data?.shareId === share!.id);
      expect(removed, `round ${i}`).toHaveLength(1);
      // And the host hears it once.
      const heard = (await a.storage.listEvents(TENANT_A)).filter((e) => e.type === 'access.revoked' && e.data.shareId === share!.id);
      expect(heard, `round ${i}`).toHaveLength(1);
    }
  });

  it('concurrent edits of an update\'s attachments from two portals: each event names what its edit took off the one before', async () => {
    const all = ['dl-1', 'dl-2', 'dl-3'];
    const refs = (ids: string[]) => ids.map((id) => ({ module: 'dailyLogs' as const, id }));
    for (let i = 0; i < (stress ? 40 : 10); i++) {
      const update = await a.portal.updates.publish(staffA, 'p-maple', { body: `Week ${i}`, resources: refs(all) });
      // Three edits at once, each to a different single attachment: in whatever order they
      // commit, each takes something off the state it replaced.
      await Promise.all(all.map((id, k) => (k % 2 ? b : a).portal.updates.edit(staffA, 'p-maple', update.id, { resources: refs([id]) })));
      const removed = (await a.storage.listEvents(TENANT_A))
        .filter((e) => e.type === 'access.revoked' && e.data.updateId === update.id)
        .map((e) => (e.data.resources as { id: string }[]).map((r) => r.id).sort());
      const final = (await a.storage.getUpdate(TENANT_A, update.id))!.resources.map((r) => r.id);
      // Replayed in the order they were queued, the events lead from all three to what is stored.
      expect(removed, `round ${i}`).toHaveLength(3);
      const [first, second, third] = removed as [string[], string[], string[]];
      expect(first, `round ${i}`).toHaveLength(2);
      const afterFirst = all.filter((id) => !first.includes(id));
      expect(second, `round ${i}`).toEqual(afterFirst);
      expect(third, `round ${i}`).toHaveLength(1);
      expect([...afterFirst, ...third, ...final].sort(), `round ${i}`).toEqual(all);
    }
  });

  it('concurrent revocations of one client\'s project from two portals: the host hears one access.revoked', async () => {
    for (let i = 0; i < (stress ? 40 : 10); i++) {
      const client = await a.portal.clients.add(staffA, { email: `revoked${i}@example.com`, projectIds: ['p-maple', 'p-harbor'], invite: false });
      // revokeProject and setProjects without the project, from both portals at once.
      await Promise.all([
        a.portal.clients.revokeProject(staffA, client.id, 'p-maple'),
        b.portal.clients.revokeProject(staffA, client.id, 'p-maple'),
        a.portal.clients.setProjects(staffA, client.id, ['p-harbor']),
        b.portal.clients.setProjects(staffA, client.id, ['p-harbor']),
      ]);
      const heard = (await a.storage.listEvents(TENANT_A)).filter((e) => e.type === 'access.revoked' && e.data.clientId === client.id);
      expect(heard.map((e) => e.data), `round ${i}`).toEqual([{ cause: 'project_removed', clientId: client.id, projectId: 'p-maple' }]);
    }
  });

  it('decisions racing an unshare or an archive: none is recorded after the revocation returned', async () => {
    await a.portal.roles.save(staffA, { id: 'owner', name: 'Owner', permissions: [{ module: 'changeOrders', actions: ['approve'] }] });
    const decisionsOf = (approvalId: string) => count('approval_decisions', 'tenant_id = $1 AND approval_id = $2', [TENANT_A, approvalId]);
    const outcomes = { decided: 0, refused: 0 };
    for (let i = 0; i < (stress ? 60 : 16); i++) {
      const email = `decider${i}@example.com`;
      const client = await a.portal.clients.add(staffA, { email, projectIds: ['p-maple'], roleId: 'owner' });
      await a.portal.outbox.flush();
      const { session } = await b.portal.invites.accept(a.lastInviteToken(email), { password: PASSWORD });
      const actor = (await b.portal.sessions.resolve(session.token)) as ClientActor;
      const [share] = await a.portal.shares.share(staffA, 'p-maple', [{ module: 'changeOrders', id: 'co-1', kind: 'item' }]);
      const approval = await a.portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [client.id] });
      let recordedWhenRevoked = -1;
      const revoke = (i % 2 ? a.portal.clients.archive(staffA, client.id) : a.portal.shares.unshare(staffA, 'p-maple', share!.id)).then(async () => {
        recordedWhenRevoked = await decisionsOf(approval.id);
      });
      const decide = b.portal.approvals.decide(actor, 'p-maple', approval.id, { decision: 'approved' }).then(
        () => outcomes.decided++,
        (error) => {
          expect(error.code, `round ${i}`).toBe('not_found');
          outcomes.refused++;
        },
      );
      await Promise.all([revoke, decide]);
      // Decided before the revocation (and seen when it returned), or refused: never recorded after.
      expect(await decisionsOf(approval.id), `round ${i}`).toBe(recordedWhenRevoked);
    }
    expect(outcomes.decided + outcomes.refused).toBe(stress ? 60 : 16);
  });

  it('decisions racing a withdrawal: a decision stored means not withdrawn, and withdrawn means no decision', async () => {
    await a.portal.roles.save(staffA, { id: 'owner', name: 'Owner', permissions: [{ module: 'changeOrders', actions: ['approve'] }] });
    await a.portal.shares.share(staffA, 'p-maple', [{ module: 'changeOrders', id: 'co-1', kind: 'item' }]);
    const email = 'withdrawn-decider@example.com';
    const client = await a.portal.clients.add(staffA, { email, projectIds: ['p-maple'], roleId: 'owner' });
    await a.portal.outbox.flush();
    const { session } = await b.portal.invites.accept(a.lastInviteToken(email), { password: PASSWORD });
    const actor = (await b.portal.sessions.resolve(session.token)) as ClientActor;
    const outcomes = { decided: 0, withdrawn: 0 };
    for (let i = 0; i < (stress ? 60 : 16); i++) {
      const approval = await a.portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [client.id] });
      const [decided, withdrawn] = await Promise.allSettled([
        b.portal.approvals.decide(actor, 'p-maple', approval.id, { decision: 'approved' }),
        // Started a little later round by round: the decision's reads before its transaction
        // take a few milliseconds, and each side must win some rounds for the race to be run.
        (i % 2 ? sleep(i % 8) : Promise.resolve()).then(() => a.portal.approvals.withdraw(staffA, 'p-maple', approval.id)),
      ]);
      const stored = (await a.portal.approvals.list(staffA, 'p-maple', { id: 'co-1' })).find((x) => x.id === approval.id)!;
      // Exactly one of the two happened, and what is stored is what its caller was told.
      expect([decided.status, withdrawn.status].sort(), `round ${i}`).toEqual(['fulfilled', 'rejected']);
      if (decided.status === 'fulfilled') {
        expect(stored, `round ${i}`).toMatchObject({ status: 'approved', decisions: [expect.objectContaining({ clientId: client.id })] });
        expect((withdrawn as PromiseRejectedResult).reason.code, `round ${i}`).toBe('conflict');
        outcomes.decided++;
      } else {
        expect(stored, `round ${i}`).toMatchObject({ status: 'withdrawn', decisions: [] });
        expect(decided.reason.code, `round ${i}`).toBe('approval_closed');
        outcomes.withdrawn++;
      }
    }
    expect(outcomes.decided + outcomes.withdrawn).toBe(stress ? 60 : 16);
  });

  it('concurrent shares of the same item: one share row, and every caller gets it', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).portal.shares.share(staffA, 'p-maple', [
          { module: 'documents', id: 'd-contract', kind: 'item' },
          { module: 'photos', id: 'ph-week1', kind: 'folder' },
        ]),
      ),
    );
    expect(new Set(results.map((r) => r[0]!.id)).size).toBe(1);
    expect(new Set(results.map((r) => r[1]!.id)).size).toBe(1);
    expect(await count('shares', 'tenant_id = $1 AND project_id = $2', [TENANT_A, 'p-maple'])).toBe(2);
    expect((await a.portal.audit.list(staffA, { projectId: 'p-maple' })).items.filter((e) => e.action === 'share.created')).toHaveLength(2);
  });
});
