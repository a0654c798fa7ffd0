import { spawn } from 'node:child_process';

export interface ServedScript {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `node <script>` and resolves to the first `http://` URL it prints (IPv6 brackets
 * included) and a `stop()`; rejects when it exits first or prints no URL within `timeoutMs`.
 */
export function serveScript(script: string, options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<ServedScript> {
  const child = spawn(process.execPath, [script], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => void stop().then(() => reject(new Error(`${script} printed no URL within ${options.timeoutMs / 1000} s:\n${output}`))),
      options.timeoutMs,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/[\w.:[\]-]+/.exec(output)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({ url, output: () => output, stop });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  });
}
