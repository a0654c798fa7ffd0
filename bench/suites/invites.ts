import { scryptPasswords } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { benchPortal, staff } from '../lib/bench-portal.js';
import type { Row, SuiteOptions } from '../lib/row.js';
import { fmtLatency, fmtRatio, ms, sampleLatency } from '../lib/stats.js';

const SECTION = 'Invites (memory storage, p50 / p95 / p99)';

/** The accept link's token, as the invitee's browser would read it from the email. */
function tokenIn(text: string): string {
  const match = /token=([^\s"&<]+)/.exec(text);
  if (!match) throw new Error('no token in the invite mail');
  return decodeURIComponent(match[1]!);
}

export async function invites(options: SuiteOptions): Promise<Row[]> {
  const storage = memoryStorage();
  // Default password hashing on purpose: scrypt with OWASP parameters is what hosts get.
  const { portal, mail } = benchPortal(storage);
  const creates = options.quick ? 200 : 1000;
  const accepts = options.quick ? 8 : 30;

  const plain = await sampleLatency((i) => portal.clients.add(staff, { email: `plain-${i}@bench.example`, projectIds: ['p-1'], invite: false }), {
    samples: creates,
  });
  // Mail is excluded: the outbox holds the job and is flushed outside the timed part.
  const create = await sampleLatency((i) => portal.clients.add(staff, { email: `invitee-${i}@bench.example`, projectIds: ['p-1'] }), { samples: creates });
  await portal.outbox.flush();
  const tokens = mail.messages.map((m) => tokenIn(m.text));

  const hasher = scryptPasswords();
  const hash = await sampleLatency(() => hasher.hash('correct horse battery staple'), { samples: accepts, warmup: 1 });
  let next = 0;
  const accept = await sampleLatency(() => portal.invites.accept(tokens[next++]!, { password: 'correct horse battery staple' }), { samples: accepts, warmup: 1 });

  return [
    {
      section: SECTION,
      figure: 'Invite create (`clients.add`, mail excluded)',
      value: fmtLatency(create),
      baseline: `\`clients.add\` without invite: p50 ${ms(plain.p50)} ms`,
      ratio: fmtRatio(create.p50 / plain.p50),
      note: `${create.samples} invites; the outbox stores the job, its flush is not timed`,
    },
    {
      section: SECTION,
      figure: 'Invite accept (`invites.accept`, default scrypt N=2^17 r=8 p=1)',
      value: fmtLatency(accept),
      baseline: `one scrypt hash at OWASP parameters: p50 ${ms(hash.p50)} ms`,
      ratio: fmtRatio(accept.p50 / hash.p50),
      note: `${accept.samples} accepts; scrypt dominates by design (OWASP parameters are the default)`,
    },
  ];
}
