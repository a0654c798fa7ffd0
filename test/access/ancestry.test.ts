import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ancestorsOf, ancestriesOf, locate, locateOne } from '../../src/access/ancestry.js';
import type { Resource } from '../../src/model/resource.js';
import type { ContentSource, ProjectResourceRef } from '../../src/ports/content.js';

const TENANT = 't-1';

/** A host over a fixed set of resources that records every `resolve` it is asked. */
function recordingHost(resources: readonly Resource[]) {
  const asked: ProjectResourceRef[][] = [];
  const content: ContentSource = {
    async resolve(tenantId, refs) {
      asked.push(refs.map((r) => ({ ...r })));
      return refs.map((ref) => resources.find((r) => r.tenantId === tenantId && r.id === ref.id && r.projectId === ref.projectId && r.module === ref.module) ?? null);
    },
    async children() {
      return [];
    },
    async schedule() {
      return null;
    },
    async projects() {
      return [];
    },
  };
  return { content, asked };
}

const ids = ['a', 'b', 'c', 'd', 'e'];
/** Resources with arbitrary parents: chains, loops, self-parents, items as parents, other projects and modules, missing parents. */
const resourcesArb = fc.uniqueArray(
  fc.record({
    id: fc.constantFrom(...ids),
    parentId: fc.option(fc.constantFrom(...ids, 'gone'), { nil: undefined }),
    kind: fc.constantFrom('folder' as const, 'item' as const),
    projectId: fc.constantFrom('p-1', 'p-1', 'p-1', 'p-2'),
    module: fc.constantFrom('documents', 'documents', 'documents', 'photos'),
    tenantId: fc.constantFrom(TENANT, TENANT, TENANT, 't-2'),
  }),
  { selector: (r) => `${r.tenantId}/${r.projectId}/${r.module}/${r.id}`, maxLength: 12 },
).map((list) => list.map((r): Resource => ({ ...r, module: r.module as Resource['module'], name: r.id, updatedAt: new Date(0), ...(r.parentId ? { parentId: r.parentId } : {}) }) as Resource));

describe('locateOne', () => {
  it('answers as locate does for one ref, from the same calls to the content source', async () => {
    await fc.assert(
      fc.asyncProperty(resourcesArb, fc.constantFrom(...ids, 'gone'), fc.constantFrom('p-1', 'p-2'), async (resources, id, projectId) => {
        const ref = { projectId, module: 'documents' as const, id };
        const batch = recordingHost(resources);
        const one = recordingHost(resources);
        const [expected] = await locate(batch.content, TENANT, [ref]);
        const got = await locateOne(one.content, TENANT, ref);
        expect(got).toEqual(expected);
        expect(one.asked).toEqual(batch.asked);
      }),
      { numRuns: 2000 },
    );
  });

  it('stops at MAX_DEPTH on a very deep chain, as locate does', async () => {
    const chain: Resource[] = Array.from({ length: 100 }, (_, i) => ({
      tenantId: TENANT, projectId: 'p-1', module: 'documents', id: `f-${i}`, kind: 'folder', name: `f-${i}`, updatedAt: new Date(0), ...(i < 99 ? { parentId: `f-${i + 1}` } : {}),
    }));
    const ref = { projectId: 'p-1', module: 'documents' as const, id: 'f-0' };
    const [expected] = await locate(recordingHost(chain).content, TENANT, [ref]);
    const got = await locateOne(recordingHost(chain).content, TENANT, ref);
    expect(got?.ancestors).toHaveLength(64);
    expect(got).toEqual(expected);
  });

  it('sends the host only projectId, module and id, whatever else the ref carries', async () => {
    const host = recordingHost([]);
    await locateOne(host.content, TENANT, { projectId: 'p-1', module: 'documents', id: 'a', extra: 'x' } as ProjectResourceRef);
    expect(host.asked).toEqual([[{ projectId: 'p-1', module: 'documents', id: 'a' }]]);
  });
});

describe('ancestriesOf', () => {
  it('answers as ancestorsOf does for each resource, asking the host once per folder level for all', async () => {
    await fc.assert(
      fc.asyncProperty(resourcesArb, async (resources) => {
        const mine = resources.filter((r) => r.tenantId === TENANT);
        const batch = recordingHost(resources);
        const got = await ancestriesOf(batch.content, TENANT, mine);
        const expected = await Promise.all(mine.map((r) => ancestorsOf(recordingHost(resources).content, TENANT, r)));
        expect(got).toEqual(expected);
        // A chain asks for its parent, and for each folder's parent in turn: no level twice.
        expect(batch.asked.length).toBeLessThanOrEqual(Math.max(0, ...mine.map((r, i) => (r.parentId ? expected[i]!.length + 1 : 0))));
      }),
      { numRuns: 1000 },
    );
  });
});
