import * as z from 'zod';

/** `#rgb` or `#rrggbb`: a colour pages can use as a custom property and check for contrast, nothing else. */
export const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

const httpUrl = z.url({ protocol: /^https?$/ });

/**
 * A builder's branding for the portal, sign-in and accept pages and emails. A value the pages
 * could not use safely (a colour that is not `#rgb`/`#rrggbb`, a logo that is not http(s)) is
 * dropped rather than failing the tenant: the page then shows the default look.
 */
export const TenantBrand = z.object({
  logoUrl: httpUrl.optional().catch(undefined),
  accentColor: z.string().regex(HEX_COLOR).optional().catch(undefined),
});
export type TenantBrand = z.infer<typeof TenantBrand>;

/** ISO 4217 code, e.g. `USD`, `EUR`; amounts in the portal are shown in it. */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/);

/** BCP 47 language tag the builder writes in, e.g. `en-US`, `fr-CA`. */
export const LocaleTag = z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en, fr or fr-CA');

/** An IANA time zone the runtime knows (`Pacific/Auckland`, `America/Toronto`, `UTC`). */
export const TimeZone = z.string().max(64).refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
});

/** What a client's browser needs to show the builder's portal in its look, language and money. */
export interface PortalTenant {
  name: string;
  currency?: string;
  locale?: string;
  brand?: TenantBrand;
}
