/**
 * sitegate/mocks — a realistic fake of the portal API for host apps' and components' tests,
 * in browsers (msw `setupWorker`) and Node (msw `setupServer`). Behind the msw handlers runs
 * the real HTTP handler over an in-memory portal, so status codes, problem responses, cookies
 * and validation are the real ones.
 *
 * ```ts
 * import { setupWorker } from 'msw/browser';            // or setupServer from 'msw/node'
 * import { createMockPortal, portalHandlers } from 'sitegate/mocks';
 *
 * const mock = createMockPortal();                      // seeded; see below
 * const worker = setupWorker(...portalHandlers({ mock })); // serves /api/portal/** on any origin
 * await worker.start({ onUnhandledRequest: 'bypass' });
 * await mock.ready;
 *
 * const client = createPortalClient({ baseUrl: '/api/portal' });
 * await client.clients.list();                          // as staff u-alice of tenant `acme`
 * await client.clients.add({ email: 'new@example.com', projectIds: ['p-maple'] });
 * mock.inviteLink('new@example.com');                   // the link from the invite email
 * const token = await mock.signInAs('dana@example.com'); // a client session token
 * createPortalClient({ baseUrl: '/api/portal', token }).view.projects();
 * await mock.reset();                                   // back to the seeded state
 * ```
 *
 * Who is calling: a request carrying a client session (`Authorization: Bearer <token>` or the
 * `sitegate_session` cookie) is that client; any other request is staff `mock.staff` (default
 * `{ type: 'staff', tenantId: 'acme', userId: 'u-alice' }`; assign another staff actor, or
 * `null` to make such requests unauthenticated).
 *
 * Seeded tenant `acme` (projects `p-maple`, `p-harbor`, `p-oak` from the sample fixture):
 * - clients: `dana@example.com` active (p-maple, p-harbor), `eli@example.com` invited,
 *   `fay@example.com` not invited, `gus@example.com` expired invite, `hal@example.com` disabled;
 *   seeded accounts use the password `MOCK_PASSWORD` (`portal-password`);
 * - shares on p-maple: the Contracts folder, drawing A-101, the Week 1 photos folder, two daily
 *   logs, the inspection report and the schedule; on p-harbor its contracts and schedule;
 * - one update on p-maple with a photo attached.
 * Tenant `globex` has its own project and no clients. `createMockPortal({ seed: false })`
 * starts empty (content only).
 *
 * Sessions under msw: msw cannot store an HttpOnly cookie, so the session travels as the
 * Bearer token the typed client keeps after `signIn`/`accept` (its default). Requests without
 * an `Origin` are treated as coming from a same-origin page.
 *
 * Mail: the outbox is flushed after every mutating request; `mock.mail.messages` holds it all,
 * `mock.inviteLink(email)` / `mock.inviteToken(email)` read the newest invite. The clock is
 * real time plus `mock.advance(ms)`. Passwords use cheap scrypt parameters; the mock is never
 * a place for real accounts.
 */
export { createMockPortal, type MockPortal, type MockPortalOptions } from './mock-portal.js';
export { portalHandlers, type PortalHandlersOptions } from './handlers.js';
export { MOCK_PASSWORD } from './seed.js';
