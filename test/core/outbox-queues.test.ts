import { describe, expect, it } from 'vitest';
import type { PortalEvent } from 'sitegate';
import { emitEvent } from '../../src/kernel/event-log.js';
import { staffA, TENANT_A, TENANT_B } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

const MINUTE = 60_000;
const none = { due: 0, retrying: 0, inFlight: 0, failed: 0, oldestDueAt: null };

/** A host whose `onEvent` fails while `down` is set, and records what it heard. */
function host() {
  const state = { down: true, heard: [] as PortalEvent[] };
  const onEvent = async (event: PortalEvent) => {
    if (state.down) throw new Error(`host down for ${event.id}`);
    state.heard.push(event);
  };
  return { state, onEvent };
}

/** A portal whose events are given up after one failed attempt. */
function giveUpAtOnce(onEvent: (event: PortalEvent) => Promise<void>) {
  return makePortal({ onEvent, outbox: { maxAttempts: 1 }, onError: () => {} });
}

async function queue(setup: ReturnType<typeof makePortal>, tenantId: string, n: number): Promise<string> {
  const data = { clientId: 'cl-eve', projectId: 'p-maple', module: 'documents' as const, id: `d-${n}` };
  const event = await setup.storage.transaction((tx) => emitEvent(tx, setup.clock.now(), tenantId, 'client.viewed', data));
  return event.id;
}

describe('outbox.backlog', () => {
  it('says how much mail is due and since when, then nothing once it is sent', async () => {
    const setup = makePortal();
    const { portal, clock } = setup;
    expect(await portal.outbox.backlog()).toEqual({ at: clock.now(), mail: none, events: none });
    const queuedAt = clock.now();
    await portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
    await portal.clients.add(staffA, { email: 'fay@example.com', projectIds: ['p-maple'] });
    clock.advanceMs(5 * MINUTE);
    const behind = await portal.outbox.backlog();
    expect(behind).toEqual({ at: clock.now(), mail: { ...none, due: 2, oldestDueAt: queuedAt }, events: none });
    expect(await portal.outbox.backlog({ tenantId: TENANT_B })).toMatchObject({ mail: none });
    await portal.outbox.flush();
    expect((await portal.outbox.backlog({ tenantId: TENANT_A })).mail).toEqual(none);
  });

  it('counts events given up, and retrying, whether or not this portal delivers them', async () => {
    const { onEvent } = host();
    const setup = giveUpAtOnce(onEvent);
    await queue(setup, TENANT_A, 1);
    await setup.portal.outbox.flush();
    expect((await setup.portal.outbox.backlog()).events).toEqual({ ...none, failed: 1 });
  });
});

describe('outbox.retryEvents', () => {
  it('delivers given-up events again once the host is back, oldest first, ahead of newer ones', async () => {
    const h = host();
    const setup = giveUpAtOnce(h.onEvent);
    const { portal } = setup;
    const first = await queue(setup, TENANT_A, 1);
    const second = await queue(setup, TENANT_A, 2);
    const otherTenant = await queue(setup, TENANT_B, 3);
    expect((await portal.outbox.flush()).events).toMatchObject({ failed: 3 });
    expect((await portal.outbox.events(TENANT_A, { state: 'failed' })).map((e) => e.id)).toEqual([first, second]);

    h.state.down = false;
    const newer = await queue(setup, TENANT_A, 4);
    expect(await portal.outbox.retryEvents(TENANT_A)).toEqual({ requeued: 2 });
    expect((await portal.outbox.flush()).events).toEqual({ delivered: 3, failed: 0, retrying: 0 });
    expect(h.state.heard.map((e) => e.id)).toEqual([first, second, newer]);
    // Another tenant's given-up event is its own operator's call.
    expect((await portal.outbox.events(TENANT_B)).map((e) => [e.id, e.state])).toEqual([[otherTenant, 'failed']]);
    expect(await portal.outbox.retryEvents(TENANT_A)).toEqual({ requeued: 0 });
  });

  it('retries only the events named, with a fresh set of attempts', async () => {
    const h = host();
    const setup = makePortal({ onEvent: h.onEvent, outbox: { maxAttempts: 2, baseDelayMs: 1000, maxDelayMs: 1000 }, onError: () => {} });
    const { portal, clock } = setup;
    const [a, b] = [await queue(setup, TENANT_A, 1), await queue(setup, TENANT_A, 2)];
    for (let i = 0; i < 4; i++) {
      await portal.outbox.flush();
      clock.advanceMs(1000);
    }
    expect((await portal.outbox.events(TENANT_A)).map((e) => [e.state, e.attempts])).toEqual([['failed', 2], ['failed', 2]]);
    expect(await portal.outbox.retryEvents(TENANT_A, { ids: [b] })).toEqual({ requeued: 1 });
    // Still down: the retried event has its two attempts again, then is given up again.
    expect((await portal.outbox.flush()).events).toEqual({ delivered: 0, failed: 0, retrying: 1 });
    clock.advanceMs(1000);
    expect((await portal.outbox.flush()).events).toEqual({ delivered: 0, failed: 1, retrying: 0 });
    expect((await portal.outbox.events(TENANT_A)).map((e) => [e.id, e.state, e.attempts])).toEqual([[a, 'failed', 2], [b, 'failed', 2]]);
  });

  it('refuses arguments it would misread, with a TypeError, and changes nothing', async () => {
    const h = host();
    const setup = giveUpAtOnce(h.onEvent);
    const { portal } = setup;
    await queue(setup, TENANT_A, 1);
    await portal.outbox.flush();
    const wrong: [string, () => Promise<unknown>, RegExp][] = [
      ['no tenant', () => portal.outbox.retryEvents(''), /tenantId must be a non-empty string/],
      ['ids not a list', () => portal.outbox.retryEvents(TENANT_A, { ids: 'ev-1' as never }), /ids must be an array/],
      ['an empty id', () => portal.outbox.retryEvents(TENANT_A, { ids: [''] }), /ids must be an array/],
      ['too many ids', () => portal.outbox.retryEvents(TENANT_A, { ids: Array.from({ length: 1001 }, (_, i) => `ev-${i}`) }), /at most 1000/],
      ['a misspelt option', () => portal.outbox.retryEvents(TENANT_A, { id: ['x'] } as never), /no option `id`; did you mean `ids`/],
      ['an unknown state', () => portal.outbox.events(TENANT_A, { state: 'lost' as never }), /state must be one of pending, delivering, delivered, failed/],
      ['a backlog of no tenant', () => portal.outbox.backlog({ tenantId: '' }), /tenantId must be a non-empty string/],
      ['backlog options not an object', () => portal.outbox.backlog('acme' as never), /options must be an object/],
    ];
    for (const [what, call, message] of wrong) await expect(call(), what).rejects.toThrow(message);
    for (const [what, call] of wrong) await expect(call(), what).rejects.toBeInstanceOf(TypeError);
    expect((await portal.outbox.events(TENANT_A)).map((e) => e.state)).toEqual(['failed']);
  });
});
