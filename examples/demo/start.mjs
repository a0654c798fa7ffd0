// `npm start`: builds the package when the sources are newer than dist/, then runs the demo.
import { ensureBuild } from '../../scripts/ensure-build.mjs';

ensureBuild({ jsOnly: true });

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
