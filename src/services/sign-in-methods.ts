import { isSitegateError } from '../errors/SitegateError.js';
import type { PortalContext } from '../kernel/context.js';

export type SignInMethod = 'password' | 'link';

/**
 * Whether the tenant lets its clients sign in by `method`: its `signInMethods`, by default (or
 * when empty) password only. An unknown tenant allows nothing, so its answers match a known
 * tenant's refusals.
 */
export async function allowsSignIn(ctx: PortalContext, tenantId: string, method: SignInMethod): Promise<boolean> {
  try {
    const methods = (await ctx.tenant(tenantId)).signInMethods;
    return (methods?.length ? methods : ['password']).includes(method);
  } catch (error) {
    if (isSitegateError(error) && error.code === 'not_found') return false;
    throw error;
  }
}
