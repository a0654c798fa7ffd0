export interface BrowserBundleOptions {
  /** Where imports resolve from (the repository root). */
  root: string;
  /** The directory holding `builder.ts` and `portal.ts`; default the demo's `public/`. */
  publicDir?: string;
  /** Where the built bundle is kept across starts; none: always built. */
  cacheDir?: string;
  log?: (line: string) => void;
}

export function browserBundle(options: BrowserBundleOptions): Promise<{ assets: Map<string, Buffer>; cached: boolean }>;
