// `npm start`: builds the package when the sources are newer than dist/, then runs the demo.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(join(root, path)).mtimeMs);
  }
  return latest;
}

const built = join(root, 'dist/index.js');
const stale = !existsSync(built) || ['src', 'components', 'adapters'].some((dir) => newest(dir) > statSync(built).mtimeMs);
if (stale) {
  console.log('Building sitegate (first start or sources changed)…');
  const result = spawnSync('npx', ['tsup'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, SITEGATE_JS_ONLY: '1' } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { startDemo } = await import('./server.mjs');
const demo = await startDemo();
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo…');
    await demo.close();
    process.exit(0);
  });
}
