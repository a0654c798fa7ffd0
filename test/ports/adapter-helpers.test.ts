// The helpers sitegate exports for storage adapter authors, as they import them.
import { describe, expect, it } from 'vitest';
import { clientMatches, encodeTimeCursor, paginate, type ClientRecord } from 'sitegate';
import { clientStatusFilter } from '../../src/ports/client-filter.js';

const T0 = new Date('2026-03-02T10:00:00.123Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const row = (id: string, ms: number) => ({ id, at: at(ms) });

describe('paginate', () => {
  const rows = [row('b', 0), row('a', 0), row('c', 5), row('B', 0), row('d', -5)];
  const ids = (page: { items: { id: string }[] }) => page.items.map((r) => r.id);

  it('sorts by time, then id by code unit, and pages with a cursor until null', () => {
    const first = paginate(rows, { key: (r) => [r.at, r.id], order: 'asc', limit: 2 });
    expect(ids(first)).toEqual(['d', 'B']);
    const second = paginate(rows, { key: (r) => [r.at, r.id], order: 'asc', limit: 2, cursor: first.nextCursor! });
    expect(ids(second)).toEqual(['a', 'b']);
    const last = paginate(rows, { key: (r) => [r.at, r.id], order: 'asc', limit: 2, cursor: second.nextCursor! });
    expect(ids(last)).toEqual(['c']);
    expect(last.nextCursor).toBeNull();
  });

  it('pages newest first, with a null cursor when the last page is exactly full', () => {
    const first = paginate(rows, { key: (r) => [r.at, r.id], order: 'desc', limit: 3 });
    expect(ids(first)).toEqual(['c', 'b', 'a']);
    const second = paginate(rows, { key: (r) => [r.at, r.id], order: 'desc', limit: 2, cursor: first.nextCursor! });
    expect(ids(second)).toEqual(['B', 'd']);
    expect(second.nextCursor).toBeNull();
  });

  it('uses the cursors of encodeTimeCursor, so SQL and in-memory stores agree', () => {
    const page = paginate(rows, { key: (r) => [r.at, r.id], order: 'asc', limit: 1 });
    expect(page.nextCursor).toBe(encodeTimeCursor(at(-5), 'd'));
  });

  it('returns deep copies: nested lists, dates and values of other classes included', () => {
    const stored = [{ id: 'a', at: at(0), tags: [{ name: 't' }], seen: new Set(['x']) }];
    const [copy] = paginate(stored, { key: (r) => [r.at, r.id], order: 'asc', limit: 1 }).items;
    expect(copy).toEqual(stored[0]);
    copy!.id = 'changed';
    copy!.tags[0]!.name = 'changed';
    copy!.tags.push({ name: 'more' });
    copy!.at.setTime(0);
    copy!.seen.add('y');
    expect(stored[0]).toEqual({ id: 'a', at: at(0), tags: [{ name: 't' }], seen: new Set(['x']) });
  });

  it('rejects a cursor it did not make with a BadRequestError', () => {
    for (const cursor of ['nope', 'e30', encodeTimeCursor(T0, 'a').slice(0, -2)]) {
      expect(() => paginate(rows, { key: (r) => [r.at, r.id], order: 'asc', limit: 1, cursor }), cursor).toThrow(expect.objectContaining({ name: 'BadRequestError', code: 'bad_request' }));
    }
  });
});

describe('client filters', () => {
  const client = (over: Partial<ClientRecord>): ClientRecord => ({
    tenantId: 'acme', id: 'cl-1', email: 'dana@example.com', roleId: 'client', projectIds: ['p-maple'], portalAccess: true, createdAt: T0, updatedAt: T0, ...over,
  });
  const people = {
    notInvited: client({}),
    invited: client({ inviteExpiresAt: at(1) }),
    expiredNow: client({ inviteExpiresAt: at(0) }),
    active: client({ activatedAt: T0, inviteExpiresAt: at(-1) }),
    disabled: client({ portalAccess: false, inviteExpiresAt: at(1) }),
  };
  const matching = (status: Parameters<typeof clientStatusFilter>[0]) =>
    Object.entries(people).filter(([, c]) => clientMatches(c, clientStatusFilter(status, T0))).map(([name]) => name);

  it('turns each status into plain filters that select exactly the clients of that status', () => {
    expect(matching('not_invited')).toEqual(['notInvited']);
    expect(matching('invited')).toEqual(['invited']);
    expect(matching('expired')).toEqual(['expiredNow']);
    expect(matching('active')).toEqual(['active']);
    expect(matching('disabled')).toEqual(['disabled']);
    expect(matching(undefined)).toEqual(Object.keys(people));
  });

  it('searches email and name case-insensitively, every character literal', () => {
    const named = client({ email: 'x_y@example.com', name: 'Dana Ökland' });
    expect(clientMatches(named, { q: 'ÖKLAND' })).toBe(true);
    expect(clientMatches(named, { q: 'X_Y' })).toBe(true);
    expect(clientMatches(named, { q: '%' })).toBe(false);
    expect(clientMatches(named, { projectId: 'p-oak' })).toBe(false);
  });
});
