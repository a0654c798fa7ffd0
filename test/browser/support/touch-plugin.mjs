/**
 * `executeServerCommand('sg-touch', { enabled })` makes the test page a touch screen through the
 * DevTools protocol: `(pointer: coarse)` and `(hover: none)` match, as on a phone. The setting
 * holds for the page, i.e. the file; `{ enabled: false }` gives the mouse back. The protocol
 * session stays open while it holds (closing it would end the emulation).
 */
export function touchPlugin() {
  const sessions = new WeakMap();
  return {
    name: 'sg-touch',
    async executeCommand({ command, payload, session }) {
      if (command !== 'sg-touch') return undefined;
      const page = session.browser.getPage?.(session.id);
      if (!page) return false;
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      const enabled = !!payload?.enabled;
      await sessions.get(page).send('Emulation.setTouchEmulationEnabled', { enabled, maxTouchPoints: enabled ? 5 : 1 });
      return true;
    },
  };
}
