import { describe, expect, it } from 'vitest';
import type { ClientActor } from 'sitegate';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { FEED_PAGE } from '../../src/services/feed-page.js';
import { encodeTimeCursor } from '../../src/ports/cursor.js';
import { makePortal } from '../support/make-portal.js';
import { asAlice, makeHttp } from '../http/support.js';
import { withNextPage } from '../../components/portal-view/feed-more.js';

const PHOTOS = FEED_PAGE * 2 + 7;

/** A portal whose p-maple shares more photos than one page holds, and a signed-in client of it. */
async function manyPhotos() {
  const setup = makePortal();
  for (let i = 0; i < PHOTOS; i++) setup.content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'photos', id: `ph-${i}`, name: `Photo ${i}`, kind: 'item', updatedAt: new Date('2026-01-01T00:00:00Z') });
  // Shared in several calls on a moving clock, and some in the same millisecond: the order is by time, then id.
  for (let i = 0; i < PHOTOS; i += 10) {
    await setup.portal.shares.share(
      staffA,
      'p-maple',
      Array.from({ length: Math.min(10, PHOTOS - i) }, (_, j) => ({ module: 'photos' as const, id: `ph-${i + j}`, kind: 'item' as const })),
    );
    setup.clock.advanceMs(i % 20 === 0 ? 0 : 5);
  }
  await setup.portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-budget', kind: 'item' }]);
  await setup.portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
  await setup.portal.outbox.flush();
  const { session } = await setup.portal.invites.accept(setup.lastInviteToken('eve@example.com'), { password: 'long enough password' });
  const actor = (await setup.portal.sessions.resolve(session.token)) as ClientActor;
  return { ...setup, actor };
}

describe('the feed answers a bounded page per module', () => {
  it('caps each module and pages the rest with the cursor in `more`, every item once, in order', async () => {
    const { portal, actor } = await manyPhotos();
    const first = await portal.view.feed(actor, 'p-maple');
    expect(first.modules.photos).toHaveLength(FEED_PAGE);
    expect(first.modules.documents?.map((d) => d.id)).toEqual(['d-budget']);
    expect(first.more?.photos).toEqual(expect.any(String));
    expect(first.more?.documents).toBeUndefined();

    const seen = [...first.modules.photos!.map((p) => p.id)];
    let cursor = first.more!.photos;
    let pages = 1;
    while (cursor) {
      const next = await portal.view.feed(actor, 'p-maple', { module: 'photos', cursor });
      // A page of one module holds that module only.
      expect(Object.keys(next.modules)).toEqual(['photos']);
      expect(next.modules.photos!.length).toBeLessThanOrEqual(FEED_PAGE);
      seen.push(...next.modules.photos!.map((p) => p.id));
      cursor = next.more?.photos;
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(PHOTOS);
    const shares = (await portal.shares.list(staffA, 'p-maple', { module: 'photos', limit: 500 })).items;
    expect(seen).toEqual(shares.map((s) => s.resourceId));
  });

  it('pages updates with the update list cursor', async () => {
    const { portal, actor } = await manyPhotos();
    for (let i = 0; i < 55; i++) await portal.updates.publish(staffA, 'p-maple', { body: `Update ${i}` });
    const first = await portal.view.feed(actor, 'p-maple');
    expect(first.modules.updates).toHaveLength(50);
    const rest = await portal.view.feed(actor, 'p-maple', { module: 'updates', cursor: first.more!.updates! });
    expect(rest.modules.updates).toHaveLength(5);
    expect(rest.more).toBeUndefined();
  });

  it('refuses a malformed query or cursor with a typed error and answers nothing', async () => {
    const { portal, actor } = await manyPhotos();
    await expect(portal.view.feed(actor, 'p-maple', { cursor: 'abc' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(portal.view.feed(actor, 'p-maple', { module: 'blueprints' } as never)).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(portal.view.feed(actor, 'p-maple', { module: 'photos', cursor: 'not a cursor' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(portal.view.feed(actor, 'p-maple', { module: 'photos', extra: 1 } as never)).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it("refuses one section's cursor when it pages another, and a bare time cursor", async () => {
    const { portal, actor } = await manyPhotos();
    for (let i = 0; i < 55; i++) await portal.updates.publish(staffA, 'p-maple', { body: `Update ${i}` });
    const first = await portal.view.feed(actor, 'p-maple');
    const photos = first.more!.photos!;
    const updates = first.more!.updates!;
    const refused = { code: 'bad_request', issues: [{ path: ['cursor'] }] };
    await expect(portal.view.feed(actor, 'p-maple', { module: 'documents', cursor: photos })).rejects.toMatchObject(refused);
    await expect(portal.view.feed(actor, 'p-maple', { module: 'updates', cursor: photos })).rejects.toMatchObject(refused);
    await expect(portal.view.feed(actor, 'p-maple', { module: 'photos', cursor: updates })).rejects.toMatchObject(refused);
    // A cursor as other lists make them names no section.
    const last = first.modules.photos!.at(-1)!;
    const shares = (await portal.shares.list(staffA, 'p-maple', { module: 'photos' })).items;
    const share = shares.find((s) => s.resourceId === last.id)!;
    await expect(portal.view.feed(actor, 'p-maple', { module: 'photos', cursor: encodeTimeCursor(share.createdAt, share.id) })).rejects.toMatchObject(refused);
    // Each still pages its own section.
    expect((await portal.view.feed(actor, 'p-maple', { module: 'photos', cursor: photos })).modules.photos).toHaveLength(FEED_PAGE);
    expect((await portal.view.feed(actor, 'p-maple', { module: 'updates', cursor: updates })).modules.updates).toHaveLength(5);
  });

  it('a bad cursor on a project the client cannot see is a 404, as without one', async () => {
    const { portal, actor } = await manyPhotos();
    const first = await portal.view.feed(actor, 'p-maple');
    await expect(portal.view.feed(actor, 'p-oak', { module: 'documents', cursor: first.more!.photos! })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('over HTTP: the query string pages a module, and bad input is a 4xx', async () => {
    const http = makeHttp();
    for (let i = 0; i < FEED_PAGE + 3; i++) http.content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'photos', id: `ph-${i}`, name: `Photo ${i}`, kind: 'item', updatedAt: new Date('2026-01-01T00:00:00Z') });
    const resources = Array.from({ length: FEED_PAGE + 3 }, (_, i) => ({ module: 'photos', id: `ph-${i}`, kind: 'item' }));
    expect((await http.send('POST', '/projects/p-maple/shares', { body: { resources }, headers: asAlice })).status).toBe(201);
    const { headers } = await http.signedInClient('dana@example.com', ['p-maple']);
    const first = await http.send('GET', '/portal/projects/p-maple', { headers });
    expect(first.status).toBe(200);
    expect(first.json.modules.photos).toHaveLength(FEED_PAGE);
    const cursor = first.json.more.photos as string;
    const next = await http.send('GET', `/portal/projects/p-maple?module=photos&cursor=${encodeURIComponent(cursor)}`, { headers });
    expect(next.status).toBe(200);
    expect(next.json.modules.photos).toHaveLength(3);
    expect(next.json.more).toBeUndefined();
    expect((await http.send('GET', '/portal/projects/p-maple?module=photos&cursor=%25%25', { headers })).status).toBe(400);
    const elsewhere = await http.send('GET', `/portal/projects/p-maple?module=documents&cursor=${encodeURIComponent(cursor)}`, { headers });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.json).toMatchObject({ code: 'bad_request', errors: [{ path: ['cursor'] }] });
    expect((await http.send('GET', '/portal/projects/p-maple?page=2', { headers })).status).toBe(422);
    expect(http.errors).toEqual([]);
  });

  it('the portal view appends a page to its section and keeps the next cursor, as "Show more" does', async () => {
    const { portal, actor } = await manyPhotos();
    let feed = await portal.view.feed(actor, 'p-maple');
    const documents = feed.modules.documents;
    while (feed.more?.photos) feed = withNextPage(feed, 'photos', await portal.view.feed(actor, 'p-maple', { module: 'photos', cursor: feed.more.photos }));
    expect(feed.modules.photos).toHaveLength(PHOTOS);
    expect(feed.modules.documents).toBe(documents);
    expect(feed.more).toBeUndefined();
  });
});
