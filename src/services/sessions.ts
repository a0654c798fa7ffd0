import { tokenError } from '../errors/TokenError.js';
import { parseInput } from '../errors/from-zod.js';
import { SignInInput } from '../model/inputs.js';
import type { ClientActor } from '../model/actor.js';
import type { SessionToken } from '../model/account.js';
import { type Client, type ClientRecord, ownView } from '../model/client.js';
import { clientCanSignIn } from '../access/policy.js';
import { record } from '../kernel/audit-log.js';
import type { PortalContext } from '../kernel/context.js';
import { hashToken, parseToken } from '../tokens/secret-token.js';
import { startSession } from './session-issue.js';
import { signInLinksService } from './sign-in-links.js';
import { allowsSignIn } from './sign-in-methods.js';
import { requireClient } from '../kernel/guard.js';

/** Client sign-in, session lookup and sign-out. */
export function sessionsService(ctx: PortalContext) {
  const { storage } = ctx;
  // Verifying against a real hash when the email is unknown keeps both answers equally slow.
  let decoy: Promise<string> | undefined;
  function decoyHash(): Promise<string> {
    // A refused first try (hashing busy) must not stick: the next sign-in makes the decoy again.
    decoy ??= ctx.passwords.hash('sitegate-decoy-password').catch((error: unknown) => {
      decoy = undefined;
      throw error;
    });
    return decoy;
  }

  async function signIn(input: SignInInput): Promise<{ client: Client; session: SessionToken }> {
    const data = parseInput(SignInInput, input);
    // Asked first, alike for every attempt: whether the builder takes passwords depends on the
    // tenant alone, so neither the answer nor its timing (a slow or late `tenants` hook) can
    // tell a right password from a wrong one where passwords are off.
    if (!(await allowsSignIn(ctx, data.tenantId, 'password'))) throw tokenError('invalid_credentials');
    const client = await storage.getClientByEmail(data.tenantId, data.email);
    const account = client ? await storage.getAccount(data.tenantId, client.id) : null;
    const ok = await ctx.passwords.verify(data.password, account?.passwordHash ?? (await decoyHash()));
    // Unknown email, wrong password, switched-off access and a builder whose clients sign in
    // with emailed links only all get one answer.
    if (!client || !account || !ok || !clientCanSignIn(client)) throw tokenError('invalid_credentials');
    return storage.transaction(async (tx) => {
      // Checked again on the locked row: access switched off (or the password changed) while
      // the slow verify ran must not leave a session behind that works once access is back on.
      const current = await tx.getClientForUpdate(client.tenantId, client.id);
      const currentAccount = current ? await tx.getAccount(client.tenantId, client.id) : null;
      if (!current || !clientCanSignIn(current) || currentAccount?.passwordHash !== account.passwordHash) throw tokenError('invalid_credentials');
      const session = await startSession(ctx, tx, current);
      await record(tx, ctx.now(), current.tenantId, { type: 'client', tenantId: current.tenantId, clientId: current.id }, 'session.signed_in', {
        clientId: current.id,
      });
      return { client: ownView(current, ctx.now()), session };
    });
  }

  /** `resolve`, with the client record it read. */
  async function resolveWithClient(token: string): Promise<ResolvedSession | null> {
    const parsed = parseToken(token);
    if (!parsed) return null;
    // The session and its client in one read: every signed-in request starts here.
    const found = await storage.getSessionWithClient(parsed.tenantId, hashToken(parsed.token));
    // The expiry stamped at sign-in, or the current `sessionTtlDays` from sign-in if that is
    // sooner: a host that shortens it (after an incident, say) shortens sessions already out.
    if (!found || Math.min(found.session.expiresAt.getTime(), found.session.createdAt.getTime() + ctx.sessionTtlMs) <= ctx.now().getTime()) return null;
    const { client } = found;
    if (!clientCanSignIn(client)) return null;
    return { actor: { type: 'client', tenantId: client.tenantId, clientId: client.id }, client };
  }

  /** The client behind a session token, or `null` if it is unknown, expired, or the client lost access. */
  async function resolve(token: string): Promise<ClientActor | null> {
    return (await resolveWithClient(token))?.actor ?? null;
  }

  /** Ends the session. Unknown tokens are ignored. */
  async function signOut(token: string): Promise<void> {
    const parsed = parseToken(token);
    if (!parsed) return;
    const tokenHash = hashToken(parsed.token);
    const session = await storage.getSessionByTokenHash(parsed.tenantId, tokenHash);
    if (!session) return;
    await storage.transaction(async (tx) => {
      await tx.deleteSession(session.tenantId, tokenHash);
      await record(tx, ctx.now(), session.tenantId, { type: 'client', tenantId: session.tenantId, clientId: session.clientId }, 'session.signed_out', {
        clientId: session.clientId,
      });
    });
  }

  /** Ends every session of the client (all its browsers and devices). */
  async function signOutEverywhere(actor: ClientActor): Promise<void> {
    const client = requireClient(actor);
    await storage.transaction(async (tx) => {
      const ended = await tx.deleteClientSessions(client.tenantId, client.clientId);
      await record(tx, ctx.now(), client.tenantId, client, 'session.signed_out_everywhere', { clientId: client.clientId, data: { sessionsEnded: ended } });
    });
  }

  const service = { signIn, resolve, signOut, signOutEverywhere, ...signInLinksService(ctx) };
  withClients.set(service, resolveWithClient);
  return service;
}

/** A resolved session: its client as an actor, and the client record as it was just read. */
export interface ResolvedSession {
  actor: ClientActor;
  client?: ClientRecord;
}

/** Each sessions service's `resolveWithClient`, for the HTTP handler only (it is not public API). */
const withClients = new WeakMap<object, (token: string) => Promise<ResolvedSession | null>>();

/**
 * `sessions.resolve(token)`, with the client record when `sessions` is the portal's own
 * service (a host's stand-in gets its `resolve` called and no record).
 */
export async function resolveSession(sessions: { resolve(token: string): Promise<ClientActor | null> }, token: string): Promise<ResolvedSession | null> {
  const own = withClients.get(sessions);
  if (own) return own(token);
  const actor = await sessions.resolve(token);
  return actor ? { actor } : null;
}
