import { expect } from '@open-wc/testing';

/**
 * The checks of without-intl.test.ts again in the `los-angeles` group (web-test-runner.config.mjs),
 * where local time and UTC fall on different days around midnight: the local form must follow
 * the viewer's time zone exactly as `Intl` does.
 */
describe('dates without Intl, west of UTC', () => {
  it('runs in Los Angeles', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone, 'run this file with `npx wtr --group los-angeles`').to.equal('America/Los_Angeles');
  });
});
import './without-intl.test.js';
