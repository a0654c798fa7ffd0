// A process for pglite-lock.test.ts, in one of two modes.
//
// `hold <dataDir> <snapshotDir>` (run with the source bundle's `--import`): opens pgliteStorage on
// the directory, saves a role, prints `HELD <pid>`, then on a line `close` from stdin closes the
// storage and exits, and on `exit` exits without closing it.
//
// `race <lockModule> <slotMs> <racer> <dir>…`: prints `READY`, waits for `GO <ns>` on stdin,
// then tries to lock dir i when the monotonic clock (`process.hrtime`, one for every process of
// the machine) reads that plus i · slotMs, plus an offset: from round to round one racer or the
// other starts up to 300 µs after the other, so some rounds land in any window a takeover could
// leave open. Prints the outcomes as one JSON line and keeps its locks until stdin ends.
import { createInterface } from 'node:readline';

const [mode, ...args] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin });

if (mode === 'hold') {
  const [dataDir, snapshotDir] = args;
  const { pgliteStorage, readSnapshot, isEmptyDataDir } = await import('sitegate/adapters/pglite');
  const storage = pgliteStorage({ dataDir, initialDataDir: isEmptyDataDir(dataDir) ? readSnapshot(snapshotDir) : undefined, settings: { shared_buffers: '4MB', max_connections: 4 } });
  await storage.saveRole({ tenantId: 'acme', id: `held-by-${process.pid}`, name: 'Held', permissions: [] });
  process.stdout.write(`HELD ${process.pid}\n`);
  for await (const line of lines) {
    if (line === 'close') {
      await storage.close();
      process.exit(0);
    }
    if (line === 'exit') process.exit(0);
  }
} else if (mode === 'race') {
  const [lockModule, slotMs, racer, ...dirs] = args;
  const { lockDataDir } = await import(lockModule);
  process.stdout.write('READY\n');
  const held = [];
  for await (const line of lines) {
    const go = /^GO (\d+)$/.exec(line);
    if (!go) continue;
    const outcomes = dirs.map((dir, i) => {
      const offsetUs = -300 + (i % 121) * 5;
      const delayUs = racer === '0' ? Math.max(0, -offsetUs) : Math.max(0, offsetUs);
      const at = BigInt(go[1]) + BigInt(Math.round((i * Number(slotMs) * 1000 + delayUs) * 1000));
      // Spinning, not a timer: the racers start within microseconds of the planned moment.
      while (process.hrtime.bigint() < at);
      try {
        held.push(lockDataDir(dir));
        return { won: true };
      } catch (error) {
        return { won: false, message: String(error.message) };
      }
    });
    process.stdout.write(`${JSON.stringify(outcomes)}\n`);
  }
  for (const lock of held) lock.release();
}
