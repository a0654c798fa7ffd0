import { describe, expect, it } from 'vitest';
import { memoryContent } from 'sitegate/adapters/memory';
import { sampleContent, TENANT_A } from '../../src/testing/fixtures.js';

const at = new Date('2026-01-01T00:00:00Z');

describe('the memory content source hands out its records without copying them', () => {
  it('returns the same frozen record on every call, so no request pays for a copy and none can change it', async () => {
    const content = memoryContent(sampleContent());
    const [first] = await content.resolve(TENANT_A, [{ projectId: 'p-maple', module: 'documents', id: 'd-contract' }]);
    const [again] = await content.resolve(TENANT_A, [{ projectId: 'p-maple', module: 'documents', id: 'd-contract' }]);
    expect(first).not.toBeNull();
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      (first as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    const [project] = await content.projects(TENANT_A, ['p-maple']);
    expect(Object.isFrozen(project)).toBe(true);
  });

  it('lists a folder from its own index, following moves and removals', async () => {
    const content = memoryContent(sampleContent());
    const folder = { projectId: 'p-maple', module: 'documents' as const, id: 'd-contracts' };
    const before = (await content.children(TENANT_A, folder)).map((r) => r.id);
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-new', kind: 'item', name: 'New.pdf', parentId: 'd-contracts', updatedAt: at });
    expect((await content.children(TENANT_A, folder)).map((r) => r.id)).toEqual([...before, 'd-new']);
    // Moved elsewhere: no longer a child here.
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-new', kind: 'item', name: 'New.pdf', parentId: 'd-permits', updatedAt: at });
    expect((await content.children(TENANT_A, folder)).map((r) => r.id)).toEqual(before);
    expect((await content.children(TENANT_A, { ...folder, id: 'd-permits' })).map((r) => r.id)).toContain('d-new');
    content.remove({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-new' });
    expect((await content.children(TENANT_A, { ...folder, id: 'd-permits' })).map((r) => r.id)).not.toContain('d-new');
    // Another tenant's folder of the same ids is another folder.
    expect((await content.children('globex', folder)).every((r) => r.tenantId === 'globex')).toBe(true);
    expect(await content.children('nobody', folder)).toEqual([]);
  });

  it('resolves by tenant, project, module and id, following puts, renames and removals', async () => {
    const content = memoryContent(sampleContent());
    const ref = { projectId: 'p-maple', module: 'documents' as const, id: 'd-new' };
    const resolveOne = async (tenantId: string, r: typeof ref) => (await content.resolve(tenantId, [r]))[0];
    expect(await resolveOne(TENANT_A, ref)).toBeNull();
    content.put({ tenantId: TENANT_A, ...ref, kind: 'item', name: 'New.pdf', updatedAt: at });
    expect((await resolveOne(TENANT_A, ref))?.name).toBe('New.pdf');
    content.put({ tenantId: TENANT_A, ...ref, kind: 'item', name: 'Renamed.pdf', updatedAt: at });
    expect((await resolveOne(TENANT_A, ref))?.name).toBe('Renamed.pdf');
    // The same id in another tenant, project or module is another resource.
    expect(await resolveOne('globex', ref)).toBeNull();
    expect(await resolveOne(TENANT_A, { ...ref, projectId: 'p-oak' })).toBeNull();
    expect(await content.resolve(TENANT_A, [{ ...ref, module: 'photos' }])).toEqual([null]);
    content.remove({ tenantId: TENANT_A, ...ref });
    expect(await resolveOne(TENANT_A, ref)).toBeNull();
    // Removing one resource leaves the others of its module and project resolvable.
    expect(await resolveOne(TENANT_A, { ...ref, id: 'd-contract' })).not.toBeNull();
    // A project's only resource, removed and put back: what emptied its maps does not lose it.
    const alone = { projectId: 'p-new', module: 'photos' as const, id: 'ph-alone' };
    content.put({ tenantId: TENANT_A, ...alone, kind: 'item', name: 'Alone.jpg', updatedAt: at });
    content.remove({ tenantId: TENANT_A, ...alone });
    expect(await content.resolve(TENANT_A, [alone])).toEqual([null]);
    content.put({ tenantId: TENANT_A, ...alone, kind: 'item', name: 'Back.jpg', updatedAt: at });
    expect((await content.resolve(TENANT_A, [alone]))[0]?.name).toBe('Back.jpg');
  });
});

describe('the memory table copies records in and out', () => {
  it('copies deeply, keeps Dates and a `__proto__` data key, and shares nothing with the caller', async () => {
    const { copyRecord } = await import('../../src/model/copy-record.js');
    const at = new Date('2026-01-01T00:00:00Z');
    const data = JSON.parse('{"__proto__": {"polluted": true}, "list": [1, {"x": 2}]}') as Record<string, unknown>;
    const row = { id: 'a', at, data, none: undefined, tags: ['t'] };
    const copy = copyRecord(row);
    expect(copy).toEqual(row);
    expect(copy.at).not.toBe(at);
    expect(copy.at.getTime()).toBe(at.getTime());
    expect(copy.data).not.toBe(data);
    expect(Object.getPrototypeOf(copy.data)).toBe(Object.prototype);
    expect(Object.keys(copy.data)).toContain('__proto__');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect('none' in copy).toBe(true);
  });

  it("copies only the record's own keys, whatever `Object.prototype` has been given", async () => {
    const { copyRecord } = await import('../../src/model/copy-record.js');
    const row = { id: 'a', at: new Date('2026-01-01T00:00:00Z') };
    Object.defineProperty(Object.prototype, 'inherited', { value: { x: 1 }, enumerable: true, configurable: true, writable: true });
    try {
      const copy = copyRecord(row);
      expect(Object.keys(copy)).toEqual(['id', 'at']);
      expect(Object.hasOwn(copy, 'inherited')).toBe(false);
    } finally {
      delete (Object.prototype as { inherited?: unknown }).inherited;
    }
  });
});
