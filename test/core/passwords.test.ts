import { describe, expect, it } from 'vitest';
import { BusyError, createPortal, passwordRuleBroken, ValidationError, type PasswordHasher, type PasswordHashingOptions } from 'sitegate';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { staffA } from '../../src/testing/fixtures.js';
import { boundedPasswords } from '../../src/tokens/password-queue.js';
import { makePortal } from '../support/make-portal.js';

describe('password rules (NIST SP 800-63B)', () => {
  it.each([
    ['aaaaaaaaaa', 'password_repetitive'],
    ['ababababab', 'password_repetitive'],
    ['passpasspass', 'password_repetitive'],
    ['aaaaabbbbb', 'password_repetitive'],
    ['1234567890', 'password_common'],
    ['0123456789', 'password_sequential'],
    ['abcdefghijk', 'password_sequential'],
    ['9876543210', 'password_sequential'],
    ['7890123456', 'password_sequential'],
    ['password123', 'password_common'],
    ['Password123', 'password_common'],
    ['QWERTYUIOP', 'password_common'],
    ['basketball', 'password_common'],
    ['iloveyou123', 'password_common'],
  ])('refuses %s (%s)', (password, rule) => {
    expect(passwordRuleBroken(password)).toBe(rule);
  });

  it('refuses the account’s own email', () => {
    expect(passwordRuleBroken('Kim.Jones@example.com', { email: 'kim.jones@example.com' })).toBe('password_is_email');
    expect(passwordRuleBroken('kimberley.jones', { email: 'kimberley.jones@example.com' })).toBe('password_is_email');
  });

  it.each(['correct horse battery', 'long enough password', 'Tr0ub4dor&3xyz', 'abcabcabcX1'])('accepts %s', (password) => {
    expect(passwordRuleBroken(password)).toBeNull();
  });

  it('accepting an invite with a common password is a 422 naming the rule, and changes nothing', async () => {
    const { portal, mail, lastInviteToken } = makePortal();
    const kim = await portal.clients.add(staffA, { email: 'kim@example.com', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    const token = lastInviteToken('kim@example.com');
    for (const [password, rule] of [['aaaaaaaaaa', 'password_repetitive'], ['password123', 'password_common']] as const) {
      const error = await portal.invites.accept(token, { password }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ code: 'validation_failed', status: 422, issues: [{ path: ['password'], code: rule }] });
    }
    expect((await portal.invites.inspect(token)).status).toBe('pending');
    expect((await portal.clients.get(staffA, kim.id)).status).toBe('invited');
    expect((await portal.invites.accept(token, { password: 'correct horse battery' })).client.status).toBe('active');
    expect(mail.messages).toHaveLength(1);
  });
});

/** A hasher whose calls finish only when the test says so. */
function gatedHasher() {
  const pending: (() => void)[] = [];
  let started = 0;
  const gate = () =>
    new Promise<void>((resolve) => {
      started += 1;
      pending.push(resolve);
    });
  const hasher: PasswordHasher = {
    hash: async (p) => (await gate(), `h:${p}`),
    verify: async (p, s) => (await gate(), s === `h:${p}`),
  };
  return { hasher, started: () => started, releaseOne: () => pending.shift()?.(), waiting: () => pending.length };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('bounded password hashing', () => {
  it('runs at most `concurrency` at once, queues `queue` more and refuses the rest at once with BusyError', async () => {
    const gated = gatedHasher();
    const bounded = boundedPasswords(gated.hasher, { concurrency: 2, queue: 3, retryAfterSeconds: 4 });
    const calls = Array.from({ length: 8 }, (_, i) => bounded.hash(`p${i}`).then((v) => v, (e: unknown) => e));
    await tick();
    expect(gated.started()).toBe(2);
    const refused = await Promise.race([Promise.all(calls.slice(5)), new Promise((r) => setTimeout(() => r('still waiting'), 200))]);
    expect(refused).toEqual([expect.any(BusyError), expect.any(BusyError), expect.any(BusyError)]);
    expect((refused as BusyError[])[0]).toMatchObject({ code: 'busy', status: 503, retryAfterSeconds: 4 });
    for (let i = 0; i < 5; i++) {
      gated.releaseOne();
      await tick();
      expect(gated.started()).toBe(Math.min(5, 3 + i));
      expect(gated.waiting()).toBeLessThanOrEqual(2);
    }
    expect(await Promise.all(calls.slice(0, 5))).toEqual(['h:p0', 'h:p1', 'h:p2', 'h:p3', 'h:p4']);
    // The slots are all free again.
    const again = Promise.all([bounded.verify('x', 'h:x'), bounded.verify('x', 'h:y')]);
    await tick();
    gated.releaseOne();
    gated.releaseOne();
    expect(await again).toEqual([true, false]);
  });

  it('frees the slot when the hasher throws', async () => {
    const bounded = boundedPasswords({ hash: async () => Promise.reject(new Error('boom')), verify: async () => true }, { concurrency: 1, queue: 0 });
    await expect(bounded.hash('a')).rejects.toThrow('boom');
    await expect(bounded.hash('a')).rejects.toThrow('boom');
    expect(await bounded.verify('a', 'b')).toBe(true);
  });

  it('rejects nonsense settings when the portal is created', () => {
    for (const passwordHashing of [{ concurrency: 0 }, { queue: -1 }, { concurrency: 1.5 }, { retryAfterSeconds: 0 }]) {
      expect(() => makePortalWith(passwordHashing)).toThrow(TypeError);
    }
  });
});

function makePortalWith(passwordHashing: PasswordHashingOptions) {
  return createPortal({ storage: memoryStorage(), mail: memoryMail(), content: memoryContent({ projects: [], resources: [] }), acceptUrl: (t) => t, tenants: async () => null, passwordHashing });
}
