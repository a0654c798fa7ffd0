import { MailError } from '../errors/MailError.js';
import { isSitegateError } from '../errors/SitegateError.js';
import type { MailJob } from '../model/outbox.js';
import { renderInviteEmail } from '../mail/invite-email.js';
import type { PortalContext } from '../portal/context.js';
import { hashToken, mintToken } from '../tokens/secret-token.js';

export interface FlushResult {
  sent: number;
  failed: number;
  /** Transient failures scheduled for a later attempt. */
  retrying: number;
  cancelled: number;
}

/** Transient errors are worth retrying; permanent ones (5xx, rejected recipient, auth) are not. */
function isPermanent(error: unknown): boolean {
  return error instanceof MailError ? error.permanent : (isSitegateError(error) && error.code === 'mail_failed' && (error.data?.permanent as boolean)) === true;
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/**
 * The durable outbox. Invites and their mail jobs are stored together; delivery claims due
 * jobs (rows are locked so two workers never take the same one), mints the invite token — the
 * raw token exists only in the email — sends, and records the outcome on the job and the client.
 */
export function outboxService(ctx: PortalContext) {
  const { storage, outbox } = ctx;

  function backoff(attempts: number): number {
    const ceiling = Math.min(outbox.maxDelayMs, outbox.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    // "Full jitter": spreads retries of many failed jobs over the window.
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  async function finish(job: MailJob, patch: Partial<MailJob>, delivery?: { state: 'sent' | 'failed'; reason?: string }) {
    const now = ctx.now();
    await storage.transaction(async (tx) => {
      await tx.saveMailJob({ ...job, ...patch, updatedAt: now });
      if (!delivery) return;
      const client = await tx.getClient(job.tenantId, job.clientId);
      const invite = await tx.getInvite(job.tenantId, job.inviteId);
      // Only the latest invite's mail speaks for the client's delivery state.
      if (client && invite?.status === 'pending') {
        await tx.saveClient({ ...client, inviteDelivery: { ...delivery, at: now }, updatedAt: now });
      }
    });
  }

  async function deliver(job: MailJob): Promise<keyof FlushResult> {
    const invite = await storage.getInvite(job.tenantId, job.inviteId);
    const now = ctx.now();
    if (!invite || invite.status !== 'pending' || invite.expiresAt.getTime() <= now.getTime()) {
      await finish(job, { state: 'cancelled', lastError: 'the invite was replaced, used or expired before its mail went out' });
      return 'cancelled';
    }
    try {
      const [client, tenant] = await Promise.all([storage.getClient(job.tenantId, job.clientId), ctx.tenant(job.tenantId)]);
      const projects = client?.projectIds.length ? await ctx.content.projects(job.tenantId, client.projectIds) : [];
      const token = mintToken(job.tenantId);
      if (!(await storage.setInviteTokenHash(job.tenantId, invite.id, await hashToken(token)))) {
        await finish(job, { state: 'cancelled', lastError: 'the invite was replaced or used before its mail went out' });
        return 'cancelled';
      }
      const email = renderInviteEmail({
        to: invite.email,
        ...(client?.name ? { clientName: client.name } : {}),
        tenant,
        projectNames: projects.map((p) => p.name),
        acceptUrl: ctx.acceptUrl(token),
        expiresAt: invite.expiresAt,
        resend: invite.resend,
      });
      const receipt = await ctx.mail.send({
        to: invite.email,
        ...email,
        headers: { 'X-Sitegate-Invite': invite.id },
        messageId: `<${job.id}.${job.attempts}@sitegate>`,
      });
      await finish(job, { state: 'sent', ...(receipt.providerId ? { providerId: receipt.providerId } : {}) }, { state: 'sent' });
      return 'sent';
    } catch (error) {
      const reason = reasonOf(error);
      if (isPermanent(error) || job.attempts >= outbox.maxAttempts) {
        await finish(job, { state: 'failed', lastError: reason }, { state: 'failed', reason });
        return 'failed';
      }
      ctx.onError(error);
      await finish(job, { state: 'pending', lastError: reason, runAt: new Date(ctx.now().getTime() + backoff(job.attempts)) });
      return 'retrying';
    }
  }

  /** Delivers every mail that is due now, batch by batch; returns what happened. */
  async function flush(options: { batchSize?: number } = {}): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, failed: 0, retrying: 0, cancelled: 0 };
    const batchSize = options.batchSize ?? 25;
    for (;;) {
      const now = ctx.now();
      const jobs = await storage.claimMailJobs(now, batchSize, new Date(now.getTime() + outbox.leaseMs));
      if (jobs.length === 0) return result;
      for (const outcome of await Promise.all(jobs.map(deliver))) result[outcome]++;
    }
  }

  /**
   * Runs `flush` every `intervalMs` until the returned `stop()` is called. Errors are passed
   * to `onError` and the loop goes on.
   */
  function start(options: { intervalMs?: number } = {}): { stop: () => Promise<void> } {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running: Promise<unknown> = Promise.resolve();
    const tick = () => {
      running = flush()
        .catch(ctx.onError)
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 1000);
        });
    };
    tick();
    return {
      async stop() {
        stopped = true;
        if (timer) clearTimeout(timer);
        await running;
      },
    };
  }

  /** Mail jobs of one tenant, for support pages and tests. */
  async function list(tenantId: string, query: { state?: MailJob['state']; clientId?: string } = {}): Promise<MailJob[]> {
    return storage.listMailJobs(tenantId, query);
  }

  return { flush, start, list };
}
