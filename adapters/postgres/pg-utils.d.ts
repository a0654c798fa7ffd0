// node-postgres's internal helpers, which its own `Query` uses; only what sitegate calls.
declare module 'pg/lib/utils.js' {
  const utils: {
    /** A JS value as the text (or Buffer, or null) node-postgres sends for a statement parameter. */
    prepareValue(value: unknown): unknown;
  };
  export default utils;
}
