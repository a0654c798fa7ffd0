import { MailError, type Mail, type MailMessage } from 'sitegate';

/** A small seeded PRNG (mulberry32): the same seed gives the same failures. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CountingMail extends Mail {
  /** Successful sends per job (from the `countBy` header: by default the invite id, `X-Sitegate-Invite`). */
  delivered: Map<string, number>;
  /** Every call to `send`, successful or not. */
  calls: number;
}

/**
 * A mail adapter that fails `failRate` of sends at random (one in five of those permanently),
 * optionally after a random delay so concurrent workers interleave.
 */
export function flakyMail(options: { seed: number; failRate?: number; maxDelayMs?: number; countBy?: string }): CountingMail {
  const random = seeded(options.seed);
  const delivered = new Map<string, number>();
  const mail: CountingMail = {
    name: 'flaky',
    delivered,
    calls: 0,
    async send(message: MailMessage) {
      mail.calls++;
      if (options.maxDelayMs) await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * options.maxDelayMs!)));
      if (random() < (options.failRate ?? 0)) {
        if (random() < 0.2) throw new MailError('SMTP 550: 5.1.1 mailbox unavailable', { data: { permanent: true, responseCode: 550 } });
        throw new MailError('SMTP 421: 4.4.2 connection timed out', { data: { permanent: false, responseCode: 421 } });
      }
      const key = message.headers?.[options.countBy ?? 'X-Sitegate-Invite'] ?? '?';
      delivered.set(key, (delivered.get(key) ?? 0) + 1);
      return { providerId: `flaky-${mail.calls}` };
    },
  };
  return mail;
}
