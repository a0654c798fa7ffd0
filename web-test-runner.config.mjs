// Browser tests run in Debian's Chromium (never a downloaded browser), TypeScript via esbuild.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { jsonResultsReporter } from './test/browser/support/json-reporter.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium.mjs';
import { screenshotPlugin } from './test/browser/support/screenshot-plugin.mjs';
import { mswWorkerPlugin } from './test/browser/support/serve-msw-worker.mjs';
import { bundledCopiesPlugin } from './test/browser/support/bundled-copies.mjs';
import { timeZonePlugin } from './test/browser/support/time-zone-plugin.mjs';
import { touchPlugin } from './test/browser/support/touch-plugin.mjs';


/**
 * `*.tz.test.ts` run in a second Chromium whose clock is in Los Angeles (UTC−8), where a
 * calendar date read as UTC midnight would show as the day before. `npx wtr --group los-angeles`
 * runs only them; a run of chosen `--files` leaves the group out. A file that needs another zone
 * sets its own page's with `executeServerCommand('sg-time-zone', { timeZone })` (time-zone-plugin.mjs).
 */
const TZ_FILES = 'test/browser/**/*.tz.test.ts';
const timeZoneGroups =
  process.argv.includes('--files')
    ? []
    : [
        {
          name: 'los-angeles',
          files: TZ_FILES,
          browsers: [
            chromeLauncher({
              launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, env: { ...process.env, TZ: 'America/Los_Angeles' } },
            }),
          ],
        },
      ];

export default {
  files: ['test/browser/**/*.test.ts', `!${TZ_FILES}`],
  groups: timeZoneGroups,
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 180000,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    screenshotPlugin('test/screenshots'),
    mswWorkerPlugin(),
    bundledCopiesPlugin(),
    timeZonePlugin(),
    touchPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter(), jsonResultsReporter('.ci/results/wtr.json')],
};
