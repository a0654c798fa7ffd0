// The demo clients' passwords, hashed once with sitegate's own `scryptPasswords().hash` at the
// OWASP parameters (N=2^17, r=8, p=1). Seeding stores these instead of running scrypt twice on
// every first start (about a second of CPU); signing in still verifies them with real scrypt.
// test/examples/demo-seed-passwords.test.ts checks that each one verifies its password.
import { DEMO_CLIENT, DEMO_CO_OWNER } from './seed.mjs';

export const SEEDED_PASSWORD_HASHES = new Map([
  [DEMO_CLIENT.password, 'scrypt$131072$8$1$AR5scuLCe6kL4cIWgRuHfA$RroPaOIjx8XpFKuSoUO_hSfLbDFQFa2vaRq1vbqOwjk'],
  [DEMO_CO_OWNER.password, 'scrypt$131072$8$1$C22oOvRz3HwFn__hRQ0V-g$SvbogN2kA1HhirBPGAOfHTwSsNjTi-66cuegitexcfY'],
]);

/**
 * Wraps the portal's password hasher: while `seeding` runs, the demo's own seeded passwords
 * get their stored hash; every other password, and every password set after seeding (a reset,
 * an invite accepted in the browser), is hashed by `hasher` as usual. Verifying is untouched.
 */
export function seededPasswords(hasher) {
  let active = false;
  return {
    hasher: {
      hash: (password) => (active && SEEDED_PASSWORD_HASHES.has(password) ? Promise.resolve(SEEDED_PASSWORD_HASHES.get(password)) : hasher.hash(password)),
      verify: (password, stored) => hasher.verify(password, stored),
    },
    async seeding(fn) {
      active = true;
      try {
        return await fn();
      } finally {
        active = false;
      }
    },
  };
}
