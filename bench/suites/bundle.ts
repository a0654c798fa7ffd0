import { fileURLToPath } from 'node:url';
import { browserEntries, FLOORS, gzipSize, kb } from '../lib/bundle-size.js';
import type { Row } from '../lib/row.js';
import { fmtRatio } from '../lib/stats.js';

const SECTION = 'Bundle size (min + gzip, browser, all dependencies)';
const TARGET_ALL = 30 * 1024;

/** Which floor an entry is compared with: what its dependencies alone cost. */
const floorOf = (name: string) => (name.startsWith('sitegate/client') ? FLOORS.client! : name.startsWith('sitegate (core)') ? FLOORS.core! : FLOORS.element!);

export async function bundle(): Promise<Row[]> {
  // The suite runs from the bundled bench in node_modules/.cache; the repository is its root.
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const floors = new Map(await Promise.all(Object.values(FLOORS).map(async (f) => [f.name, await gzipSize(root, f)] as const)));
  const rows: Row[] = [];
  for (const entry of browserEntries(root)) {
    const size = await gzipSize(root, entry);
    const floor = floorOf(entry.name);
    const floorSize = floors.get(floor.name)!;
    const all = entry.name.startsWith('sitegate/components');
    rows.push({
      section: SECTION,
      figure: `\`${entry.name}\``,
      value: `${kb(size.gz)} (${kb(size.min)} min)`,
      baseline: `${floor.name}: ${kb(floorSize.gz)}`,
      ratio: fmtRatio(size.gz / floorSize.gz),
      ...(all ? { target: '≤ 30 KB', met: size.gz <= TARGET_ALL } : {}),
      ...(size.lazyGz > 0 ? { note: `+ ${kb(size.lazyGz)} in chunks loaded on first use (dynamic \`import()\`)` } : {}),
    });
  }
  return rows;
}
