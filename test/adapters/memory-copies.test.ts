import { describe, expect, it } from 'vitest';
import { memoryStorage } from 'sitegate/adapters/memory';

const T = 'acme';
const P = 'p-1';
const at = new Date('2026-03-02T10:00:00.000Z');
const update = (id: string, day: number) => ({
  tenantId: T,
  id,
  projectId: P,
  title: `Week ${day}`,
  body: 'Framing done.',
  resources: [{ module: 'photos' as const, id: `ph-${id}` }],
  authorId: 'u-1',
  publishedAt: new Date(at.getTime() + day * 86_400_000),
});

/** Changes everything a caller could change on an update it was given. */
function scribble(u: { title?: string; resources: { id: string }[]; publishedAt: Date }) {
  u.title = 'scribbled';
  u.resources[0]!.id = 'scribbled';
  u.resources.push({ id: 'extra' } as never);
  u.publishedAt.setTime(0);
}

describe('memory storage: what a read returns shares nothing with the store', () => {
  it('updates listed, fetched and edited can be changed without changing what is stored', async () => {
    const storage = memoryStorage();
    await storage.insertUpdate(update('up-1', 1));
    await storage.insertUpdate(update('up-2', 2));
    const expected = [update('up-2', 2), update('up-1', 1)];

    for (const listed of (await storage.listUpdates(T, P, { limit: 10 })).items) scribble(listed);
    scribble((await storage.getUpdate(T, 'up-1'))!);
    expect((await storage.listUpdates(T, P, { limit: 10 })).items).toEqual(expected);

    const edited = (await storage.editUpdate(T, P, 'up-2', { body: 'Roof on.', editedAt: at }))!;
    scribble(edited);
    const stored = (await storage.getUpdate(T, 'up-2'))!;
    expect(stored).toEqual({ ...update('up-2', 2), body: 'Roof on.', editedAt: at });
    // No removal mark leaks to callers.
    expect('removedAt' in stored).toBe(false);
  });

  it('a visit read or recorded can be changed without changing what is stored', async () => {
    const storage = memoryStorage();
    const window = { quietSince: new Date(at.getTime() - 60_000), newVisitBefore: new Date(at.getTime() - 1_800_000) };
    const recorded = await storage.recordVisit(T, 'c-1', P, at, window);
    recorded.lastVisitAt.setTime(0);
    const read = (await storage.getVisit(T, 'c-1', P))!;
    expect(read.lastVisitAt).toEqual(at);
    read.lastVisitAt.setTime(0);
    expect((await storage.getVisit(T, 'c-1', P))!.lastVisitAt).toEqual(at);
  });
});
