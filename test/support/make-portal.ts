import { createPortal, scryptPasswords, type PasswordHashingOptions, type Storage } from 'sitegate';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { sampleContent, tenantSettings } from '../../src/testing/fixtures.js';
import type { Mail } from '../../src/ports/mail.js';

/** A clock tests move by hand. */
export function testClock(start = '2026-03-02T10:00:00Z') {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    advanceDays(days: number) {
      now = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
    },
    advanceMs(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** Cheap scrypt for tests: the parameters travel with each hash, so verify still works. */
export const testPasswords = scryptPasswords({ N: 2 ** 10, r: 8, p: 1 });

export function makePortal(options: { storage?: Storage; mail?: Mail; modules?: Record<string, string[]>; passwordHashing?: PasswordHashingOptions } = {}) {
  const clock = testClock();
  const storage = options.storage ?? memoryStorage();
  const mail = memoryMail();
  const content = memoryContent(sampleContent());
  const settings = structuredClone(tenantSettings);
  const portal = createPortal({
    storage,
    mail: options.mail ?? mail,
    content,
    acceptUrl: (token) => `https://builder.example/portal/accept#token=${encodeURIComponent(token)}`,
    tenants: async (id) => settings[id] ?? null,
    now: clock.now,
    passwords: testPasswords,
    ...(options.passwordHashing ? { passwordHashing: options.passwordHashing } : {}),
  });
  /** The raw token from the newest invite email to `to`. */
  const lastInviteToken = (to: string): string => {
    const message = [...mail.messages].reverse().find((m) => m.to === to);
    if (!message) throw new Error(`no mail to ${to}`);
    const match = /token=([^\s"&<]+)/.exec(message.text);
    if (!match) throw new Error('no token in the invite mail');
    return decodeURIComponent(match[1]!);
  };
  return { portal, storage, mail, content, clock, settings, lastInviteToken };
}
