import { createContext } from '@lit/context';
import type { PortalClient } from '../src/client/types.js';

/**
 * The api client every `sg-*` element talks to the server through. The key is a global symbol,
 * so a provider from one bundle serves consumers from another, and a non-Lit page can provide
 * it with `new ContextProvider(document.body, { context: portalClientContext, initialValue })`.
 */
export const portalClientContext = createContext<PortalClient | undefined>(Symbol.for('sitegate.client'));

export type { PortalClient };
