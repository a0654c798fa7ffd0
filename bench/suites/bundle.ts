import { fileURLToPath } from 'node:url';
import { ALL_ELEMENTS, browserEntries, FLOORS, gzipSize, kb, SHARE_BUTTON_PAGE } from '../lib/bundle-size.js';
import type { Row } from '../lib/row.js';
import { fmtRatio } from '../lib/stats.js';

const SECTION = 'Bundle size (min + gzip, browser, everything a page loads before its first data)';
/** The page targets, also enforced by test/bundle-size.test.ts. */
const TARGETS: Record<string, number> = { [ALL_ELEMENTS]: 35 * 1024, [SHARE_BUTTON_PAGE]: 20 * 1024 };

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
    const target = TARGETS[entry.name];
    rows.push({
      section: SECTION,
      figure: `\`${entry.name}\``,
      value: `${kb(size.gz)} (${kb(size.min)} min)`,
      baseline: `${floor.name}: ${kb(floorSize.gz)}`,
      ratio: fmtRatio(size.gz / floorSize.gz),
      ...(target ? { target: `≤ ${kb(target)}`, met: size.gz <= target } : {}),
      note: size.files === 1 ? 'one file' : `${size.files} files: every chunk counts (${kb(size.gz - size.eagerGz)} loaded by \`import()\`)`,
    });
  }
  return rows;
}
