import { createPortal, type Mail, type OutboxOptions, type Storage } from 'sitegate';
import { memoryContent, memoryStorage } from 'sitegate/adapters/memory';
import { sampleContent, tenantSettings } from '../../../src/testing/fixtures.js';
import { testClock, testPasswords } from '../../support/make-portal.js';

/** A portal over memory storage with the given mail adapter, a hand-moved clock and fast outbox retries. */
export function mailPortal(mail: Mail, options: { storage?: Storage; clock?: ReturnType<typeof testClock>; outbox?: OutboxOptions; staffName?: (tenantId: string, userId: string) => Promise<string | undefined>; onError?: (error: unknown) => void } = {}) {
  const clock = options.clock ?? testClock();
  const storage = options.storage ?? memoryStorage();
  const settings = structuredClone(tenantSettings);
  const portal = createPortal({
    storage,
    mail,
    content: memoryContent(sampleContent()),
    acceptUrl: (token) => `https://builder.example/portal/accept?token=${encodeURIComponent(token)}`,
    tenants: async (id) => settings[id] ?? null,
    now: clock.now,
    passwords: testPasswords,
    outbox: { baseDelayMs: 1000, maxDelayMs: 60_000, leaseMs: 120_000, ...options.outbox },
    ...(options.staffName ? { staffName: options.staffName } : {}),
    // Tests fail mail on purpose; what they report is asserted where it matters.
    onError: options.onError ?? (() => {}),
  });
  return { portal, storage, clock, settings };
}

/** The raw invite token in an email body. */
export function tokenIn(text: string): string {
  const match = /token=([^\s"&<]+)/.exec(text);
  if (!match) throw new Error('no token in the invite mail');
  return decodeURIComponent(match[1]!);
}
