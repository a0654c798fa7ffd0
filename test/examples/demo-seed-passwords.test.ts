import { scryptPasswords, OWASP_SCRYPT } from 'sitegate';
import { describe, expect, it } from 'vitest';
import { seededPasswords, SEEDED_PASSWORD_HASHES } from '../../examples/demo/seed-passwords.mjs';
import { DEMO_CLIENT, DEMO_CO_OWNER } from '../../examples/demo/seed.mjs';

describe("the demo's pre-hashed seed passwords", () => {
  it('are real scrypt hashes at the OWASP parameters that verify their password and no other', async () => {
    const scrypt = scryptPasswords();
    expect([...SEEDED_PASSWORD_HASHES.keys()].sort()).toEqual([DEMO_CLIENT.password, DEMO_CO_OWNER.password].sort());
    for (const [password, hash] of SEEDED_PASSWORD_HASHES) {
      expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', String(OWASP_SCRYPT.N), String(OWASP_SCRYPT.r), String(OWASP_SCRYPT.p)]);
      expect(await scrypt.verify(password, hash)).toBe(true);
      expect(await scrypt.verify(`${password}!`, hash)).toBe(false);
    }
  }, 60_000);

  it('are used only while seeding; any other password, and any after seeding, is hashed afresh', async () => {
    const calls: string[] = [];
    const inner = { hash: async (p: string) => (calls.push(p), `fresh:${p}`), verify: async () => true };
    const passwords = seededPasswords(inner);
    await passwords.seeding(async () => {
      expect(await passwords.hasher.hash(DEMO_CLIENT.password)).toBe(SEEDED_PASSWORD_HASHES.get(DEMO_CLIENT.password));
      expect(await passwords.hasher.hash('chosen-by-someone')).toBe('fresh:chosen-by-someone');
      expect(await passwords.hasher.hash('__proto__')).toBe('fresh:__proto__');
    });
    expect(await passwords.hasher.hash(DEMO_CLIENT.password)).toBe(`fresh:${DEMO_CLIENT.password}`);
    expect(calls).toEqual(['chosen-by-someone', '__proto__', DEMO_CLIENT.password]);
  });
});
