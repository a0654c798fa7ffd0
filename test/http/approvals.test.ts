import { describe, expect, it } from 'vitest';
import { createPortalClient } from 'sitegate/client';
import { ApprovalError } from 'sitegate';
import { staffA } from '../../src/testing/fixtures.js';
import { sha256Hex } from '../../src/tokens/sha256.js';
import { asAlice, asBob, makeHttp } from './support.js';

/** Over HTTP: a change order and a selection shared in p-maple, two approvers with `approve`, one reader. */
async function setup() {
  const http = makeHttp({ clientIp: (request) => request.headers.get('x-test-ip') ?? undefined });
  const { portal, content } = http;
  await portal.roles.save(staffA, { id: 'owner', name: 'Owner', permissions: [{ module: 'changeOrders', actions: ['approve'] }, { module: 'selections', actions: ['approve'] }] });
  content.put({
    tenantId: 'acme', projectId: 'p-maple', module: 'selections', id: 'sel-tile', kind: 'item', name: 'Kitchen tile', updatedAt: new Date('2026-01-05T09:00:00Z'),
    meta: { options: [{ id: 'opt-1', name: 'Matte white' }, { id: 'opt-2', name: 'Slate grey' }] },
  });
  await portal.shares.share(staffA, 'p-maple', [{ module: 'changeOrders', id: 'co-1', kind: 'item' }, { module: 'selections', id: 'sel-tile', kind: 'item' }]);
  const dana = await http.signedInClient('dana@example.com', ['p-maple']);
  const eve = await http.signedInClient('eve@example.com', ['p-maple']);
  const gus = await http.signedInClient('gus@example.com', ['p-maple']);
  for (const c of [dana, eve]) await portal.clients.update(staffA, c.client.id, { roleId: 'owner' });
  const request = (body: object) => http.send('POST', '/projects/p-maple/approvals', { body, headers: asAlice });
  /** What approvals hold, as staff read it over HTTP. */
  const state = async () => (await http.send('GET', '/projects/p-maple/approvals', { headers: asAlice })).json;
  return { ...http, dana, eve, gus, request, state };
}

describe('approvals over HTTP', () => {
  it('requests (201), decides with the request’s address and user agent as evidence, lists and exports', async () => {
    const { send, request, dana, eve, clock } = await setup();
    const created = await request({ module: 'changeOrders', id: 'co-1', approvers: [dana.client.id, eve.client.id], mode: 'sequence', dueAt: new Date(clock.now().getTime() + 86_400_000).toISOString() });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: 'pending', waitingOn: [dana.client.id] });
    const id = created.json.id as string;

    const waiting = await send('GET', '/portal/projects/p-maple/approvals', { headers: eve.headers });
    expect(waiting.status).toBe(200);
    expect(waiting.json.map((a: { id: string }) => a.id)).toEqual([id]);

    const decided = await send('POST', `/portal/projects/p-maple/approvals/${id}/decision`, {
      body: { decision: 'approved', note: 'Fine by me' },
      headers: { ...dana.headers, 'user-agent': 'Mozilla/5.0 (Test)', 'x-test-ip': '203.0.113.9' },
    });
    expect(decided.status).toBe(201);
    expect(decided.json.decisions[0]).toMatchObject({ clientId: dana.client.id, ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (Test)', note: 'Fine by me' });
    expect(decided.json.waitingOn).toEqual([eve.client.id]);

    const declined = await send('POST', `/portal/projects/p-maple/approvals/${id}/decision`, { body: { decision: 'declined' }, headers: eve.headers });
    expect(declined.json.status).toBe('declined');

    const exported = await send('GET', `/projects/p-maple/approvals/${id}/export`, { headers: asAlice });
    expect(exported.status).toBe(200);
    expect(sha256Hex(exported.json.canonicalSnapshot)).toBe(exported.json.approval.snapshotHash);
    expect(exported.json.approval.decisions.map((d: { decision: string }) => d.decision)).toEqual(['approved', 'declined']);

    const reopened = await send('POST', `/projects/p-maple/approvals/${id}/reopen`, { body: { reason: 'Revised' }, headers: asAlice });
    expect(reopened.status).toBe(200);
    expect(reopened.json).toMatchObject({ status: 'reopened', round: 2 });
  });

  it('the typed client speaks the same routes and rebuilds approval errors as ApprovalError', async () => {
    const { handler, dana, eve } = await setup();
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => handler(new Request(input, init))) as typeof globalThis.fetch;
    const staff = createPortalClient({ baseUrl: 'http://portal.test/api/portal', headers: asAlice, retries: 0, fetch });
    const asDana = createPortalClient({ baseUrl: 'http://portal.test/api/portal', token: dana.session, retries: 0, fetch });
    const asEve = createPortalClient({ baseUrl: 'http://portal.test/api/portal', token: eve.session, retries: 0, fetch });
    const a = await staff.approvals.request('p-maple', { module: 'selections', id: 'sel-tile', approvers: [dana.client.id, eve.client.id] });
    expect(a.requestedAt).toBeInstanceOf(Date);
    expect((await asEve.approvals.listMine('p-maple')).map((x) => x.id)).toEqual([a.id]);
    const decided = await asDana.approvals.decide('p-maple', a.id, { decision: 'approved', optionId: 'opt-2' });
    expect(decided.decisions[0]!.decidedAt).toBeInstanceOf(Date);
    const error = await asEve.approvals.decide('p-maple', a.id, { decision: 'approved', optionId: 'opt-1' }).catch((e) => e);
    expect(error).toBeInstanceOf(ApprovalError);
    expect(error.code).toBe('approval_closed');
    expect((await staff.approvals.list('p-maple', { status: 'approved' })).map((x) => x.id)).toEqual([a.id]);
    expect((await staff.approvals.export('p-maple', a.id)).exportedAt).toBeInstanceOf(Date);
    await expect(staff.approvals.reopen('p-maple', a.id, { reason: 'Different tile' })).resolves.toMatchObject({ status: 'reopened' });
    await expect(asDana.approvals.decide('p-maple', 'ap-nope', { decision: 'approved' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('withdraws an open approval (200, with or without a body); the typed client too; a settled one is a 409', async () => {
    const { send, request, handler, dana, eve, state } = await setup();
    const first = (await request({ module: 'changeOrders', id: 'co-1', approvers: [dana.client.id, eve.client.id], mode: 'sequence' })).json;
    const withdrawn = await send('POST', `/projects/p-maple/approvals/${first.id}/withdraw`, { body: { reason: 'Wrong approvers' }, headers: asAlice });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json).toMatchObject({ status: 'withdrawn', withdrawReason: 'Wrong approvers', waitingOn: [] });
    expect(typeof withdrawn.json.withdrawnAt).toBe('string');
    const waiting = await send('GET', '/portal/projects/p-maple/approvals', { headers: dana.headers });
    expect(waiting.json).toEqual([expect.objectContaining({ id: first.id, status: 'withdrawn', waitingOn: [] })]);

    const second = (await request({ module: 'changeOrders', id: 'co-1', approvers: [dana.client.id] })).json;
    expect((await send('POST', `/projects/p-maple/approvals/${second.id}/withdraw`, { headers: asAlice })).json).toMatchObject({ status: 'withdrawn' });

    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => handler(new Request(input, init))) as typeof globalThis.fetch;
    const staff = createPortalClient({ baseUrl: 'http://portal.test/api/portal', headers: asAlice, retries: 0, fetch });
    const third = await staff.approvals.request('p-maple', { module: 'selections', id: 'sel-tile', approvers: [eve.client.id] });
    // Eve off the project: the staff list says she can no longer decide, through the typed client's check.
    await staff.clients.setProjects(eve.client.id, []);
    expect((await staff.approvals.list('p-maple', { id: 'sel-tile' }))[0]!.cannotDecide).toEqual([{ clientId: eve.client.id, code: 'no_project_access' }]);
    await staff.clients.setProjects(eve.client.id, ['p-maple']);
    const taken = await staff.approvals.withdraw('p-maple', third.id);
    expect(taken).toMatchObject({ status: 'withdrawn' });
    expect(taken.withdrawnAt).toBeInstanceOf(Date);

    const before = await state();
    const again = await send('POST', `/projects/p-maple/approvals/${third.id}/withdraw`, { body: {}, headers: asAlice });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: 'conflict', detail: 'This approval is withdrawn; only an open approval can be withdrawn' });
    const empty = await send('POST', `/projects/p-maple/approvals/${third.id}/withdraw`, { body: { reason: '' }, headers: asAlice });
    expect(empty.status).toBe(422);
    expect(empty.json.errors).toEqual([expect.objectContaining({ path: ['reason'] })]);
    expect((await send('POST', `/projects/p-maple/approvals/${third.id}/withdraw`, { headers: dana.headers })).status).toBe(403);
    expect((await send('POST', `/projects/p-maple/approvals/${third.id}/withdraw`, { headers: asBob })).status).toBe(404);
    expect(await state()).toEqual(before);
  });

  describe('bad input: a typed 4xx that says why and changes nothing', () => {
    it.each([
      ['deciding twice', 409, 'conflict'],
      ['out of order', 409, 'not_your_turn'],
      ['after expiry', 409, 'approval_expired'],
      ['on a stale item', 409, 'approval_stale'],
      ['on another project', 404, 'not_found'],
      ['as another tenant', 404, 'not_found'],
      ['with an option that does not exist', 422, 'validation_failed'],
      ['without approve permission', 404, 'not_found'],
      ['with approve taken away', 403, 'forbidden'],
      ['with an unknown decision', 422, 'validation_failed'],
      ['with an unknown field', 422, 'validation_failed'],
      ['with a body that is not JSON', 400, 'bad_request'],
      ['as staff', 401, 'unauthenticated'],
    ])('%s → %i %s', async (what, status, code) => {
      const http = await setup();
      const { send, request, dana, eve, gus, clock, content, portal } = http;
      const mode = what === 'out of order' ? 'sequence' : 'all';
      const module = what.includes('option') ? 'selections' : 'changeOrders';
      const id = module === 'selections' ? 'sel-tile' : 'co-1';
      const created = await request({ module, id, approvers: [dana.client.id, eve.client.id], mode, dueAt: new Date(clock.now().getTime() + 60_000).toISOString() });
      expect(created.status).toBe(201);
      const aid = created.json.id as string;
      let actor = dana;
      let path = `/portal/projects/p-maple/approvals/${aid}/decision`;
      let body: unknown = { decision: 'approved' };
      let raw: string | undefined;
      let headers: Record<string, string> = {};
      if (what === 'deciding twice') expect((await send('POST', path, { body, headers: dana.headers })).status).toBe(201);
      if (what === 'out of order') actor = eve;
      if (what === 'after expiry') clock.advanceMs(60_000);
      if (what === 'on a stale item') content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount: 999 } });
      if (what === 'on another project') path = `/portal/projects/p-oak/approvals/${aid}/decision`;
      if (what === 'as another tenant') {
        const other = await send('POST', '/clients', { body: { email: 'zed@example.com', projectIds: ['p-maple'] }, headers: asBob });
        await http.portal.outbox.flush();
        const accepted = await send('POST', '/invites/accept', { body: { token: http.lastInviteToken('zed@example.com'), password: 'correct horse battery' } });
        expect(other.status).toBe(201);
        headers = { authorization: `Bearer ${accepted.json.session.token}` };
      }
      if (what.includes('option')) body = { decision: 'approved', optionId: 'opt-9' };
      if (what === 'without approve permission') actor = gus;
      if (what === 'with approve taken away') await portal.clients.update(staffA, dana.client.id, { roleId: 'client' });
      if (what === 'with an unknown decision') body = { decision: 'maybe' };
      if (what === 'with an unknown field') body = { decision: 'approved', signature: 'x' };
      if (what === 'with a body that is not JSON') {
        body = undefined;
        raw = '{decision';
        headers = { 'content-type': 'application/json' };
      }
      if (what === 'as staff') headers = asAlice;
      const before = await http.state();
      const auth = what === 'as another tenant' || what === 'as staff' ? headers : { ...actor.headers, ...headers };
      const response = await send('POST', path, { ...(body === undefined ? { raw } : { body }), headers: auth });
      expect(response.status, JSON.stringify(response.json)).toBe(status);
      expect(response.json.code).toBe(code);
      expect(response.json.detail).toEqual(expect.any(String));
      expect(await http.state()).toEqual(before);
    });

    it('refuses a request naming approvers who cannot approve: 422 with each approver’s path', async () => {
      const { request, dana, gus, state } = await setup();
      const before = await state();
      const response = await request({ module: 'changeOrders', id: 'co-1', approvers: [dana.client.id, gus.client.id] });
      expect(response.status).toBe(422);
      expect(response.json.errors).toEqual([expect.objectContaining({ path: ['approvers', 1], code: 'may_not_approve' })]);
      expect(response.json.detail).toContain(gus.client.id);
      expect(await state()).toEqual(before);
    });

    it('refuses a staff route to a client (403) and staff of another tenant (404)', async () => {
      const { send, request, dana } = await setup();
      const created = await request({ module: 'changeOrders', id: 'co-1', approvers: [dana.client.id] });
      expect((await send('GET', '/projects/p-maple/approvals', { headers: dana.headers })).status).toBe(403);
      expect((await send('GET', `/projects/p-maple/approvals/${created.json.id}/export`, { headers: asBob })).status).toBe(404);
      expect((await send('POST', `/projects/p-maple/approvals/${created.json.id}/reopen`, { body: { reason: 'x' }, headers: asBob })).status).toBe(404);
      expect((await send('GET', '/projects/p-maple/approvals?status=later', { headers: asAlice })).status).toBe(422);
    });
  });
});
