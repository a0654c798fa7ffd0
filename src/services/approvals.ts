import { approverRefusals, APPROVER_REFUSALS, checkApprovers, locateForApproval, mayRead, refusalFor } from '../access/approvers.js';
import { loadClientScope } from '../access/client-scope.js';
import { mayActIn } from '../access/policy.js';
import { approvalError } from '../errors/ApprovalError.js';
import { ConflictError } from '../errors/ConflictError.js';
import { forbidden } from '../errors/ForbiddenError.js';
import { notFound } from '../errors/NotFoundError.js';
import { parseInput } from '../errors/from-zod.js';
import { type ValidationIssue, invalid } from '../errors/ValidationError.js';
import type { PortalContext } from '../kernel/context.js';
import type { StorageOps } from '../ports/storage.js';
import { requireClient, requireStaff } from '../kernel/guard.js';
import { requireProject } from './projects-check.js';
import { Actor, type ClientActor, type StaffActor } from '../model/actor.js';
import {
  DecideApprovalInput,
  DecisionFacts,
  ListApprovalsInput,
  ApproversQuery,
  ReopenApprovalInput,
  RequestApprovalInput,
  WithdrawApprovalInput,
  type Approval,
  type ApprovalDecision,
  type ApprovalExport,
  type ApprovalView,
  type ApproverEligibility,
} from '../model/approval.js';
import { isOpenStatus } from '../model/approval-lists.js';
import { Id } from '../model/ids.js';
import { locate, type Located } from '../access/ancestry.js';
import { newId } from '../tokens/ids.js';
import { commitDecided, commitReopened, commitRequested, commitWithdrawn } from './approval-commits.js';
import { canonicalJson, optionIds, snapshotHash, snapshotOf } from './approval-snapshot.js';
import { assertAsShown, assertOpen, isOpen, settle, statusAt, viewOf, withdrawnOf } from './approval-rules.js';
import { tellApprovers } from './approval-notices.js';
import { groupByResource, withBlockers } from './approval-blockers.js';
import { approverEligibility } from './approval-eligibility.js';
import { chainTip, withEvidence } from './decision-evidence.js';
import { noteView } from './receipts.js';

/**
 * What other approvers' decisions show a client: the decision and when, not who by address,
 * where from or the note, nor the evidence hash: it covers those too, so a client could test
 * guesses of them (a note, an address) against it.
 */
const forClient = (clientId: string) => (d: ApprovalDecision): ApprovalDecision => {
  if (d.clientId === clientId) return d;
  const { ip: _ip, userAgent: _ua, note: _note, clientEmail: _email, clientName: _name, evidenceHash: _hash, evidence: _text, ...rest } = d;
  return rest;
};

const mayNotApprove = (module: string) => forbidden('approve', 'Resource', `Your access does not allow approving ${module}`);

/** Approvals with evidence: staff request, withdraw and reopen, named clients decide. */
export function approvalsService(ctx: PortalContext) {
  const { storage } = ctx;

  async function currency(tenantId: string): Promise<string | undefined> {
    return (await ctx.tenant(tenantId)).currency;
  }

  function future(dueAt: Date | undefined, now: Date, path: string): void {
    // Coded, so a form in another language says it in its own words.
    if (dueAt && dueAt.getTime() <= now.getTime()) throw invalid([{ path: [path], message: 'must be in the future', code: 'date_past' }]);
  }

  /** The resource as it is now, if it can be put to approval; else a 422 on its `id`. */
  async function resourceToAsk(tenantId: string, projectId: string, module: Approval['module'], id: string): Promise<Located> {
    const located = await locateForApproval(ctx, tenantId, { projectId, module, id });
    if (!located) throw invalid([{ path: ['id'], message: `no ${module} resource ${JSON.stringify(id)} in this project` }]);
    if (located.resource.kind === 'folder') throw invalid([{ path: ['id'], message: 'a folder cannot be put to approval' }]);
    return located;
  }

  /** The resource as it is now, every approver able to decide on it; else a 422 naming each one and why. */
  async function askable(tenantId: string, projectId: string, module: Approval['module'], id: string, approvers: string[]): Promise<Located> {
    const located = await resourceToAsk(tenantId, projectId, module, id);
    const { refusals, unknown } = await checkApprovers(ctx, tenantId, located, approvers);
    // An id the builder has no client under is said to be one, not a client who cannot sign in.
    const issues: ValidationIssue[] = refusals.flatMap((refusal, i) => {
      if (!refusal) return [];
      const id = JSON.stringify(approvers[i]);
      const message = unknown.has(approvers[i]!) ? `no client ${id} in this builder's list` : `client ${id} ${APPROVER_REFUSALS[refusal]}`;
      return [{ path: ['approvers', i], message, code: refusal }];
    });
    if (issues.length) throw invalid(issues);
    return located;
  }

  async function request(actor: StaffActor, projectId: string, input: RequestApprovalInput): Promise<ApprovalView> {
    const staff = requireStaff(actor, 'create', 'Approval');
    const pid = await requireProject(ctx, staff.tenantId, projectId);
    const parsed = parseInput(RequestApprovalInput, input);
    const now = ctx.now();
    future(parsed.dueAt, now, 'dueAt');
    const located = await askable(staff.tenantId, pid, parsed.module, parsed.id, parsed.approvers);
    const snapshot = snapshotOf(located.resource, await currency(staff.tenantId));
    const approval: Approval = {
      tenantId: staff.tenantId,
      id: newId('ap'),
      projectId: pid,
      module: parsed.module,
      resourceId: parsed.id,
      approvers: parsed.approvers,
      mode: parsed.mode,
      status: 'pending',
      round: 1,
      ...(parsed.dueAt ? { dueAt: parsed.dueAt } : {}),
      ...(parsed.message ? { message: parsed.message } : {}),
      snapshot,
      snapshotHash: snapshotHash(snapshot),
      requestedBy: staff.userId,
      requestedAt: now,
      updatedAt: now,
    };
    await storage.transaction(async (tx) => {
      // The rows first, the tenant's event counter (taken by each commit) last, as decisions do.
      const superseded = await lockSuperseded(tx, staff, approval, now);
      await commitRequested(tx, staff, approval);
      await withdrawSuperseded(tx, staff, superseded, approval, now);
      await tellApprovers(ctx, tx, approval, [], now);
    });
    return viewOf(approval, [], now);
  }

  /**
   * Each active client of the project, and why it could not be named an approver of this
   * resource now: asked before a request, with the same checks, so a form can say it up front.
   */
  async function approvers(actor: StaffActor, projectId: string, query: ApproversQuery): Promise<ApproverEligibility[]> {
    const staff = requireStaff(actor, 'read', 'Approval');
    const pid = await requireProject(ctx, staff.tenantId, projectId);
    const parsed = parseInput(ApproversQuery, query ?? {});
    const located = await resourceToAsk(staff.tenantId, pid, parsed.module, parsed.id);
    return approverEligibility(ctx, staff.tenantId, located);
  }

  /**
   * Open approvals of the same resource that asked about it before it changed can take no
   * decision any more (`approval_stale`), and a new request (or a reopening) asks about it as it
   * is now: they are withdrawn with it, so their approvers are no longer shown a request they
   * cannot answer. Open ones about the resource as it is stay open (other clients may be asked in
   * parallel). Locked here, under the row lock a decision takes, and withdrawn once the asking
   * one is committed.
   *
   * One of them changed after `askedAt` (when the asking one began, before it read the
   * resource) was asked, or decided on, meanwhile: about the resource as it is now, since a
   * stale one takes no decision. Then the asking one is the out-of-date one, and it is refused
   * rather than withdrawing the current request.
   */
  async function lockSuperseded(tx: StorageOps, staff: StaffActor, asking: Approval, askedAt: Date): Promise<Approval[]> {
    const same = await tx.listApprovals(staff.tenantId, asking.projectId, { module: asking.module, resourceId: asking.resourceId });
    const locked: Approval[] = [];
    for (const found of same) {
      if (found.id === asking.id || found.snapshotHash === asking.snapshotHash || !isOpen(found, askedAt)) continue;
      const row = await tx.getApprovalForUpdate(staff.tenantId, found.id);
      if (!row || !isOpen(row, askedAt)) continue;
      if (row.updatedAt.getTime() > askedAt.getTime()) {
        throw new ConflictError('The item changed while this request was being made, and a newer request already asks about it as it is now.', {
          data: { reason: 'resource_changed' },
        });
      }
      locked.push(row);
    }
    return locked;
  }

  async function withdrawSuperseded(tx: StorageOps, staff: StaffActor, superseded: readonly Approval[], asking: Approval, now: Date): Promise<void> {
    for (const found of superseded) await commitWithdrawn(tx, staff, withdrawnOf(found, now), found.status, asking.id);
  }

  async function decide(actor: ClientActor, projectId: string, approvalId: string, input: DecideApprovalInput, facts: DecisionFacts = {}): Promise<ApprovalView> {
    const client = requireClient(actor);
    const pid = parseInput(Id, projectId, ['projectId']);
    const aid = parseInput(Id, approvalId, ['approvalId']);
    const parsed = parseInput(DecideApprovalInput, input);
    const evidence = parseInput(DecisionFacts, facts ?? {}, ['facts']);
    const { tenantId, clientId } = client;
    const scope = await loadClientScope(ctx, client);
    if (!scope || !scope.projectIds.has(pid)) throw notFound('Approval', aid);
    const found = await storage.getApproval(tenantId, aid);
    // Another project's, or not asked of this client: as if it did not exist.
    if (!found || found.projectId !== pid || !found.approvers.includes(clientId)) throw notFound('Approval', aid);
    // The client's own permission, which says nothing of the resource: its role or the tenant's
    // modules no longer let it approve in this module.
    if (!mayActIn(scope.ability, 'approve', tenantId, pid, found.module)) throw mayNotApprove(found.module);
    // Then the resource, as it is now. One the client may no longer see — unshared, moved or
    // removed — makes the approval unknown to it, as `listMine` no longer lists it: the answer
    // must not tell a resource that still exists from one that does not, nor whether others
    // have settled the approval since.
    const located = await locateForApproval(ctx, tenantId, { projectId: pid, module: found.module, id: found.resourceId });
    if (!located) throw notFound('Approval', aid);
    const [refusal] = await approverRefusals(ctx, tenantId, located, [clientId]);
    if (refusal) throw notFound('Approval', aid);
    assertOpen(found, ctx.now());
    // Decided on the approval as the client was shown it, not on a round asked since.
    assertAsShown(found, parsed);
    const snapshot = snapshotOf(located.resource, await currency(tenantId));
    const hash = snapshotHash(snapshot);
    if (hash !== found.snapshotHash) throw approvalError('approval_stale');
    const options = optionIds(found.snapshot);
    if (parsed.optionId !== undefined && !options.includes(parsed.optionId)) {
      throw invalid([{ path: ['optionId'], message: options.length ? `must be one of: ${options.join(', ')}` : 'this approval has no options to choose from' }]);
    }
    if (parsed.optionId === undefined && parsed.decision === 'approved' && options.length > 0) {
      throw invalid([{ path: ['optionId'], message: `choose one of: ${options.join(', ')}` }]);
    }

    const decided = await storage.transaction(async (tx) => {
      // Under the approval's row lock: concurrent decisions queue here and each sees the last one's outcome.
      const approval = await tx.getApprovalForUpdate(tenantId, aid);
      if (!approval || approval.projectId !== pid) throw notFound('Approval', aid);
      // Read once the lock is held, so decisions of one approval are dated in the order they chain.
      const now = ctx.now();
      // Access again, ordered with whatever takes it away: an unshare, an update's attachments or a
      // role edit (`holdAccess`), and the client's archive, portal access, projects or role (its
      // row, locked). Each either committed before these reads, and is seen, or waits until this
      // decision is stored. The tenant's settings are the host's, read above.
      await tx.holdAccess?.(tenantId, pid, 'rely');
      const current = await tx.getClientForUpdate(tenantId, clientId);
      if (!current) throw notFound('Approval', aid);
      const refusalNow = await refusalFor({ ...ctx, storage: tx, tenant: async () => scope.tenant }, located, current);
      if (refusalNow === 'may_not_approve') throw mayNotApprove(found.module);
      if (refusalNow) throw notFound('Approval', aid);
      assertOpen(approval, now);
      assertAsShown(approval, parsed);
      if (approval.snapshotHash !== hash) throw approvalError('approval_stale');
      const decisions = await tx.listApprovalDecisions(tenantId, [aid]);
      const round = decisions.filter((d) => d.round === approval.round);
      if (round.some((d) => d.clientId === clientId)) throw new ConflictError('You have already decided this approval', { data: { reason: 'already_decided' } });
      if (approval.mode === 'sequence') {
        const next = approval.approvers.find((id) => !round.some((d) => d.clientId === id));
        if (next !== clientId) throw approvalError('not_your_turn');
      }
      const decision = withEvidence(
        approval,
        {
          tenantId,
          id: newId('ad'),
          approvalId: aid,
          round: approval.round,
          clientId,
          decision: parsed.decision,
          ...(parsed.note ? { note: parsed.note } : {}),
          ...(parsed.optionId !== undefined ? { optionId: parsed.optionId } : {}),
          ...(evidence.ip ? { ip: evidence.ip } : {}),
          ...(evidence.userAgent ? { userAgent: evidence.userAgent } : {}),
          snapshot: approval.snapshot,
          snapshotHash: approval.snapshotHash,
          decidedAt: now,
          clientEmail: current.email,
          ...(current.name ? { clientName: current.name } : {}),
        },
        chainTip(decisions),
      );
      const status = settle(approval, [...round, decision]);
      const settled = status === 'approved' || status === 'declined';
      const updated: Approval = { ...approval, status, updatedAt: now, ...(settled ? { settledAt: now } : {}) };
      await commitDecided(tx, client, updated, decision, settled);
      // A sequence goes on to its next approver, who hears of it now that it is their turn.
      if (updated.mode === 'sequence' && !settled) await tellApprovers(ctx, tx, updated, [...round, decision], now);
      const view = viewOf(updated, [...decisions, decision], now);
      return { ...view, decisions: view.decisions.map(forClient(clientId)) };
    });
    // Deciding on it is having seen it: the builder's receipts say so (not "not viewed yet").
    // The decision stands whatever happens to this note of it.
    await noteView(ctx, client, { projectId: pid, module: found.module, id: found.resourceId }).catch(ctx.onError);
    return decided;
  }

  async function reopen(actor: StaffActor, projectId: string, approvalId: string, input: { reason: string; dueAt?: Date | string }): Promise<ApprovalView> {
    const staff = requireStaff(actor, 'update', 'Approval');
    const pid = parseInput(Id, projectId, ['projectId']);
    const aid = parseInput(Id, approvalId, ['approvalId']);
    const parsed = parseInput(ReopenApprovalInput, input);
    const now = ctx.now();
    future(parsed.dueAt, now, 'dueAt');
    const found = await storage.getApproval(staff.tenantId, aid);
    if (!found || found.projectId !== pid) throw notFound('Approval', aid);
    if (isOpen(found, now)) throw new ConflictError('This approval is still open for decisions; there is nothing to reopen', { data: { reason: 'still_open' } });
    // The next round asks about the resource as it is now, of approvers who can still decide on it.
    const located = await askable(staff.tenantId, pid, found.module, found.resourceId, found.approvers);
    const snapshot = snapshotOf(located.resource, await currency(staff.tenantId));
    return storage.transaction(async (tx) => {
      const approval = await tx.getApprovalForUpdate(staff.tenantId, aid);
      if (!approval || approval.projectId !== pid) throw notFound('Approval', aid);
      if (isOpen(approval, now)) throw new ConflictError('This approval is still open for decisions; there is nothing to reopen', { data: { reason: 'still_open' } });
      const { dueAt: _due, settledAt: _settled, withdrawnAt: _withdrawn, withdrawReason: _why, ...rest } = approval;
      const reopened: Approval = {
        ...rest,
        status: 'reopened',
        round: approval.round + 1,
        ...(parsed.dueAt ? { dueAt: parsed.dueAt } : {}),
        snapshot,
        snapshotHash: snapshotHash(snapshot),
        reopenReason: parsed.reason,
        updatedAt: now,
      };
      // Asked again about the resource as it is now: open approvals about it as it was go, as on a request.
      const superseded = await lockSuperseded(tx, staff, reopened, now);
      await commitReopened(tx, staff, reopened, statusAt(approval, now));
      await withdrawSuperseded(tx, staff, superseded, reopened, now);
      // Asked again: the approvers hear of it as of a new request.
      await tellApprovers(ctx, tx, reopened, [], now);
      return viewOf(reopened, await tx.listApprovalDecisions(staff.tenantId, [aid]), now);
    });
  }

  /**
   * Takes back an open approval: it takes no more decisions, leaves its approvers' "Waiting on
   * you" and digests, and keeps every decision made so far. For an approval asked of the wrong
   * client, or waiting on an approver who can no longer decide (a `sequence` would wait for ever).
   */
  async function withdraw(actor: StaffActor, projectId: string, approvalId: string, input: WithdrawApprovalInput = {}): Promise<ApprovalView> {
    const staff = requireStaff(actor, 'update', 'Approval');
    const pid = parseInput(Id, projectId, ['projectId']);
    const aid = parseInput(Id, approvalId, ['approvalId']);
    // No body is `{}` (the default above); a `null` one is refused like any other non-object.
    const parsed = parseInput(WithdrawApprovalInput, input);
    return storage.transaction(async (tx) => {
      const now = ctx.now();
      // Under the row lock a decision also takes: a decision that committed first is kept (one
      // that settled the approval leaves nothing to withdraw), and one after finds it closed.
      const approval = await tx.getApprovalForUpdate(staff.tenantId, aid);
      if (!approval || approval.projectId !== pid) throw notFound('Approval', aid);
      const status = statusAt(approval, now);
      if (!isOpenStatus(status)) throw new ConflictError(`This approval is ${status}; only an open approval can be withdrawn`, { data: { reason: 'not_open' } });
      const withdrawn = withdrawnOf(approval, now, parsed.reason);
      await commitWithdrawn(tx, staff, withdrawn, status);
      return viewOf(withdrawn, await tx.listApprovalDecisions(staff.tenantId, [aid]), now);
    });
  }

  async function staffList(staff: StaffActor, pid: string, filter: ReturnType<typeof ListApprovalsInput.parse>): Promise<ApprovalView[]> {
    const approvals = await storage.listApprovals(staff.tenantId, pid, { ...(filter.module ? { module: filter.module } : {}), ...(filter.id ? { resourceId: filter.id } : {}) });
    const decisions = await storage.listApprovalDecisions(staff.tenantId, approvals.map((a) => a.id));
    const now = ctx.now();
    const views = approvals.map((a) => viewOf(a, decisions, now)).filter((v) => !filter.status || v.status === filter.status);
    return withBlockers(ctx, staff.tenantId, views);
  }

  /**
   * Those asking this client, on resources it can still see; other approvers' evidence left out.
   * An open one whose resource changed since it was asked says so (`stale`: every decision is
   * refused), as the staff list does; who else cannot decide (`cannotDecide`) is not the client's
   * to know. Each resource is located once, all in one call to the content source, and the
   * staleness read from what that call brought.
   */
  async function listMine(actor: ClientActor, projectId: string, query: { module?: string; id?: string; status?: string } = {}): Promise<ApprovalView[]> {
    const client = requireClient(actor);
    const pid = parseInput(Id, projectId, ['projectId']);
    const filter = parseInput(ListApprovalsInput, query ?? {});
    const scope = await loadClientScope(ctx, client);
    if (!scope || !scope.projectIds.has(pid)) throw notFound('Project', pid);
    const { tenantId, clientId } = client;
    const approvals = await storage.listApprovals(tenantId, pid, {
      clientId,
      ...(filter.module ? { module: filter.module } : {}),
      ...(filter.id ? { resourceId: filter.id } : {}),
    });
    const groups = groupByResource(approvals);
    const located = await locate(ctx.content, tenantId, groups.map(([a]) => ({ projectId: pid, module: a!.module, id: a!.resourceId })));
    // Each visible approval with the snapshot hash of its resource as it is now (the client's
    // scope read above decides what it may see).
    const current = new Map<Approval, string>();
    await Promise.all(
      groups.map(async (group, i) => {
        const at = located[i];
        if (!at || !(await mayRead(storage, scope, at))) return;
        const hash = snapshotHash(snapshotOf(at.resource, scope.tenant.currency));
        for (const a of group) current.set(a, hash);
      }),
    );
    const visible = approvals.filter((a) => current.has(a));
    const decisions = await storage.listApprovalDecisions(tenantId, visible.map((a) => a.id));
    const now = ctx.now();
    return visible.flatMap((a) => {
      const v = viewOf(a, decisions, now);
      if (filter.status && v.status !== filter.status) return [];
      const stale = isOpenStatus(v.status) && current.get(a) !== v.snapshotHash;
      return [{ ...v, decisions: v.decisions.map(forClient(clientId)), ...(stale ? { stale: true } : {}) }];
    });
  }

  /** Staff: every approval of the project. Clients: those asking them (as `listMine`). */
  async function list(actor: StaffActor | ClientActor, projectId: string, query: { module?: string; id?: string; status?: string } = {}): Promise<ApprovalView[]> {
    const who = parseInput(Actor, actor, ['actor']);
    if (who.type === 'client') return listMine(who, projectId, query);
    const staff = requireStaff(who, 'read', 'Approval');
    const filter = parseInput(ListApprovalsInput, query ?? {});
    return staffList(staff, await requireProject(ctx, staff.tenantId, projectId), filter);
  }

  /** One approval with all its evidence, as a JSON document a builder can keep and check. */
  async function exportOne(actor: StaffActor, projectId: string, approvalId: string): Promise<ApprovalExport> {
    const staff = requireStaff(actor, 'read', 'Approval');
    const pid = parseInput(Id, projectId, ['projectId']);
    const aid = parseInput(Id, approvalId, ['approvalId']);
    const approval = await storage.getApproval(staff.tenantId, aid);
    if (!approval || approval.projectId !== pid) throw notFound('Approval', aid);
    const now = ctx.now();
    const decisions = await storage.listApprovalDecisions(staff.tenantId, [aid]);
    // The list entry, with each decision's evidence text as well as its hash.
    const view = { ...viewOf(approval, decisions, now), decisions };
    return { format: 'sitegate.approval/v1', exportedAt: now, approval: view, canonicalSnapshot: canonicalJson(approval.snapshot), hashAlgorithm: 'SHA-256' };
  }

  return { request, approvers, decide, withdraw, reopen, list, listMine, export: exportOne };
}
