/** Runs one suite in a Node process of its own; answers the rows it wrote (if any) and its exit code. */
export function runSuiteProcess(options: {
  /** The bundled benchmark entry, `main.mjs`. */
  main: string;
  suite: string;
  /** Where the suite writes its rows; removed once read. */
  out: string;
  flags?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<{ rows: unknown[] | undefined; code: number | null }>;
