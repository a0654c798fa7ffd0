import { describe, expect, it } from 'vitest';
import { memoryContent } from 'sitegate/adapters/memory';
import { demoContent, DEMO_TENANT } from '../../examples/demo/content.mjs';
import { settleDecidedItem } from '../../examples/demo/host-decisions.mjs';

/** The demo host settles its own record of an item from the `approval.completed` it hears. */
describe('demo host: decisions heard settle the items', () => {
  const co2 = { projectId: 'maple-12', module: 'changeOrders', id: 'maple-12-co-2' } as const;
  const completed = (status: string, at: Date | string = new Date('2026-11-02T10:00:00Z')) => ({
    type: 'approval.completed',
    tenantId: DEMO_TENANT,
    at,
    data: { approvalId: 'ap-1', ...co2, round: 1, status },
  });
  const item = async (content: ReturnType<typeof memoryContent>) => (await content.resolve(DEMO_TENANT, [co2]))[0]!;

  it('sets the status, and the meta status the host keeps, to the outcome', async () => {
    const content = memoryContent(demoContent());
    expect(await item(content)).toMatchObject({ status: 'pending', meta: { status: 'pending', amount: 6800 } });
    await settleDecidedItem(content, completed('approved'));
    expect(await item(content)).toMatchObject({ status: 'approved', meta: { status: 'approved', amount: 6800 }, updatedAt: new Date('2026-11-02T10:00:00Z') });
  });

  it('replays an event as the events file keeps it (its time as text)', async () => {
    const content = memoryContent(demoContent());
    await settleDecidedItem(content, completed('declined', '2026-11-03T08:00:00.000Z'));
    expect(await item(content)).toMatchObject({ status: 'declined', updatedAt: new Date('2026-11-03T08:00:00Z') });
  });

  it('chooses the option a selection was approved with, at its price, once the approval completes', async () => {
    const content = memoryContent(demoContent());
    const tile = { projectId: 'maple-12', module: 'selections', id: 'maple-12-tile' } as const;
    const about = { approvalId: 'ap-tile', ...tile, round: 1 };
    const at = new Date('2026-11-02T10:00:00Z');
    await settleDecidedItem(content, { type: 'approval.decided', tenantId: DEMO_TENANT, at, data: { ...about, decisionId: 'ad-1', clientId: 'cl-1', decision: 'approved', optionId: 'subway', status: 'pending' } });
    // Until the approval completes, the item is what the other approvers decide on: unchanged.
    expect((await content.resolve(DEMO_TENANT, [tile]))[0]!.meta).toMatchObject({ chosenOptionId: 'zellige', price: 2750 });
    await settleDecidedItem(content, { type: 'approval.completed', tenantId: DEMO_TENANT, at, data: { ...about, status: 'approved' } });
    expect((await content.resolve(DEMO_TENANT, [tile]))[0]).toMatchObject({ status: 'approved', meta: { chosenOptionId: 'subway', price: 1900 } });
  });

  it('leaves the content alone for other events, other outcomes and items it no longer has', async () => {
    const content = memoryContent(demoContent());
    await settleDecidedItem(content, { ...completed('approved'), type: 'approval.decided' });
    await settleDecidedItem(content, completed('withdrawn'));
    await settleDecidedItem(content, { ...completed('approved'), data: { ...completed('approved').data, id: 'gone' } });
    await settleDecidedItem(content, { ...completed('approved'), tenantId: 'other' });
    expect(await item(content)).toMatchObject({ status: 'pending', meta: { status: 'pending' } });
  });
});
