import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * `executeServerCommand('sg-screenshot', { name, rect? })` saves a PNG of the test page (or of
 * one element's box) to test/screenshots/, so a reviewer can look at each element.
 */
export function screenshotPlugin(dir = 'test/screenshots') {
  return {
    name: 'sg-screenshot',
    async executeCommand({ command, payload, session }) {
      if (command !== 'sg-screenshot') return undefined;
      const page = session.browser.getPage?.(session.id);
      if (!page) return false;
      const name = String(payload?.name ?? 'screenshot').replace(/[^\w.-]+/g, '-');
      const path = resolve(join(dir, `${name}.png`));
      mkdirSync(dirname(path), { recursive: true });
      const rect = payload?.rect;
      await page.screenshot({
        path,
        ...(rect ? { clip: { x: Math.max(0, rect.x - 8), y: Math.max(0, rect.y - 8), width: rect.width + 16, height: rect.height + 16 } } : { fullPage: true }),
      });
      return true;
    },
  };
}
