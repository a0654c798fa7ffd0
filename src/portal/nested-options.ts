import { refuseUnknownOptions } from '../kernel/known-options.js';
import type { PortalOptions } from './options.js';

type Known<T> = Record<keyof NonNullable<T>, true>;

/** The members of `createPortal`'s object options: the types keep each list whole. */
const NESTED = {
  outbox: { maxAttempts: true, baseDelayMs: true, maxDelayMs: true, leaseMs: true } satisfies Known<PortalOptions['outbox']>,
  // The UTC names first: `dailyHourUTC` is taken for `dailyHourUtc`, not for `dailyHour`.
  digestWindows: { instantMinutes: true, dailyHourUtc: true, weeklyHourUtc: true, dailyHour: true, weeklyHour: true } satisfies Known<PortalOptions['digestWindows']>,
  passwordHashing: { concurrency: true, queue: true, retryAfterSeconds: true } satisfies Known<PortalOptions['passwordHashing']>,
  emails: { strings: true, render: true } satisfies Known<PortalOptions['emails']>,
};
const RENDERERS = { invite: true, account: true, digest: true } satisfies Known<NonNullable<PortalOptions['emails']>['render']>;

function checkObject(where: string, value: unknown, known: Record<string, true>): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`${where} must be an object`);
  refuseUnknownOptions(where, value, known);
}

/**
 * Refuses a misspelt member of an object option (`outbox: { maxAttemps: 10 }`) by name, as the
 * top-level ones are: its default would otherwise take its place without a word — the outbox
 * giving up after 6 attempts while the host believes it raised them.
 */
export function checkNestedOptions(options: PortalOptions): void {
  for (const [name, known] of Object.entries(NESTED)) {
    const value = options[name as keyof typeof NESTED];
    if (value !== undefined) checkObject(`createPortal: \`${name}\``, value, known);
  }
  const render = options.emails?.render;
  if (render !== undefined) checkObject('createPortal: `emails.render`', render, RENDERERS);
}
