import type { PortalClient } from '../../src/client/types.js';

/**
 * Loads the HTTP api client on first use, so pages that pass their own `.client` (and the
 * elements' main chunk) never carry ky and the response schemas.
 */
export async function loadPortalClient(baseUrl: string): Promise<PortalClient> {
  // Interim until src/client/index.ts lands: fail in words rather than at build time.
  throw new Error(`sitegate: no api client available for ${baseUrl}`);
}
