import { describe, expect, it } from 'vitest';
import type { ModuleId, ResourceRef, Share } from 'sitegate';
import { coverageOf, grantsFrom } from '../../src/access/coverage.js';

const at = new Date('2026-01-05T09:00:00Z');
const share = (module: ModuleId, resourceId: string, kind: Share['kind'] = 'item'): Share => ({
  tenantId: 'acme',
  id: `sh-${module}-${resourceId}`,
  projectId: 'p1',
  module,
  resourceId,
  kind,
  sharedBy: 'u1',
  createdAt: at,
});
const ref = (module: ModuleId, id: string): ResourceRef => ({ module, id });

describe('coverageOf: the sharing rule over a loaded snapshot', () => {
  it('covers nothing when nothing is shared or attached', () => {
    expect(coverageOf(grantsFrom([], []), ref('documents', 'd1'), [])).toBeNull();
  });

  it('covers a resource shared itself, whatever the kind of its share', () => {
    const own = share('documents', 'd1');
    expect(coverageOf(grantsFrom([own], []), ref('documents', 'd1'), [])).toEqual({ via: 'share', share: own });
    const folderAsItem = share('documents', 'f1', 'item');
    expect(coverageOf(grantsFrom([folderAsItem], []), ref('documents', 'f1'), ['f0'])).toEqual({ via: 'share', share: folderAsItem });
  });

  it('covers everything inside a folder shared as a folder, at any depth, the nearest share first', () => {
    const outer = share('documents', 'f-outer', 'folder');
    const inner = share('documents', 'f-inner', 'folder');
    expect(coverageOf(grantsFrom([outer], []), ref('documents', 'd1'), ['f-inner', 'f-mid', 'f-outer'])).toEqual({ via: 'folder', share: outer });
    expect(coverageOf(grantsFrom([outer, inner], []), ref('documents', 'd1'), ['f-inner', 'f-outer'])).toEqual({ via: 'folder', share: inner });
  });

  it('does not let an ancestor shared only as an item cover what is inside it', () => {
    expect(coverageOf(grantsFrom([share('documents', 'f1', 'item')], []), ref('documents', 'd1'), ['f1'])).toBeNull();
  });

  it('prefers its own share over a folder above it, and a share over an attachment', () => {
    const own = share('documents', 'd1');
    const folder = share('documents', 'f1', 'folder');
    expect(coverageOf(grantsFrom([folder, own], [ref('documents', 'd1')]), ref('documents', 'd1'), ['f1'])).toEqual({ via: 'share', share: own });
    expect(coverageOf(grantsFrom([folder], [ref('documents', 'd1')]), ref('documents', 'd1'), ['f1'])).toEqual({ via: 'folder', share: folder });
  });

  it('covers an update attachment and, for an attached folder, what is inside it', () => {
    const grants = grantsFrom([], [ref('dailyLogs', 'dl-2'), ref('photos', 'ph-week1')]);
    expect(coverageOf(grants, ref('dailyLogs', 'dl-2'), [])).toEqual({ via: 'attachment' });
    expect(coverageOf(grants, ref('photos', 'ph-1'), ['ph-week1'])).toEqual({ via: 'attachment' });
    expect(coverageOf(grants, ref('dailyLogs', 'dl-1'), [])).toBeNull();
  });

  it('keeps modules apart: the same id shared in another module covers nothing here', () => {
    const grants = grantsFrom([share('photos', 'x', 'folder')], [ref('photos', 'y')]);
    expect(coverageOf(grants, ref('documents', 'x'), [])).toBeNull();
    expect(coverageOf(grants, ref('documents', 'd1'), ['x'])).toBeNull();
    expect(coverageOf(grants, ref('documents', 'y'), [])).toBeNull();
  });

  it('believes only the ancestry it is given: without it, an item in a shared folder is not covered', () => {
    // The ancestry is the caller's duty (from the content source); coverage never guesses it.
    const grants = grantsFrom([share('documents', 'f1', 'folder')], []);
    expect(coverageOf(grants, ref('documents', 'd1'), [])).toBeNull();
    expect(coverageOf(grants, ref('documents', 'd1'), ['f1'])).not.toBeNull();
  });
});
