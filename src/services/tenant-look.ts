import { parseInput } from '../errors/from-zod.js';
import { isSitegateError } from '../errors/SitegateError.js';
import type { PortalContext } from '../kernel/context.js';
import { Id } from '../model/ids.js';
import { tenantLook, type TenantLook } from '../model/tenant-look.js';

/** Public pages' view of a builder: what the sign-in and reset pages show before anyone signs in. */
export function tenantsService(ctx: PortalContext) {
  /**
   * The builder's name and brand, for a page that knows only the tenant id (its `tenant-id`
   * attribute). An unknown tenant answers `{}` — the same status and shape, no error — so the
   * page shows the default look; only the name a known tenant's page shows anyway tells them
   * apart. A malformed id is a ValidationError; a failing `tenants()` hook is a StorageError.
   */
  async function look(tenantId: string): Promise<TenantLook> {
    const id = parseInput(Id, tenantId, ['tenantId']);
    try {
      return tenantLook(await ctx.tenant(id));
    } catch (error) {
      if (isSitegateError(error) && error.code === 'not_found') return {};
      throw error;
    }
  }
  return { look };
}
