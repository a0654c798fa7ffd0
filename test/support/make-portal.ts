import { createPortal, scryptPasswords, type ClientActor, type PasswordHashingOptions, type PortalOptions, type StaffActor, type Storage } from 'sitegate';
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

export function makePortal(
  options: {
    storage?: Storage;
    mail?: Mail;
    modules?: Record<string, string[]>;
    passwordHashing?: PasswordHashingOptions;
    /** The host's event handler and the outbox settings its delivery runs on. */
    onEvent?: PortalOptions['onEvent'];
    outbox?: PortalOptions['outbox'];
    onError?: PortalOptions['onError'];
    linkRequestFloorMs?: number;
    /** Digest settings (`portalUrl`, `unsubscribeUrl`, `digestWindows`); without them no digest is assembled. */
    notifications?: Pick<PortalOptions, 'portalUrl' | 'unsubscribeUrl' | 'digestWindows'>;
    /** The host's words and templates for emails. */
    emails?: PortalOptions['emails'];
  } = {},
) {
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
    resetUrl: (token) => `https://builder.example/portal/reset#token=${encodeURIComponent(token)}`,
    signInLinkUrl: (token) => `https://builder.example/portal/sign-in-link#token=${encodeURIComponent(token)}`,
    confirmEmailUrl: (token) => `https://builder.example/portal/confirm-email#token=${encodeURIComponent(token)}`,
    linkRequestFloorMs: options.linkRequestFloorMs ?? 0,
    tenants: async (id) => settings[id] ?? null,
    now: clock.now,
    passwords: testPasswords,
    ...(options.passwordHashing ? { passwordHashing: options.passwordHashing } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.outbox ? { outbox: options.outbox } : {}),
    // Tests fail mail and hooks on purpose; what they report is asserted where it matters.
    onError: options.onError ?? (() => {}),
    ...options.notifications,
    ...(options.emails ? { emails: options.emails } : {}),
  });
  /** The raw token from the newest invite email to `to`. */
  const lastInviteToken = (to: string): string => {
    const message = [...mail.messages].reverse().find((m) => m.to === to);
    if (!message) throw new Error(`no mail to ${to}`);
    const match = /token=([^\s"&<]+)/.exec(message.text);
    if (!match) throw new Error('no token in the invite mail');
    return decodeURIComponent(match[1]!);
  };
  /** The raw token of the newest link to `page` (`reset`, `sign-in-link`, `confirm-email`, `accept`) mailed to `to`, or undefined. */
  const lastLinkToken = (to: string, page: 'reset' | 'sign-in-link' | 'confirm-email' | 'accept'): string | undefined => {
    for (const message of [...mail.messages].reverse()) {
      if (message.to !== to) continue;
      const match = new RegExp(`/portal/${page}#token=([^\\s"&<]+)`).exec(message.text);
      if (match) return decodeURIComponent(match[1]!);
    }
    return undefined;
  };
  return { portal, storage, mail, content, clock, settings, lastInviteToken, lastLinkToken };
}

/** A client `staff` added to p-maple, its invite delivered and accepted: the client, signed in. */
export async function signedInClient(made: ReturnType<typeof makePortal>, staff: StaffActor, email: string): Promise<ClientActor> {
  await made.portal.clients.add(staff, { email, projectIds: ['p-maple'] });
  await made.portal.outbox.flush();
  const { session } = await made.portal.invites.accept(made.lastInviteToken(email), { password: 'long enough password' });
  return (await made.portal.sessions.resolve(session.token)) as ClientActor;
}
