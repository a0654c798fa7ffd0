/** Provided by bench/lib/sitegate-sources.mjs at bundle time; `undefined` when not in the tree. */
declare module 'bench:optional-adapters' {
  export const postgresStorage: ((options: { connectionString: string }) => import('sitegate').Storage) | undefined;
  export const pgliteStorage: ((options?: { dataDir?: string }) => import('sitegate').Storage | Promise<import('sitegate').Storage>) | undefined;
}
