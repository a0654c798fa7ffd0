import { createHash } from 'node:crypto';
import type { ApprovalExport, PortalEvent } from 'sitegate';
import { describe, expect, it } from 'vitest';
import { staffA } from '../../src/testing/fixtures.js';
import { approvalsSetup } from '../support/approvals.js';
import { checkEvidence } from '../support/evidence-check.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** The evidence hashes the host heard, in the order it heard them. */
const decidedHashes = (heard: readonly PortalEvent[]): string[] => heard.flatMap((e) => (e.type === 'approval.decided' ? [String(e.data.evidenceHash)] : []));

describe('the evidence of each decision', () => {
  it('hashes the whole decision and what it was asked about, chained to the decision before it', async () => {
    const heard: PortalEvent[] = [];
    const { portal, dana, eve, finn } = await approvalsSetup({ onEvent: async (event) => void heard.push(event) });
    await portal.clients.update(staffA, dana.id, { name: 'Dana Ó Briain' });
    const approval = await portal.approvals.request(staffA, 'p-maple', {
      module: 'selections', id: 'sel-tile', approvers: [dana.id, eve.id, finn.id], mode: 'all', message: 'Pick one by Friday', dueAt: '2026-03-20T17:00:00Z',
    });
    // The test clock stands still: all three decide in the same millisecond.
    await portal.approvals.decide(dana, 'p-maple', approval.id, { decision: 'approved', optionId: 'opt-2', note: 'Slate it is' }, { ip: '203.0.113.9', userAgent: 'Phone' });
    await portal.approvals.decide(eve, 'p-maple', approval.id, { decision: 'approved', optionId: 'opt-1' });
    await portal.approvals.decide(finn, 'p-maple', approval.id, { decision: 'declined' });
    await portal.approvals.reopen(staffA, 'p-maple', approval.id, { reason: 'Options corrected' });
    await portal.approvals.decide(dana, 'p-maple', approval.id, { decision: 'declined' });
    await portal.outbox.flush();

    const doc = await portal.approvals.export(staffA, 'p-maple', approval.id);
    const decisions = doc.approval.decisions;
    expect(decisions).toHaveLength(4);
    const texts = decisions.map((d) => JSON.parse(d.evidence!) as Record<string, unknown>);
    expect(texts[0]).toEqual({
      format: 'sitegate.decision/v1',
      tenantId: 'acme', projectId: 'p-maple', approvalId: approval.id, module: 'selections', resourceId: 'sel-tile',
      round: 1, mode: 'all', approvers: [dana.id, eve.id, finn.id], message: 'Pick one by Friday', dueAt: '2026-03-20T17:00:00.000Z',
      snapshot: approval.snapshot, snapshotHash: approval.snapshotHash,
      decisionId: decisions[0]!.id, clientId: dana.id, clientEmail: 'dana@example.com', clientName: 'Dana Ó Briain',
      decision: 'approved', optionId: 'opt-2', note: 'Slate it is', ip: '203.0.113.9', userAgent: 'Phone',
      decidedAt: decisions[0]!.decidedAt.toISOString(), previousHash: null,
    });
    // One chain through both rounds, in the order the decisions were taken, whatever their ids.
    const byDecisionOrder = [dana.id, eve.id, finn.id, dana.id];
    const chain: string[] = [];
    let previous: string | null = null;
    for (const clientId of byDecisionOrder) {
      const index = texts.findIndex((t, i) => t.previousHash === previous && decisions[i]!.clientId === clientId);
      expect(index).toBeGreaterThanOrEqual(0);
      previous = decisions[index]!.evidenceHash!;
      chain.push(previous);
    }
    // Round 2 was asked without a due date: its evidence has none, though round 1's keeps its own.
    const second = texts.find((t) => t.round === 2)!;
    expect(second).toMatchObject({ clientId: dana.id, decision: 'declined', previousHash: chain[2] });
    expect(second).not.toHaveProperty('dueAt');
    for (const d of decisions) expect(sha256(d.evidence!)).toBe(d.evidenceHash);
    // The host heard each hash when the decision was taken, and can check the store against it.
    const told = decidedHashes(heard);
    expect(told).toEqual(chain);
    expect(checkEvidence(doc, told)).toEqual([]);
  });

  it('names the decider by the email they had then, after the builder corrects it', async () => {
    const { portal, dana } = await approvalsSetup();
    const approval = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    await portal.approvals.decide(dana, 'p-maple', approval.id, { decision: 'approved' });
    await portal.clients.update(staffA, dana.id, { email: 'dana.real@example.com' });
    await portal.outbox.flush();
    const [decision] = (await portal.approvals.export(staffA, 'p-maple', approval.id)).approval.decisions;
    expect(decision).toMatchObject({ clientId: dana.id, clientEmail: 'dana@example.com' });
    expect(JSON.parse(decision!.evidence!)).toMatchObject({ clientEmail: 'dana@example.com' });
  });

  it('shows lists the hash, not the text; a client sees no other approver\'s address, name or hash', async () => {
    const { portal, dana, eve } = await approvalsSetup();
    const approval = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'all' });
    const decided = await portal.approvals.decide(dana, 'p-maple', approval.id, { decision: 'approved' });
    expect(decided.decisions[0]).toMatchObject({ clientEmail: 'dana@example.com', evidenceHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(decided.decisions[0]).not.toHaveProperty('evidence');
    const [staffView] = await portal.approvals.list(staffA, 'p-maple', { id: 'co-1' });
    expect(staffView!.decisions[0]).toMatchObject({ clientEmail: 'dana@example.com', evidenceHash: decided.decisions[0]!.evidenceHash });
    expect(staffView!.decisions[0]).not.toHaveProperty('evidence');
    const [eveView] = await portal.approvals.listMine(eve, 'p-maple');
    expect(eveView!.decisions[0]).toMatchObject({ clientId: dana.id, decision: 'approved' });
    // Nor the hash: it covers the note and the address, and would confirm a guess of either.
    for (const hidden of ['clientEmail', 'clientName', 'evidence', 'evidenceHash', 'ip', 'userAgent', 'note']) expect(eveView!.decisions[0]).not.toHaveProperty(hidden);
    const eveDecided = await portal.approvals.decide(eve, 'p-maple', approval.id, { decision: 'approved' });
    const danaSeenByEve = eveDecided.decisions.find((d) => d.clientId === dana.id)!;
    expect(danaSeenByEve).not.toHaveProperty('evidenceHash');
    expect(eveDecided.decisions.find((d) => d.clientId === eve.id)).toMatchObject({ evidenceHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('is checkable from the export alone: every changed, dropped or reordered field is found', async () => {
    const heard: PortalEvent[] = [];
    const { portal, dana, eve } = await approvalsSetup({ onEvent: async (event) => void heard.push(event) });
    const approval = await portal.approvals.request(staffA, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [dana.id, eve.id], mode: 'sequence', message: 'Your pick' });
    await portal.approvals.decide(dana, 'p-maple', approval.id, { decision: 'approved', optionId: 'opt-1', note: 'ok' }, { ip: '198.51.100.4', userAgent: 'Desk' });
    await portal.approvals.decide(eve, 'p-maple', approval.id, { decision: 'approved', optionId: 'opt-1' });
    await portal.outbox.flush();
    const told = decidedHashes(heard);
    const doc = await portal.approvals.export(staffA, 'p-maple', approval.id);
    expect(checkEvidence(doc, told)).toEqual([]);

    const tampered = (change: (doc: ApprovalExport) => void): string[] => {
      const copy = structuredClone(doc);
      change(copy);
      return checkEvidence(copy, told);
    };
    const first = (d: ApprovalExport) => d.approval.decisions[0]!;
    const rewrite = (d: ApprovalExport, edit: (text: Record<string, unknown>) => void) => {
      const text = JSON.parse(first(d).evidence!) as Record<string, unknown>;
      edit(text);
      first(d).evidence = JSON.stringify(text);
      first(d).evidenceHash = sha256(first(d).evidence!);
    };
    expect(tampered((d) => void (first(d).decision = 'declined'))).not.toEqual([]);
    expect(tampered((d) => void (first(d).optionId = 'opt-2'))).not.toEqual([]);
    expect(tampered((d) => void (first(d).clientEmail = 'someone@example.com'))).not.toEqual([]);
    expect(tampered((d) => void (first(d).decidedAt = new Date(first(d).decidedAt.getTime() + 1)))).not.toEqual([]);
    expect(tampered((d) => void (first(d).ip = '192.0.2.1'))).not.toEqual([]);
    expect(tampered((d) => void (first(d).snapshot = { ...first(d).snapshot, name: 'Other tile' }))).not.toEqual([]);
    // The text rewritten and rehashed: its successor's link, and the host's copy, disagree.
    expect(tampered((d) => rewrite(d, (t) => void (t.message = 'Something else')))).not.toEqual([]);
    expect(tampered((d) => rewrite(d, (t) => void (t.decision = 'declined')))).not.toEqual([]);
    // A decision dropped, or the order of two swapped.
    expect(tampered((d) => void d.approval.decisions.shift())).not.toEqual([]);
    expect(tampered((d) => void d.approval.decisions.reverse())).toEqual([]);
    expect(tampered((d) => {
      const [a, b] = d.approval.decisions;
      [a!.decidedAt, b!.decidedAt] = [b!.decidedAt, a!.decidedAt];
      [a!.clientId, b!.clientId] = [b!.clientId, a!.clientId];
    })).not.toEqual([]);
  });
});
