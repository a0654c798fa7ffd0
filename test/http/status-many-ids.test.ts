import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalClient } from 'sitegate/client';
import { toNodeListener } from 'sitegate/server';
import { idChunks, MAX_STATUS_IDS } from '../../src/client/id-chunks.js';
import { asAlice, makeHttp } from './support.js';

describe('shares.status for many ids, on node:http (whose headers stop at 16 KB)', () => {
  const http = makeHttp();
  const server = createServer(toNodeListener(http.handler));
  const requests: string[] = [];
  let client: ReturnType<typeof createPortalClient>;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/portal`;
    const counting: typeof fetch = (input, init) => (requests.push(input instanceof Request ? input.url : String(input)), fetch(input, init));
    client = createPortalClient({ baseUrl, headers: asAlice, retries: 0, fetch: counting });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers all of the 500 ids the server takes, in order, however long they are', async () => {
    await http.send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'documents', id: 'd-contract', kind: 'item' }] }, headers: asAlice });
    const ids = [...Array.from({ length: MAX_STATUS_IDS - 1 }, () => `doc-${randomUUID()}`), 'd-contract'];
    // In one request line this is 24 KB: node:http answers 431.
    expect(ids.map((id) => `&ids=${id}`).join('').length).toBeGreaterThan(16 * 1024);
    requests.length = 0;
    const statuses = await client.shares.status('p-maple', 'documents', ids);
    expect(statuses.map((s) => s.id)).toEqual(ids);
    expect(statuses.at(-1)).toMatchObject({ id: 'd-contract', status: 'shared' });
    expect(statuses.slice(0, -1).every((s) => s.status === 'not_shared')).toBe(true);
    expect(requests.length).toBeGreaterThan(1);
    for (const url of requests) expect(new URL(url).search.length).toBeLessThanOrEqual(4000);
  });

  it('asks the runs one after another, and names a refused id by its place in the whole list', async () => {
    const ids = Array.from({ length: 400 }, () => `doc-${randomUUID()}`);
    ids[300] = 'not an id';
    requests.length = 0;
    const error = await client.shares.status('p-maple', 'documents', ids).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation_failed' });
    expect((error as { issues: { path: unknown[] }[] }).issues.map((issue) => issue.path)).toEqual([['ids', 300]]);
    // The runs before the refused one were asked; none after it.
    const asked = requests.map((url) => new URL(url).searchParams.getAll('ids')).flat();
    expect(asked.at(-1)).toBe(ids[asked.length - 1]);
    expect(asked.length).toBeGreaterThan(300);
    expect(asked.length).toBeLessThan(ids.length);
  });

  it('sends a short list in one request, and an empty one for the server to refuse', async () => {
    requests.length = 0;
    expect(await client.shares.status('p-maple', 'documents', ['d-contract', 'd-budget'])).toHaveLength(2);
    expect(requests).toHaveLength(1);
    // No ids key at all in the query: said as missing ids, not as a value of the wrong type.
    const none = await client.shares.status('p-maple', 'documents', []).catch((e: unknown) => e);
    expect(none).toMatchObject({ code: 'validation_failed' });
    expect((none as { issues: unknown[] }).issues).toEqual([expect.objectContaining({ path: ['ids'], message: 'give at least one id' })]);
  });
});

describe('idChunks', () => {
  it('keeps order, and cuts at the query budget or at the server limit', () => {
    const short = Array.from({ length: 1200 }, (_, i) => `d${i}`);
    const chunks = idChunks(short);
    expect(chunks.flat()).toEqual(short);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(MAX_STATUS_IDS);
    const long = Array.from({ length: 50 }, (_, i) => `${'x'.repeat(190)}${i}`);
    const longChunks = idChunks(long);
    expect(longChunks.flat()).toEqual(long);
    for (const chunk of longChunks) expect(chunk.map((id) => `&ids=${encodeURIComponent(id)}`).join('').length).toBeLessThanOrEqual(4000);
    expect(idChunks([])).toEqual([[]]);
  });
});
