/**
 * `executeServerCommand('sg-time-zone', { timeZone })` puts the test page's clock in an IANA time
 * zone (`Pacific/Auckland`) through the DevTools protocol, so one file can run far from the
 * machine's zone without a browser of its own (the `*.tz.test.ts` group has Los Angeles);
 * `{ timeZone: '' }` gives the machine's zone back. The zone holds for the page, i.e. the file.
 */
export function timeZonePlugin() {
  return {
    name: 'sg-time-zone',
    async executeCommand({ command, payload, session }) {
      if (command !== 'sg-time-zone') return undefined;
      const page = session.browser.getPage?.(session.id);
      if (!page) return false;
      await page.emulateTimezone(payload?.timeZone || undefined);
      return true;
    },
  };
}
