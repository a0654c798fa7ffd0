import type { PortalClient } from '../../src/client/types.js';

/**
 * Loads the HTTP api client on first use: a separate chunk, so pages that pass their own
 * `.client` (and the elements' main chunk) never carry ky and the response schemas.
 */
export async function loadPortalClient(baseUrl: string): Promise<PortalClient> {
  const { createPortalClient } = await import('../../src/client/index.js');
  return createPortalClient({ baseUrl });
}
