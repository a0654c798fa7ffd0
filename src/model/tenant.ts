import * as z from 'zod';
import { ModuleId } from './modules.js';
import { CurrencyCode, LocaleTag, TenantBrand, TimeZone } from './brand.js';
import { FREQUENCIES } from './notification-lists.js';

/** What the host tells sitegate about one builder account, asked per operation. */
export const TenantSettings = z.object({
  name: z.string().min(1).max(200),
  modules: z.array(ModuleId),
  /**
   * The older branding for emails and pages (`brand` wins member by member). Checked like
   * `brand`: a value a page or an email could not use is dropped, never the tenant with it —
   * a refused tenant would stop all of its mail.
   */
  branding: z
    .object({ logoUrl: TenantBrand.shape.logoUrl, color: TenantBrand.shape.accentColor })
    .optional()
    .catch(undefined),
  /** The portal's look: logo (http(s)) and accent colour (`#rgb`/`#rrggbb`); see brand.ts. */
  brand: TenantBrand.optional().catch(undefined),
  /** ISO 4217 code for amounts in the portal (default `USD`); an invalid one is ignored. */
  currency: CurrencyCode.optional().catch(undefined),
  /** The builder's language tag, used when the page does not set one; an invalid one is ignored. */
  locale: LocaleTag.optional().catch(undefined),
  /**
   * The builder's IANA time zone (`Pacific/Auckland`): the dates in its emails (a link's expiry)
   * are written there, with the zone named, and its daily and weekly digests fall due at their
   * hour there (`digestWindows`). Default UTC; an unknown zone is ignored.
   */
  timeZone: TimeZone.optional().catch(undefined),
  /** Digests: the frequency of clients who chose none (default `daily`); an invalid value is ignored. */
  notifications: z.object({ default: z.enum(FREQUENCIES).optional().catch(undefined) }).optional().catch(undefined),
  /** How clients may sign in: `password` (default, also when empty) and/or emailed one-time `link`s; `['link']` turns passwords off. */
  signInMethods: z.array(z.enum(['password', 'link'])).optional(),
});
export type TenantSettings = z.infer<typeof TenantSettings>;
