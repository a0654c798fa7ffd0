import * as fc from 'fast-check';
import { describe, it } from 'vitest';
import { memoryStorage } from 'sitegate/adapters/memory';
import { checkInvariants, commands, setup } from './visibility-commands.js';

const runs = process.env.STRESS ? 300 : 40;

describe('visibility, model-based', () => {
  it('portal.can, access.can and the feed always agree with the reference model (memory)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands(), { maxCommands: 40, size: 'max' }), async (cmds) => {
        const { model, real } = await setup(memoryStorage());
        await fc.asyncModelRun(() => ({ model, real }), [...cmds].flatMap((c) => [c, { check: () => true, run: checkInvariants, toString: () => 'check' }]));
      }),
      { numRuns: runs },
    );
  }, 120_000);
});
