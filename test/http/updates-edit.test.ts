import { describe, expect, it } from 'vitest';
import { asAlice, asBob, makeHttp, ORIGIN } from './support.js';

/** A handler with one published update of p-maple carrying two attachments. */
async function withUpdate() {
  const http = makeHttp();
  const published = await http.send('POST', '/projects/p-maple/updates', {
    body: { title: 'Week 1', body: 'Foundation poured.', resources: [{ module: 'photos', id: 'ph-1' }, { module: 'drawings', id: 'dr-a201' }] },
    headers: asAlice,
  });
  expect(published.status).toBe(201);
  const listed = async () => (await http.send('GET', '/projects/p-maple/updates', { headers: asAlice })).json.items;
  return { http, update: published.json, listed };
}

describe('PATCH /projects/:projectId/updates/:id', () => {
  it('edits (200) and the client sees the new text marked edited', async () => {
    const { http, update } = await withUpdate();
    const { headers } = await http.signedInClient('dana@example.com', ['p-maple']);
    const edited = await http.send('PATCH', `/projects/p-maple/updates/${update.id}`, {
      body: { title: null, body: 'Foundation poured and cured.', resources: [{ module: 'photos', id: 'ph-1' }] },
      headers: asAlice,
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ id: update.id, body: 'Foundation poured and cured.', resources: [{ module: 'photos', id: 'ph-1' }] });
    expect(edited.json).not.toHaveProperty('title');
    expect(typeof edited.json.editedAt).toBe('string');
    const feed = await http.send('GET', '/portal/projects/p-maple', { headers });
    expect(feed.json.modules.updates[0].update).toMatchObject({ body: 'Foundation poured and cured.', editedAt: edited.json.editedAt });
    expect(feed.json.modules.updates[0].resources.map((r: { id: string }) => r.id)).toEqual(['ph-1']);
  });

  it('answers 422 with field paths for bad input, and changes nothing', async () => {
    const { http, update, listed } = await withUpdate();
    const before = await listed();
    const path = `/projects/p-maple/updates/${update.id}`;
    const empty = await http.send('PATCH', path, { body: {}, headers: asAlice });
    expect(empty.status).toBe(422);
    expect(empty.headers.get('content-type')).toBe('application/problem+json');
    const blank = await http.send('PATCH', path, { body: { body: '  ' }, headers: asAlice });
    expect(blank.status).toBe(422);
    expect(blank.json.errors[0].path).toEqual(['body']);
    const unknown = await http.send('PATCH', path, { body: { resources: [{ module: 'photos', id: 'ph-1' }, { module: 'documents', id: 'd-nope' }] }, headers: asAlice });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors.map((e: { path: unknown[] }) => e.path)).toEqual([['resources', 1, 'id']]);
    const badModule = await http.send('PATCH', path, { body: { resources: [{ module: 'spaceships', id: 'x' }] }, headers: asAlice });
    expect(badModule.status).toBe(422);
    expect(badModule.json.errors[0].path.slice(0, 2)).toEqual(['resources', 0]);
    const extra = await http.send('PATCH', path, { body: { body: 'ok', authorId: 'u-mallory' }, headers: asAlice });
    expect(extra.status).toBe(422);
    const unreadable = await http.send('PATCH', path, { raw: '{"body":', headers: { ...asAlice, 'content-type': 'application/json' } });
    expect(unreadable.status).toBe(400);
    expect(await listed()).toEqual(before);
  });

  it('is 404 for another tenant, another project, an unknown and a removed update; 401 without staff; 404 for a client', async () => {
    const { http, update, listed } = await withUpdate();
    const before = await listed();
    expect((await http.send('PATCH', `/projects/p-maple/updates/${update.id}`, { body: { body: 'x' }, headers: asBob })).status).toBe(404);
    expect((await http.send('PATCH', `/projects/p-oak/updates/${update.id}`, { body: { body: 'x' }, headers: asAlice })).status).toBe(404);
    expect((await http.send('PATCH', '/projects/p-maple/updates/up_missing', { body: { body: 'x' }, headers: asAlice })).status).toBe(404);
    expect((await http.send('PATCH', `/projects/p-maple/updates/${update.id}`, { body: { body: 'x' } })).status).toBe(401);
    // A signed-in client is not staff: the staff route does not answer it with anything useful.
    const { headers } = await http.signedInClient('dana@example.com', ['p-maple']);
    const asClient = await http.send('PATCH', `/projects/p-maple/updates/${update.id}`, { body: { body: 'x' }, headers: { ...headers, origin: ORIGIN } });
    expect([401, 403]).toContain(asClient.status);
    expect(await listed()).toEqual(before);
    await http.send('DELETE', `/projects/p-maple/updates/${update.id}`, { headers: asAlice });
    expect((await http.send('PATCH', `/projects/p-maple/updates/${update.id}`, { body: { body: 'x' }, headers: asAlice })).status).toBe(404);
  });
});

describe('DELETE /projects/:projectId/updates/:id', () => {
  it('removes (204): gone from the staff list and the client feed; a second delete is 404', async () => {
    const { http, update, listed } = await withUpdate();
    const { headers } = await http.signedInClient('dana@example.com', ['p-maple']);
    const gone = await http.send('DELETE', `/projects/p-maple/updates/${update.id}`, { headers: asAlice });
    expect(gone.status).toBe(204);
    expect(gone.json).toBeUndefined();
    expect(await listed()).toEqual([]);
    const feed = await http.send('GET', '/portal/projects/p-maple', { headers });
    expect(feed.json.modules.updates).toEqual([]);
    // The drawing was visible only through the update.
    expect((await http.send('GET', '/portal/projects/p-maple/drawings/dr-a201', { headers })).status).toBe(404);
    expect((await http.send('DELETE', `/projects/p-maple/updates/${update.id}`, { headers: asAlice })).status).toBe(404);
  });

  it('is 404 for another tenant or project, 401 without staff, and changes nothing', async () => {
    const { http, update, listed } = await withUpdate();
    const before = await listed();
    expect((await http.send('DELETE', `/projects/p-maple/updates/${update.id}`, { headers: asBob })).status).toBe(404);
    expect((await http.send('DELETE', `/projects/p-oak/updates/${update.id}`, { headers: asAlice })).status).toBe(404);
    expect((await http.send('DELETE', `/projects/p-maple/updates/${update.id}`)).status).toBe(401);
    expect((await http.send('DELETE', '/projects/p-maple/updates/..%2Fx', { headers: asAlice })).status).toBeLessThan(500);
    expect(await listed()).toEqual(before);
  });
});
