// The published conformance suite must catch a store whose transactions are atomic but not
// isolated: such a store loses edits in the portal. Run the suite on one, in a vitest of its
// own, and read its report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Assertion {
  fullName: string;
  status: string;
  failureMessages: string[];
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sg-conformance-'));
let results: Assertion[] = [];

beforeAll(() => {
  const report = join(dir, 'report.json');
  // The child must not think it is one of this run's workers.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'TEST'));
  const run = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/adapters/support/conformance-child.config.ts'], {
    cwd: root,
    env: { ...env, SITEGATE_CONFORMANCE_REPORT: report },
    encoding: 'utf8',
    timeout: 170_000,
  });
  try {
    const parsed = JSON.parse(readFileSync(report, 'utf8')) as { testResults: { assertionResults: Assertion[] }[] };
    results = parsed.testResults.flatMap((file) => file.assertionResults);
  } catch {
    throw new Error(`the conformance run left no report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const failed = () => results.filter((r) => r.status !== 'passed');

describe('storageConformance on a store without transaction isolation', () => {
  it('fails', () => {
    expect(results.length, 'tests run').toBeGreaterThan(50);
    expect(failed().length).toBeGreaterThan(0);
  });

  it.each([
    'lose neither change (clients.update + clients.setProjects)',
    'cannot be claimed again before the transaction ends',
    'never sees a write that is later rolled back',
    'does not see its writes before it commits',
  ])('fails the case that %s', (title) => {
    const cases = results.filter((r) => r.fullName.includes(title));
    expect(cases.length, `cases named "${title}"`).toBeGreaterThan(0);
    for (const c of cases) expect(c.status, c.fullName).toBe('failed');
  });

  it('fails only the isolation cases: the rest of the suite passes, as it did before they existed', () => {
    expect(failed().map((r) => r.fullName).filter((name) => !name.includes('transaction isolation'))).toEqual([]);
  });

  it('says in each failure which query or case failed', () => {
    const messages = failed().map((r) => r.failureMessages.join('\n'));
    expect(messages.some((m) => /setProjects was overwritten/.test(m))).toBe(true);
    expect(messages.some((m) => /claimMailJobs took a job/.test(m))).toBe(true);
    expect(messages.some((m) => /client, read outside the transaction, returned a write that was then rolled back/.test(m))).toBe(true);
  });
});
