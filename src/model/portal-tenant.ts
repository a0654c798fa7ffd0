import type { PortalTenant } from './brand.js';
import type { TenantSettings } from './tenant.js';

/** The part of a tenant's settings a client's page may see: never its module list or anything else. */
export function portalTenant(settings: TenantSettings): PortalTenant {
  // The older `branding` (emails) stands in when `brand` is not set; its logo only when http(s).
  const legacy = settings.branding;
  const brand = settings.brand ?? (legacy ? { logoUrl: /^https?:/i.test(legacy.logoUrl ?? '') ? legacy.logoUrl : undefined, accentColor: legacy.color } : undefined);
  return {
    name: settings.name,
    ...(settings.currency ? { currency: settings.currency } : {}),
    ...(settings.locale ? { locale: settings.locale } : {}),
    ...(brand && (brand.logoUrl || brand.accentColor)
      ? { brand: { ...(brand.logoUrl ? { logoUrl: brand.logoUrl } : {}), ...(brand.accentColor ? { accentColor: brand.accentColor } : {}) } }
      : {}),
  };
}
