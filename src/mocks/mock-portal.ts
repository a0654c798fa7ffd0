import { memoryContent, memoryMail, memoryStorage, type MemoryContent, type MemoryMail } from '../../adapters/memory/index.js';
import type { StaffActor } from '../model/actor.js';
import type { TenantSettings } from '../model/tenant.js';
import { createPortal, type Portal } from '../portal/create-portal.js';
import type { Storage } from '../ports/storage.js';
import { sessionCredential } from '../server/auth.js';
import { createPortalHandler } from '../server/handler.js';
import type { PortalHandlerOptions } from '../server/options.js';
import { sampleContent, staffA, tenantSettings } from '../testing/fixtures.js';
import { scryptPasswords, type PasswordHasher } from '../tokens/passwords.js';
import { MOCK_PASSWORD, seedPortal } from './seed.js';

export interface MockPortalOptions {
  /** Seed clients, shares and an update (default true); `false` starts with only the content fixture. */
  seed?: boolean;
  /**
   * Who a request without a client session is. Default: staff `u-alice` of tenant `acme`.
   * `null` makes such requests unauthenticated (to test sign-in screens).
   */
  staff?: StaffActor | null;
  /** Tenant names and modules; default the fixture's `acme` (every module) and `globex`. */
  tenants?: Record<string, TenantSettings>;
  /** Mounted path, also used for the cookie path. Default `/api/portal`. */
  basePath?: string;
  /** Passed on to `createPortalHandler` (e.g. `rateLimit: false`, `onError`). */
  handler?: Partial<Omit<PortalHandlerOptions, 'basePath' | 'authenticateStaff'>>;
}

export interface MockPortal {
  /** The in-memory portal behind the handlers (replaced by `reset()`). */
  readonly portal: Portal;
  readonly storage: Storage;
  /** Every mail sent, oldest first. The outbox is flushed after each request. */
  readonly mail: MemoryMail;
  /** The content fixture; change it to show live resolution. */
  readonly content: MemoryContent;
  /** Tenant settings, editable (e.g. switch a module off). */
  readonly tenants: Record<string, TenantSettings>;
  /** The staff actor requests without a client session act as, or `null`. Assignable. */
  staff: StaffActor | null;
  readonly basePath: string;
  /** The fetch handler: `Request` → `Response`. */
  handle(request: Request): Promise<Response>;
  /** The accept link in the latest invite mail to `email`, or undefined. */
  inviteLink(email: string): string | undefined;
  /** The raw token in that link, or undefined. */
  inviteToken(email: string): string | undefined;
  /** The raw token of the latest password reset, sign-in or email confirmation link mailed to `email`. */
  accountLinkToken(email: string, purpose: 'password-reset' | 'sign-in' | 'confirm-email'): string | undefined;
  /**
   * A session token for the client with this email (tenant of `staff`, default `acme`): signs in
   * an active client, or accepts the pending invite of an invited one with `password`.
   */
  signInAs(email: string, options?: { tenantId?: string; password?: string }): Promise<string>;
  /** Moves the mock's clock, e.g. `advance(15 * 86_400_000)` to let invites expire. */
  advance(ms: number): void;
  /** Back to the freshly seeded state (new storage, mail, content and clock). */
  reset(): Promise<void>;
  /** Resolves once seeding has finished; every request waits for it too. */
  ready: Promise<void>;
}

/**
 * The accept URL mock invites carry; the page path is arbitrary. The token rides in the
 * fragment, as it should in every host's links: browsers send a fragment to no server.
 */
const acceptUrl = (token: string) => `http://localhost/portal/accept#token=${encodeURIComponent(token)}`;
/** Password reset, sign-in and email confirmation links, token in the fragment like invites. */
const resetUrl = (token: string) => `http://localhost/portal/reset#token=${encodeURIComponent(token)}`;
const signInLinkUrl = (token: string) => `http://localhost/portal/sign-in-link#token=${encodeURIComponent(token)}`;
const confirmEmailUrl = (token: string) => `http://localhost/portal/confirm-email#token=${encodeURIComponent(token)}`;

/** The link to `page` (default: any) in the latest mail to `email` that has one. */
const LINK_PAGES = { 'password-reset': '/portal/reset', 'sign-in': '/portal/sign-in-link', 'confirm-email': '/portal/confirm-email' } as const;

function linkIn(mail: MemoryMail, email: string, page?: string): string | undefined {
  const to = email.trim().toLowerCase();
  const links = [...mail.messages]
    .reverse()
    .filter((m) => m.to === to)
    .map((m) => /https?:\/\/\S+?#token=[^\s"&<]+/.exec(m.text)?.[0]);
  return links.find((link) => link !== undefined && (page === undefined || new URL(link).pathname === page));
}

/** The token in a link's fragment (`#token=…`). */
function tokenIn(link: string | undefined): string | undefined {
  return link ? new URLSearchParams(new URL(link).hash.slice(1)).get('token') || undefined : undefined;
}

/**
 * Passwords for the mock: cheap scrypt (fast in a browser's pure-JS fallback), plus a random
 * per-mock key that verifies against any account, so `signInAs` works for clients whose
 * password a test set through the UI. The key never leaves this closure.
 */
function mockPasswords(): { hasher: PasswordHasher; key: string } {
  const scrypt = scryptPasswords({ N: 2 ** 10, r: 8, p: 1 });
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  const key = `mock-key-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  return { key, hasher: { hash: scrypt.hash, verify: async (password, stored) => password === key || scrypt.verify(password, stored) } };
}

/**
 * An in-memory portal seeded with the sample fixture, behind the real HTTP handler. Runs in
 * browsers and Node alike. See `portalHandlers` for msw.
 */
export function createMockPortal(options: MockPortalOptions = {}): MockPortal {
  const basePath = options.basePath ?? '/api/portal';
  let offset = 0;
  let state = build();

  function build() {
    const storage = memoryStorage();
    const mail = memoryMail();
    const content = memoryContent(sampleContent());
    // The default tenants let clients sign in with emailed links too, so every sign-in screen shows.
    const tenants: Record<string, TenantSettings> = structuredClone(
      options.tenants ?? Object.fromEntries(Object.entries(tenantSettings).map(([id, t]) => [id, { ...t, signInMethods: ['password', 'link'] as const }])),
    );
    const passwords = mockPasswords();
    const portal = createPortal({
      storage,
      mail,
      content,
      acceptUrl,
      resetUrl,
      signInLinkUrl,
      confirmEmailUrl,
      // Mock answers need not hide timing; tests and demos stay fast.
      linkRequestFloorMs: 0,
      tenants: async (id) => (Object.hasOwn(tenants, id) ? tenants[id]! : null),
      now: () => new Date(Date.now() + offset),
      passwords: passwords.hasher,
    });
    const handler = createPortalHandler(portal, {
      basePath,
      cookie: { secure: false },
      ...options.handler,
      // Staff unless the request carries a live client session, so one browser can click through
      // both sides; a stale cookie (msw keeps cookies across `reset()`) does not lock staff out.
      authenticateStaff: async (request) => {
        const credential = sessionCredential(request, { cookie: options.handler?.cookie });
        return credential && (await portal.sessions.resolve(credential.token)) ? null : mock.staff;
      },
    });
    return { storage, mail, content, tenants, portal, handler, passwordKey: passwords.key, ready: Promise.resolve() };
  }

  function seed(): Promise<void> {
    if (options.seed === false) return Promise.resolve();
    const s = state;
    return seedPortal(s.portal, options.staff ?? staffA, (email) => tokenIn(linkIn(s.mail, email, '/portal/accept')), (ms) => (offset += ms));
  }

  const mock: MockPortal = {
    get portal() {
      return state.portal;
    },
    get storage() {
      return state.storage;
    },
    get mail() {
      return state.mail;
    },
    get content() {
      return state.content;
    },
    get tenants() {
      return state.tenants;
    },
    staff: options.staff === undefined ? staffA : options.staff,
    basePath,
    get ready() {
      return state.ready;
    },
    async handle(request) {
      await state.ready;
      const response = await state.handler(request);
      // Deliver invite mail at once, so a test can read the link right after the request.
      if (request.method !== 'GET') await state.portal.outbox.flush();
      return response;
    },
    inviteLink: (email) => linkIn(state.mail, email, '/portal/accept'),
    inviteToken: (email) => tokenIn(linkIn(state.mail, email, '/portal/accept')),
    accountLinkToken: (email, purpose) => tokenIn(linkIn(state.mail, email, LINK_PAGES[purpose])),
    async signInAs(email, opts = {}) {
      await state.ready;
      const tenantId = opts.tenantId ?? mock.staff?.tenantId ?? staffA.tenantId;
      const client = await state.storage.getClientByEmail(tenantId, email.trim().toLowerCase());
      if (!client) throw new Error(`sitegate mocks: no client ${email} in tenant ${tenantId}`);
      if (!client.activatedAt) {
        await state.portal.outbox.flush();
        const token = mock.inviteToken(email);
        if (!token) throw new Error(`sitegate mocks: ${email} has no pending invite mail`);
        return (await state.portal.invites.accept(token, { password: opts.password ?? MOCK_PASSWORD })).session.token;
      }
      return (await state.portal.sessions.signIn({ tenantId, email, password: opts.password ?? state.passwordKey })).session.token;
    },
    advance(ms) {
      offset += ms;
    },
    async reset() {
      offset = 0;
      mock.staff = options.staff === undefined ? staffA : options.staff;
      state = build();
      state.ready = seed();
      await state.ready;
    },
  };
  state.ready = seed();
  return mock;
}
