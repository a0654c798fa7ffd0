import { ContextProvider, createContext } from '@lit/context';
import type { PortalClient } from '../src/client/types.js';

/**
 * The api client every `sg-*` element talks to the server through. The key is a global symbol,
 * so a provider from one bundle serves consumers from another; a page provides it with
 * `providePortalClient` (or `<sg-portal-provider>`).
 */
export const portalClientContext = createContext<PortalClient | undefined>(Symbol.for('sitegate.client'));

/**
 * Gives `client` to every `sg-*` element inside `root` (`document.body`, say), those already in
 * the page included, without a `<sg-portal-provider>` element. `provider.setValue(next)` hands
 * them another client later.
 */
export function providePortalClient(root: HTMLElement, client: PortalClient): ContextProvider<typeof portalClientContext> {
  const provider = new ContextProvider(root, { context: portalClientContext, initialValue: client });
  // Announces the provider: elements that connected before it ask again. A non-Lit root never
  // does this by itself (a Lit one does when it connects, and a second announcement is harmless).
  provider.hostConnected();
  return provider;
}

export type { PortalClient };
