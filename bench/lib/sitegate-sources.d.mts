import type { Plugin } from 'esbuild';

/** The package's public names → their source files. */
export const SUBPATHS: Record<string, string>;
/** esbuild plugin: bundles `sitegate/*` from the sources under `root`. */
export function sitegateSources(root: string): Plugin;
