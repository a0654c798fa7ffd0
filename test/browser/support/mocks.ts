import { setupWorker } from 'msw/browser';
import { createPortalClient } from '../../../src/client/index.js';
import type { PortalClient } from '../../../src/client/types.js';
import { createMockPortal, portalHandlers, type MockPortal } from '../../../src/mocks/index.js';

export const BASE = '/api/portal';
let started: Promise<MockPortal> | undefined;

/**
 * Starts msw in this test page with the sitegate mock portal behind it (once per file) and
 * returns the mock, freshly reset. Every element under test talks real HTTP to it.
 */
export async function startMocks(): Promise<MockPortal> {
  started ??= (async () => {
    const mock = createMockPortal({ handler: { rateLimit: false } });
    const worker = setupWorker(...portalHandlers({ mock }));
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
    await mock.ready;
    return mock;
  })();
  const mock = await started;
  await mock.reset();
  mock.staff = { type: 'staff', tenantId: 'acme', userId: 'u-alice' };
  return mock;
}

/** A staff api client (requests without a session act as the mock's staff). */
export function staffClient(): PortalClient {
  return createPortalClient({ baseUrl: BASE, keepSessionToken: false });
}

/** An api client signed in as the seeded client with this email. */
export async function clientAs(mock: MockPortal, email: string): Promise<PortalClient> {
  const token = await mock.signInAs(email);
  return createPortalClient({ baseUrl: BASE, token });
}
