import { notFound } from '../errors/NotFoundError.js';
import { StorageError } from '../errors/StorageError.js';
import { isSitegateError, SitegateError } from '../errors/SitegateError.js';
import type { PortalContext } from '../kernel/context.js';
import { quickTenantSettings } from '../kernel/quick-parse.js';
import { TenantSettings } from '../model/tenant.js';
import { validationErrorFromZod } from '../errors/from-zod.js';
import { boundedPasswords } from '../tokens/password-queue.js';
import { scryptPasswords } from '../tokens/passwords.js';
import type { PortalOptions } from './options.js';
import { refuseUnknownOptions } from '../kernel/known-options.js';
import { checkNestedOptions } from './nested-options.js';
import { reportSafely } from '../kernel/report-safely.js';
import { checkEmailOptions } from '../mail/email-options.js';
import { digestWindows } from '../services/digest-windows.js';
import { DEFAULT_HOST_HOOK_TIMEOUT_MS, hookLimit, limitedContent, LONGEST_HOST_HOOK_TIMEOUT_MS } from '../services/host-hooks.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`createPortal: ${name} must be a positive number`);
  return value;
}

/** The methods an option must have, and where to find one that does: a wrong object is refused here, not at its first use. */
const SHAPES = {
  storage: {
    methods: ['transaction', 'getClient', 'saveClient', 'listShares', 'insertMailJob'],
    help: 'use memoryStorage(), pgliteStorage() or postgresStorage(), or implement Storage (docs/adapters.md)',
  },
  mail: { methods: ['send'], help: 'use memoryMail(), consoleMail() or smtpMail() (a nodemailer transport goes in smtpMail({ transport }))' },
  content: { methods: ['projects', 'resolve', 'children', 'schedule'], help: 'implement ContentSource over your product, or use memoryContent() (docs/adapters.md)' },
} as const;

/** What each required option is, said when it is missing. */
const REQUIRED_HELP: Record<'storage' | 'mail' | 'content' | 'acceptUrl' | 'tenants', string> = {
  storage: SHAPES.storage.help,
  mail: SHAPES.mail.help,
  content: SHAPES.content.help,
  acceptUrl: '(token) => the URL of your accept page',
  tenants: "(tenantId) => the builder's settings, or null",
};

/** Options that are functions when given: called later, so a wrong value would fail far from here. */
const FUNCTIONS = ['acceptUrl', 'tenants', 'now', 'onError', 'onEvent', 'staffName', 'resetUrl', 'signInLinkUrl', 'confirmEmailUrl', 'portalUrl', 'unsubscribeUrl'] as const;

/** Every option `createPortal` reads: the type keeps this list whole. */
const OPTIONS = {
  storage: true, mail: true, content: true, acceptUrl: true, tenants: true, resetUrl: true, signInLinkUrl: true, confirmEmailUrl: true,
  resetTtlMinutes: true, signInLinkTtlMinutes: true, linkRequestFloorMs: true, inviteTtlDays: true, sessionTtlDays: true, now: true,
  passwords: true, passwordHashing: true, outbox: true, portalUrl: true, unsubscribeUrl: true, digestWindows: true, emails: true,
  staffName: true, onEvent: true, onError: true, hostHookTimeoutMs: true,
} as const satisfies Record<keyof PortalOptions, true>;

/** Refuses options that are missing, unknown, or of the wrong kind, naming the option and what it takes. */
function checkOptions(options: PortalOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('createPortal: options are required ({ storage, mail, content, acceptUrl, tenants })');
  refuseUnknownOptions('createPortal', options, OPTIONS);
  checkNestedOptions(options);
  for (const key of ['storage', 'mail', 'content', 'acceptUrl', 'tenants'] as const) {
    if (!options[key]) throw new TypeError(`createPortal: \`${key}\` is required: ${REQUIRED_HELP[key]}`);
  }
  for (const [key, { methods, help }] of Object.entries(SHAPES)) {
    const value = options[key as keyof typeof SHAPES] as unknown as Record<string, unknown>;
    const missing = methods.filter((method) => typeof value?.[method] !== 'function');
    if (missing.length) throw new TypeError(`createPortal: \`${key}\` has no ${missing.join(', ')} method${missing.length > 1 ? 's' : ''}: ${help}`);
  }
  for (const key of FUNCTIONS) {
    const value = options[key];
    if (value !== undefined && typeof value !== 'function') throw new TypeError(`createPortal: \`${key}\` must be a function, not ${value === null ? 'null' : typeof value}`);
  }
}

/**
 * Where background failures (mail retries, given-up mail and events, digests, receipts) go: the
 * host's `onError`, called so that its own failure goes nowhere, or by default `console.error`,
 * as the HTTP handler's failures do — a failure nobody hears is an outage nobody sees.
 */
function backgroundReporter(onError: PortalOptions['onError']): (error: unknown) => void {
  if (onError) return (error) => reportSafely(onError, error);
  return (error) => console.error('sitegate: background work failed', error);
}

/**
 * The portal's two contexts. `requests` is what every service a request reaches is built over:
 * each call of a host hook (the content source, `tenants`) is held to `hostHookTimeoutMs`. `background` is the outbox's (mail, events, digests): there the hooks
 * run as given, since the outbox lease already bounds each job whole, and a slow hook there
 * delays a mail rather than a person waiting on a page.
 */
export interface PortalContexts {
  requests: PortalContext;
  background: PortalContext;
  hostHookTimeoutMs: number;
}

/** `hostHookTimeoutMs`, checked: a timer longer than 2^31 - 1 ms would fire at once. */
function hookTimeout(value: unknown): number {
  if (value === undefined) return DEFAULT_HOST_HOOK_TIMEOUT_MS;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > LONGEST_HOST_HOOK_TIMEOUT_MS) {
    const said = typeof value === 'number' ? String(value) : typeof value === 'string' ? JSON.stringify(value) : value === null ? 'null' : typeof value;
    throw new TypeError(`createPortal: \`hostHookTimeoutMs\` must be a number of milliseconds above 0 and at most ${LONGEST_HOST_HOOK_TIMEOUT_MS} (default ${DEFAULT_HOST_HOOK_TIMEOUT_MS}), not ${said}`);
  }
  return value;
}

/**
 * `ctx.tenant` over a way to ask the `tenants` hook: the settings checked, a hook's failure a
 * StorageError (a 503 to wait out), an unknown tenant NotFoundError.
 */
function tenantReader(read: (tenantId: string) => Promise<TenantSettings | null>): PortalContext['tenant'] {
  return async (tenantId) => {
    let settings: TenantSettings | null;
    try {
      settings = await read(tenantId);
    } catch (error) {
      if (isSitegateError(error)) throw error;
      throw new StorageError(`Could not read settings of tenant ${JSON.stringify(tenantId)}`, { cause: error });
    }
    if (!settings) throw notFound('Tenant', tenantId);
    // The common shape by hand (asked on every call, `portal.can` included); the rest by the schema.
    const quick = quickTenantSettings(settings);
    if (quick) return quick;
    const parsed = TenantSettings.safeParse(settings);
    if (!parsed.success) {
      // The host's hook answered wrongly: a fault to fix in the host (a 500, reported to
      // onError), not a storage outage to wait out.
      throw new SitegateError(`tenants(${JSON.stringify(tenantId)}) returned invalid settings: ${validationErrorFromZod(parsed.error).message}`, { code: 'internal' });
    }
    return parsed.data;
  };
}

/** Checks the options and fills in the defaults: the contexts every service is built over. */
export function createContexts(options: PortalOptions): PortalContexts {
  checkOptions(options);
  const { tenants, content } = options;
  const hostHookTimeoutMs = hookTimeout(options.hostHookTimeoutMs);
  const limit = hookLimit(hostHookTimeoutMs);
  const background: PortalContext = {
    storage: options.storage,
    mail: options.mail,
    content: options.content,
    acceptUrl: options.acceptUrl,
    now: options.now ?? (() => new Date()),
    // A hasher is not held to the hook time limit: hashing is work on this machine that a timeout
    // cannot stop, and whose end a busy event loop sees only after its timers. The queue bounds
    // it instead: a hasher that hangs keeps its slots, and what comes next is answered busy.
    passwords: boundedPasswords(options.passwords ?? scryptPasswords(), options.passwordHashing),
    inviteTtlMs: positive('inviteTtlDays', options.inviteTtlDays, 14) * DAY_MS,
    sessionTtlMs: positive('sessionTtlDays', options.sessionTtlDays, 30) * DAY_MS,
    accountLinks: {
      resetUrl: options.resetUrl,
      signInLinkUrl: options.signInLinkUrl,
      confirmEmailUrl: options.confirmEmailUrl,
      resetTtlMs: positive('resetTtlMinutes', options.resetTtlMinutes, 60) * 60_000,
      signInLinkTtlMs: positive('signInLinkTtlMinutes', options.signInLinkTtlMinutes, 15) * 60_000,
      confirmEmailTtlMs: positive('inviteTtlDays', options.inviteTtlDays, 14) * DAY_MS,
      requestFloorMs: options.linkRequestFloorMs === 0 ? 0 : positive('linkRequestFloorMs', options.linkRequestFloorMs, 250),
    },
    outbox: {
      maxAttempts: positive('outbox.maxAttempts', options.outbox?.maxAttempts, 6),
      baseDelayMs: positive('outbox.baseDelayMs', options.outbox?.baseDelayMs, 30_000),
      maxDelayMs: positive('outbox.maxDelayMs', options.outbox?.maxDelayMs, 60 * 60_000),
      leaseMs: positive('outbox.leaseMs', options.outbox?.leaseMs, 2 * 60_000),
    },
    notifications: {
      portalUrl: options.portalUrl,
      unsubscribeUrl: options.unsubscribeUrl,
      windows: digestWindows(options.digestWindows),
      unsubscribeTtlMs: 90 * DAY_MS,
    },
    emails: checkEmailOptions(options.emails),
    onError: backgroundReporter(options.onError),
    onEvent: options.onEvent,
    // Asked only for the invite mail, in the outbox: the lease bounds it there.
    staffName: options.staffName ?? (async () => undefined),
    tenant: tenantReader(tenants),
  };
  return {
    requests: {
      ...background,
      content: limitedContent(content, limit),
      tenant: tenantReader((tenantId) => limit('tenants', () => tenants(tenantId))),
    },
    background,
    hostHookTimeoutMs,
  };
}
