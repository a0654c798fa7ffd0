/** Provided by bench/lib/sitegate-sources.mjs at bundle time; `undefined` when not in the tree. */
declare module 'bench:optional-adapters' {
  type SqlStorage = import('sitegate').Storage & { readonly schema: string; ready(): Promise<void> };
  export const postgresStorage: ((connection: { pool: unknown } | { connectionString: string }) => SqlStorage) | undefined;
  export const pgliteStorage: ((options?: { dataDir?: string; db?: unknown }) => SqlStorage) | undefined;
}
